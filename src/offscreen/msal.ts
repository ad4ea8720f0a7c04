import {
  type AccountInfo,
  BrowserAuthError,
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type RedirectRequest,
  ServerError,
} from '@azure/msal-browser';
import { authorityFor, type Settings } from '../common/config.ts';
import { AppError, ErrorCodes } from '../common/errors.ts';
import type { SignedInAccount } from '../common/model.ts';
import { oneAtATime } from '../logic/one-at-a-time.ts';

let app: PublicClientApplication | undefined;
let appKey = '';
/** Receives the authorize URL MSAL would navigate to; the background opens it with launchWebAuthFlow. */
let captureNavigation: ((url: string) => void) | undefined;
/** The browser's identity redirect URL (identity.getRedirectURL()), told by whoever hosts MSAL. */
let redirectUri = '';

/**
 * Set once by the host before any sign-in: launchWebAuthFlow ends at this URL, so the authorize request and the code
 * redemption must name it (Chromium's `https://<id>.chromiumapp.org/`, Firefox's `https://<hash>.extensions.allizom.org/`).
 */
export function useRedirectUri(uri: string): void {
  redirectUri = uri;
}

/** One MSAL instance per tenant + client id; rebuilt when the options change. */
async function msal(settings: Settings): Promise<PublicClientApplication> {
  const key = `${settings.tenant}|${settings.clientId}`;
  if (app && appKey === key) return app;
  if (!redirectUri) throw new AppError(ErrorCodes.signInFailed, 'MSAL was started without the redirect URL.');
  const next = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: authorityFor(settings),
      redirectUri,
      // MSAL v5 reads onRedirectNavigate only from here. Returning false keeps this document where it is.
      onRedirectNavigate: (url: string) => {
        captureNavigation?.(url);
        return false;
      },
    },
    cache: { cacheLocation: 'localStorage' },
  });
  await next.initialize();
  app = next;
  appKey = key;
  return next;
}

function toAccount(a: AccountInfo): SignedInAccount {
  // MSAL's home account is `<oid>.<home tenant>`: a guest's home tenant is not the tenant signed in to.
  const home = a.homeAccountId.split('.')[1] ?? a.tenantId;
  return {
    id: a.localAccountId,
    username: a.username,
    name: a.name ?? a.username,
    tenantId: a.tenantId,
    ...(home !== a.tenantId ? { guest: true } : {}),
  };
}

async function currentAccount(settings: Settings): Promise<AccountInfo | null> {
  const pca = await msal(settings);
  const accounts = pca.getAllAccounts();
  const tenant = settings.tenant.toLowerCase();
  return pca.getActiveAccount() ?? accounts.find((a) => a.tenantId === tenant) ?? accounts[0] ?? null;
}

export async function beginSignIn(
  settings: Settings,
  scopes: string[],
  extraScopes: string[],
  askForAccount: boolean,
  claims?: string,
  sameAccount = false,
): Promise<string> {
  const account = claims || sameAccount ? await currentAccount(settings) : null;
  // After a sign-out the login session may still be alive; prompt=login lets the person choose the account.
  // extraScopesToConsent: one consent covers Power BI too, so its tokens come later from the refresh token.
  return authorizeUrl(settings, {
    scopes,
    extraScopesToConsent: extraScopes,
    ...(askForAccount ? { prompt: 'login' } : {}),
    // A claims challenge, and a feature's consent, are met by the account already signed in: MSAL sends a login
    // hint (and the claims).
    ...(claims ? { claims } : {}),
    ...(account ? { account } : {}),
  });
}

/**
 * The same request without a prompt (`prompt=none`), for the account signed in, with its login hint: while Entra's
 * login session lives it answers with a code at once, so a sign-in whose refresh token ended is renewed unseen.
 * The authority is the instance's, the resource tenant's, never /common: a guest signs in there.
 */
export async function beginSilentSignIn(settings: Settings, scopes: string[]): Promise<string> {
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  return authorizeUrl(settings, { scopes, prompt: 'none', account });
}

/** The authorize URL MSAL would navigate to for this request; the background opens it with launchWebAuthFlow. */
async function authorizeUrl(settings: Settings, request: RedirectRequest): Promise<string> {
  const pca = await msal(settings);
  // Clears an interaction left open by an auth window the person closed.
  await endInteraction(pca);
  return new Promise<string>((resolve, reject) => {
    captureNavigation = resolve;
    pca.acquireTokenRedirect(request).catch(reject);
  }).finally(() => {
    captureNavigation = undefined;
  });
}

