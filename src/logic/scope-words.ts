import { t } from '../common/i18n.ts';
import { resourceTypeWords, scopeParts } from '../common/page-context.ts';

/**
 * What is known of a scope's subscription name: the name ARM gave, `null` when this account cannot read it (a guest
 * holding only an eligible role there lists no subscription), `undefined` when it was not asked for.
 */
export type SubscriptionName = string | null | undefined;

/** The resource and resource group of a scope in words, the first capitalized (nothing for a subscription). */
function belowSubscription(scope: string): string[] {
  const p = scopeParts(scope);
  const words: string[] = [];
  if (p.resourceType && p.name) words.push(t('shellResource', resourceTypeWords(p.resourceType), p.name));
  // The first part leads the line, so it is the capitalized form; later ones follow a separator.
  if (p.resourceGroup)
    words.push(words.length ? t('shellScopeGroup', p.resourceGroup) : t('shellResourceGroup', p.resourceGroup));
  return words;
}

/**
 * The one Azure scope in words (issue 25), the resource's type, name, group and subscription, as every card shows it:
 * "Storage account stdata01 · resource group rg-data · subscription Contoso Prod". A subscription whose name could
 * not be read is said so, not shown as its id (the card shows the exact id in a disclosure beside); one not asked
 * for keeps its id, for lines that have no disclosure.
 */
export function scopeWords(scope: string, subscription: SubscriptionName): string {
  const p = scopeParts(scope);
  const words = belowSubscription(scope);
  if (subscription === null) words.push(words.length ? t('scopeSubscriptionUnread') : t('scopeSubscriptionUnreadFirst'));
  else {
    const name = subscription ?? p.subscriptionId;
    words.push(words.length ? t('shellScopeSubscription', name) : t('shellSubscription', name));
  }
  return words.join(' · ');
}

/** The scope in words within its subscription, shown under the subscription's name: "Resource group rg-data". */
export function placeWords(scope: string): string {
  const words = belowSubscription(scope);
  return words.length ? words.join(' · ') : t('cardWholeSubscription');
}
