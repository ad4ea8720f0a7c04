import { browser } from '../../common/browser.ts';
import {
  ARM_ORIGIN,
  ARM_SCOPES,
  GRAPH_ORIGIN,
  POWERBI_RESOURCE,
  resourceOfScope,
  type Settings,
  SIGN_IN_SCOPES,
} from '../../common/config.ts';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import type { SignedInAccount } from '../../common/model.ts';
import { session } from '../../common/storage.ts';
import { callOffscreen } from './offscreen.ts';
import { withSilentRenewal } from './renewal.ts';

/**
 * Interactive sign-in. MSAL cannot run in a service worker (msal-browser#3923), so the offscreen document builds
 * the authorize request, this worker shows it with launchWebAuthFlow, and the offscreen document redeems the code
 * (in Firefox, MSAL does both in the event page itself: offscreen.ts).
 */
export function signIn(settings: Settings, claims?: string): Promise<SignedInAccount> {
  // A claims challenge is ARM's: the sign-in that meets it is asked for an ARM token. Otherwise what every person
  // needs, never an admin's scope: each feature asks for its own when first used (consent.ts).
  return signInWith(settings, claims ? { scopes: ARM_SCOPES, extraScopes: [], claims } : consentRequest(SIGN_IN_SCOPES));
}

/**
 * A sign-in that consents to these scopes at once: the first resource's are the token's, the others'
 * extraScopesToConsent (MSAL asks one resource per token; their tokens come later from the refresh token).
 */
export function consentRequest(scopes: string[]): { scopes: string[]; extraScopes: string[] } {
  const first = resourceOfScope(scopes[0] ?? '');
  return {
    scopes: scopes.filter((s) => resourceOfScope(s) === first),
    extraScopes: scopes.filter((s) => resourceOfScope(s) !== first),
  };
}

