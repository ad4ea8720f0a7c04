import { browser } from '../../common/browser.ts';
import type { Settings } from '../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../common/errors.ts';
import { callOffscreen } from './offscreen.ts';

/**
 * A sign-in that lasts (issue 23). A single-page app's refresh token ends 24 hours after the sign-in, whatever its
 * use (AADSTS700084; learn.microsoft.com/entra/identity-platform/refresh-tokens), while Entra's login session lives
 * on. So when a token cannot be had without the person (interaction required), the sign-in is first renewed without
 * a window: a `prompt=none` authorization in the browser's auth flow, its code redeemed, the token asked again. Only
 * when that fails too (the session has ended) is the person asked, by the "sign in again" they already know.
 */
export async function withSilentRenewal<T>(settings: Settings, scopes: string[], ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if (!hasCode(e, ErrorCodes.interactionRequired)) throw e;
    // Whatever stopped the silent renewal, the person can mend it by signing in: the first refusal stands.
    const renewed = await renewSilently(settings, scopes).then(
      () => true,
      () => false,
    );
    if (!renewed) throw e;
    // Once: a token still refused after a renewal is the person's to mend, not another renewal's.
    return ask();
  }
}

/**
 * One silent renewal at a time: the calls of one view (Graph, ARM, Power BI) all meet the ended refresh token at
 * once, and each would otherwise open an auth flow of its own. Only the renewal under way is kept, for its length.
 */
let renewing: Promise<void> | undefined;

function renewSilently(settings: Settings, scopes: string[]): Promise<void> {
  renewing ??= silentSignIn(settings, scopes).finally(() => {
    renewing = undefined;
  });
  return renewing;
}

async function silentSignIn(settings: Settings, scopes: string[]): Promise<void> {
  const { url } = await callOffscreen('beginSilentSignIn', { settings, scopes });
  const responseUrl = await browser.identity.launchWebAuthFlow({ url, interactive: false }).catch(() => undefined);
  // `login_required`, `interaction_required`, `consent_required`: Entra could not answer without the person.
  const refused = !responseUrl || new URLSearchParams(new URL(responseUrl).hash.slice(1)).has('error');
  if (!responseUrl || refused) {
    await callOffscreen('abandonSignIn', { settings });
    throw new AppError(ErrorCodes.interactionRequired, 'The sign-in could not be renewed without the person.');
  }
  await callOffscreen('completeSignIn', { settings, responseUrl });
}
