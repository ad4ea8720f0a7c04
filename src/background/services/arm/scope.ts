import type { Settings } from '../../../common/config.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { scopeWords } from '../../../logic/scope-words.ts';
import { path } from '../url-path.ts';
import { arm, armGet } from './client.ts';

/** The display name of a scope's subscription as ARM gives it to this account, or null when it cannot read it. */
export async function subscriptionName(settings: Settings, scope: string): Promise<string | null> {
  const { subscriptionId } = scopeParts(scope);
  return arm<{ displayName?: string }>(settings, 'GET', path`/subscriptions/${subscriptionId}`, '2022-12-01').then(
    (sub) => sub.displayName ?? null,
    () => null,
  );
}

/**
 * An ARM scope in words, with the subscription's display name from ARM:
 * "Storage account stdata01 · resource group rg-data · subscription Contoso Prod".
 */
export async function describeScopeWithNames(settings: Settings, scope: string): Promise<string> {
  const p = scopeParts(scope);
  const sub = await armGet<{ displayName?: string }>(settings, path`/subscriptions/${p.subscriptionId}`, '2022-12-01');
  return scopeWords(scope, sub.displayName);
}