export async function completeSignIn(settings: Settings, responseUrl: string): Promise<SignedInAccount> {
  const pca = await msal(settings);
  const hash = new URL(responseUrl).hash;
  const result = await pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
  if (!result?.account) throw new AppError(ErrorCodes.signInFailed, 'The sign-in response was not recognised.');
  pca.setActiveAccount(result.account);
  return toAccount(result.account);
}

export async function abandonSignIn(settings: Settings): Promise<void> {
  await endInteraction(await msal(settings));
}

/**
 * Ends the interaction MSAL holds open for a request whose answer will not come (a window closed, a silent renewal
 * refused). MSAL handles a redirect once per hash and then only repeats that first answer (StandardController's
 * `redirectResponse`), so a second call without a hash would never look again and the next sign-in would meet
 * `interaction_in_progress`. A hash of its own, which is no server response, makes MSAL drop the request's state.
 */
function endInteraction(pca: PublicClientApplication) {
  return pca.handleRedirectPromise({ hash: `#ended=${crypto.randomUUID()}`, navigateToLoginRequestUrl: false });
}

export async function getAccount(settings: Settings): Promise<SignedInAccount | null> {
  const account = await currentAccount(settings);
  return account ? toAccount(account) : null;
}

/**
 * One token request at a time: each renewal writes a new refresh token to MSAL's cache, and two renewals racing
 * (Graph and Power BI on one page) would each start from the same one and leave the cache to the slower.
 */
const queue = oneAtATime();

export function acquireToken(settings: Settings, scopes: string[], forceRefresh: boolean, accountId?: string) {
  return queue(() => withinTime(acquireTokenNow(settings, scopes, forceRefresh, accountId)));
}

/** A token request that has not settled in this time will not: the queue moves on and the caller hears so. */
const TOKEN_TIMEOUT_MS = 15_000;

function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError(ErrorCodes.network, 'The sign-in service did not answer in time.')),
      TOKEN_TIMEOUT_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function acquireTokenNow(settings: Settings, scopes: string[], forceRefresh: boolean, accountId?: string) {
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  // Work queued by one account is never sent with another's token: the caller waits for its own account's sign-in.
  if (accountId && account.localAccountId.toLowerCase() !== accountId.toLowerCase())
    throw new AppError(ErrorCodes.notSignedIn, 'Another account is signed in.');
  try {
    // Cache and refresh token only: MSAL's fallback, a hidden iframe, cannot work in an offscreen document and
    // would hold every queued request for its timeout before failing anyway.
    const cacheLookupPolicy = forceRefresh ? CacheLookupPolicy.RefreshToken : CacheLookupPolicy.AccessTokenAndRefreshToken;
    const result = await (await msal(settings)).acquireTokenSilent({ scopes, account, forceRefresh, cacheLookupPolicy });
    return { accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? 0, scopes: result.scopes };
  } catch (e) {
    if (e instanceof InteractionRequiredAuthError || refreshTokenRefused(e))
      throw new AppError(ErrorCodes.interactionRequired, e.errorCode, { cause: e });
    if (e instanceof BrowserAuthError && e.errorCode === 'no_network_connectivity')
      throw new AppError(ErrorCodes.network, e.message, { cause: e });
    throw new AppError(ErrorCodes.signInFailed, e instanceof Error ? e.message : String(e), { cause: e });
  }
}

/**
 * A refresh token the sign-in service no longer takes (`invalid_grant`: ended after its 24 hours, AADSTS700084, or
 * revoked) needs a new authorization, as MSAL itself judges it (checkIfRefreshTokenErrorCanBeResolvedSilently). Entra
 * adds `suberror: bad_token`, which makes it an InteractionRequiredAuthError, to some of these refusals, not to all.
 */
const refreshTokenRefused = (e: unknown): e is ServerError => e instanceof ServerError && e.errorCode === 'invalid_grant';

/**
 * Forgets every account MSAL holds, not only the active one: otherwise the next look-up (`accounts[0]`) would
 * bring another cached account back as signed in. With no account, clearCache empties the whole cache.
 */
export async function signOut(settings: Settings): Promise<void> {
  const pca = await msal(settings);
  pca.setActiveAccount(null);
  await pca.clearCache();
}