/** The same sign-in for other scopes: the setup check asks for what was consented (`.default`), not for more. */
export async function signInWith(
  settings: Settings,
  request: { scopes: string[]; extraScopes: string[]; claims?: string; sameAccount?: boolean },
): Promise<SignedInAccount> {
  const askForAccount = await session.signedOut.get();
  const { url } = await callOffscreen('beginSignIn', { settings, ...request, askForAccount });
  let responseUrl: string | undefined;
  try {
    responseUrl = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (e) {
    await callOffscreen('abandonSignIn', { settings });
    throw new AppError(ErrorCodes.signInCancelled, e instanceof Error ? e.message : String(e), { cause: e });
  }
  if (!responseUrl) throw new AppError(ErrorCodes.signInCancelled);
  const error = new URLSearchParams(new URL(responseUrl).hash.slice(1)).get('error_description');
  if (error) {
    await callOffscreen('abandonSignIn', { settings });
    throw new AppError(error.includes('AADSTS65004') ? ErrorCodes.signInCancelled : ErrorCodes.signInFailed, error);
  }
  const { account } = await callOffscreen('completeSignIn', { settings, responseUrl });
  forgetTokens();
  await session.signedOut.remove();
  return account;
}

export async function currentAccount(settings: Settings): Promise<SignedInAccount | null> {
  return (await callOffscreen('getAccount', { settings })).account;
}

export async function signOut(settings: Settings): Promise<void> {
  forgetTokens();
  await callOffscreen('signOut', { settings });
  await session.signedOut.set(true);
}

/**
 * Settings bound to one account: tokens are given for that account alone, or the call fails as "not signed in".
 * The engine sends queued work this way, so a sign-in that changes mid-turn cannot lend its token (issue 21).
 */
export interface AccountSettings extends Settings {
  accountId: string;
}

export const forAccount = (settings: Settings, accountId: string): AccountSettings => ({ ...settings, accountId });

const accountOf = (settings: Settings) => (settings as Partial<AccountSettings>).accountId;

/**
 * Access tokens this worker already holds, by scope set, kept in memory only (gone when the worker stops, never in
 * storage). A flow makes several calls; each would otherwise ask the offscreen document again (issue 9).
 */
const held = new Map<string, { accessToken: string; expiresOn: number; scopes: string[]; resource: string }>();
/** A token this close to its end is renewed rather than sent: the call may take a while to reach the service. */
const RENEW_BEFORE_MS = 5 * 60_000;

export function forgetTokens(): void {
  held.clear();
}

/**
 * A token: the one held, while it has a while to run; otherwise from the MSAL cache, renewed through the refresh
 * token when needed (`forceRefresh` after the service said the last one expired). A request the offscreen document
 * gave up on (it did not settle in time) is made once more as a plain renewal, which takes a path of its own.
 */
async function token(settings: Settings, scopes: string[], forceRefresh: boolean) {
  const key = `${settings.tenant}|${settings.clientId}|${accountOf(settings) ?? ''}|${scopes.join(' ')}`;
  const mine = held.get(key);
  if (!forceRefresh && mine && mine.expiresOn - Date.now() > RENEW_BEFORE_MS) return mine;
  const fresh = { ...(await offscreenToken(settings, scopes, forceRefresh)), resource: resourceOfScope(scopes[0] ?? '') };
  held.set(key, fresh);
  return fresh;
}

/**
 * What the tokens this worker holds for these settings say was granted, by resource: Entra names in each token every
 * permission granted on its audience, so no request is needed to learn it (the popup's consent lines).
 */
export function heldGrants(settings: Settings): { resource: string; scopes: string[] }[] {
  const prefix = `${settings.tenant}|${settings.clientId}|`;
  return [...held].filter(([key]) => key.startsWith(prefix)).map(([, t]) => ({ resource: t.resource, scopes: t.scopes }));
}

async function offscreenToken(bound: Settings, scopes: string[], forceRefresh: boolean) {
  const { cloud, tenant, clientId } = bound;
  const accountId = accountOf(bound);
  const settings = { cloud, tenant, clientId };
  // A sign-in whose refresh token ended is renewed without a prompt first (renewal.ts).
  const ask = (force: boolean) =>
    withSilentRenewal(settings, scopes, () =>
      callOffscreen('acquireToken', { settings, scopes, forceRefresh: force, ...(accountId ? { accountId } : {}) }),
    );
  try {
    return await ask(forceRefresh);
  } catch (e) {
    held.clear();
    if (forceRefresh || !(e instanceof AppError && e.code === ErrorCodes.network)) throw e;
    return ask(true);
  }
}

/**
 * Each resource's token is asked for with the scopes sign-in consented on it. Entra puts every permission granted on
 * the audience in the token, not only those asked for, so a feature's scopes consented later (consent.ts) come
 * with the same request; asking for them here would fail for whoever has not consented yet.
 */
const signInScopesOn = (resource: string) => SIGN_IN_SCOPES.filter((s) => resourceOfScope(s) === resource);

/** A Graph token. */
export const graphToken = (settings: Settings, forceRefresh: boolean) =>
  token(settings, signInScopesOn(GRAPH_ORIGIN), forceRefresh);

/** A Power BI REST token, from the same sign-in (its consent was asked with extraScopesToConsent). */
export const powerBiToken = (settings: Settings, forceRefresh: boolean) =>
  token(settings, signInScopesOn(POWERBI_RESOURCE), forceRefresh);

/** An Azure Resource Manager token, from the same sign-in. */
export const armToken = (settings: Settings, forceRefresh: boolean) => token(settings, signInScopesOn(ARM_ORIGIN), forceRefresh);

/**
 * A token asked for with exactly these scopes of one resource: refused (`interaction_required`, Entra's
 * AADSTS65001) when this account was not granted one of them. How a feature learns whether it needs consent.
 */
export const scopedToken = (settings: Settings, scopes: string[]) => token(settings, scopes, false);

/**
 * A token for another resource of the same sign-in (the environment API, a Dataverse instance), by its `.default`
 * scope: whatever was consented for that resource, as Microsoft's own SDKs ask for it.
 */
export const resourceToken = (settings: Settings, resource: string, forceRefresh: boolean) =>
  token(settings, [`${resource.replace(/\/$/, '')}/.default`], forceRefresh);
