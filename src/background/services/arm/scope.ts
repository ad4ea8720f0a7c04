import type { Settings } from '../../../common/config.ts';
import { t } from '../../../common/i18n.ts';
import { resourceTypeWords, scopeParts } from '../../../common/page-context.ts';
import { path } from '../url-path.ts';
import { armGet } from './client.ts';

/**
 * An ARM scope in words, with the subscription's display name from ARM:
 * "Storage account stdata01 · resource group rg-data · subscription Contoso Prod".
 */
export async function describeScopeWithNames(settings: Settings, scope: string): Promise<string> {
  const p = scopeParts(scope);
  const sub = await armGet<{ displayName?: string }>(settings, path`/subscriptions/${p.subscriptionId}`, '2022-12-01');
  return scopeWords(scope, sub.displayName);
}

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

/** The scope in words, with the subscription's name when it is known (its id otherwise). */
export function scopeWords(scope: string, subscriptionName: string | undefined): string {
  const words = belowSubscription(scope);
  const subscription = subscriptionName ?? scopeParts(scope).subscriptionId;
  words.push(words.length ? t('shellScopeSubscription', subscription) : t('shellSubscription', subscription));
  return words.join(' · ');
}

/** The scope in words within its subscription, shown under the subscription's name: "Resource group rg-data". */
export function placeWords(scope: string): string {
  const words = belowSubscription(scope);
  return words.length ? words.join(' · ') : t('cardWholeSubscription');
}
