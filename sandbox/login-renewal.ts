/**
 * How a sign-in lasts at Entra for a single-page application, and how it is renewed without a prompt.
 *
 * - A refresh token sent to a redirect URI registered as `spa` ends 24 hours after the sign-in that began it; the
 *   tokens a renewal brings carry that end over, "fixed, limited lifetime of 1.00:00:00, which cannot be extended"
 *   (learn.microsoft.com/entra/identity-platform/refresh-tokens; AADSTS700084 in the error-code reference). Entra
 *   answers `invalid_grant` with `suberror: bad_token` (the body MSAL issue #7033 quotes), which MSAL turns into an
 *   InteractionRequiredAuthError.
 * - The login session (Entra's cookie) lives on: an authorize request with `prompt=none` answers with a code while it
 *   does, `login_required` (AADSTS50058) when it does not, `consent_required` (AADSTS65001) when consent is missing
 *   (learn.microsoft.com/entra/identity-platform/msal-js-prompt-behavior). Its code brings a new refresh token, with
 *   24 hours of its own.
 */
import type { ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { entraError } from './login-helpers.ts';
import type { Payload } from './oidc-adapter.ts';
import type { SandboxTenant } from './store.ts';

export const SPA_REFRESH_TOKEN_LIFETIME_S = 24 * 3600;

/** When the sign-in behind a refresh token began (seconds), if the token is one of a single-page app's and has ended. */
export async function endedSpaRefreshToken(
  provider: Provider,
  tenant: SandboxTenant,
  form: URLSearchParams,
): Promise<number | undefined> {
  if (form.get('grant_type') !== 'refresh_token') return undefined;
  const app = tenant.applications.find((a) => a.appId === form.get('client_id'));
  // The sandbox's apps register SPA redirect URIs only: every refresh token they hold came through one.
  if (!app || app.spaRedirectUris.length === 0) return undefined;
  const token = await provider.RefreshToken.find(form.get('refresh_token') ?? '', { ignoreExpiration: true });
  if (!token) return undefined;
  const began = token.iiat ?? token.iat ?? 0;
  return Date.now() / 1000 - began >= SPA_REFRESH_TOKEN_LIFETIME_S ? began : undefined;
}

/** Read cross-origin, as every answer of the token endpoint to a single-page app is: the refusal is MSAL's to read. */
export function refuseEndedSpaRefreshToken(res: ServerResponse, began: number, origin: string): void {
  entraError(
    res,
    400,
    'invalid_grant',
    700084,
    'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, ' +
      'which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in ' +
      `page. The token was issued on ${new Date(began * 1000).toISOString()}.`,
    { 'access-control-allow-origin': origin, vary: 'Origin' },
    { suberror: 'bad_token' },
  );
}

/** Whether the grant behind a code or refresh token holds `offline_access`, consented at an earlier sign-in. */
const grantKeepsOffline = (grant: { openid?: { scope?: string } } | undefined) =>
  (grant?.openid?.scope ?? '').split(' ').includes('offline_access');

type TokenContext = { oidc: { entities: { Grant?: { getOIDCScope(): string } } } };
const offlineConsented = (ctx: TokenContext | undefined) =>
  (ctx?.oidc.entities.Grant?.getOIDCScope() ?? '').split(' ').includes('offline_access');

/**
 * oidc-provider keeps `offline_access` only on a request that prompts for consent, so a `prompt=none` code would
 * bring no refresh token and its tokens would end with the session. Entra gives one to every code of an app the
 * person consented `offline_access` to.
 */
export const silentRenewalOptions = {
  issueRefreshToken: async (
    ctx: TokenContext,
    client: { grantTypeAllowed(type: string): boolean },
    code: { scopes: Set<string> },
  ) => client.grantTypeAllowed('refresh_token') && (code.scopes.has('offline_access') || offlineConsented(ctx)),
  expiresWithSession: async (ctx: TokenContext, code: { scopes: Set<string> }) =>
    !(code.scopes.has('offline_access') || offlineConsented(ctx)),
};

/** The same for the refresh token itself: renewals ask for `offline_access`, so it must hold it. */
export function keepOfflineAccess(model: string, payload: Payload, find: (key: string) => Payload | undefined): void {
  if (model !== 'RefreshToken' || !payload.grantId) return;
  if (!grantKeepsOffline(find(`Grant:${payload.grantId}`) as { openid?: { scope?: string } } | undefined)) return;
  const scopes = new Set(
    String(payload.scope ?? '')
      .split(' ')
      .filter(Boolean),
  );
  scopes.add('offline_access');
  payload.scope = [...scopes].join(' ');
}

/** Entra's words for what a `prompt=none` request met, in place of oidc-provider's. */
const SILENT_REFUSALS: Record<string, (clientId: string, appName: string) => string> = {
  login_required: () => 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
  consent_required: (clientId, appName) =>
    `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId}' named ` +
    `'${appName}'. Send an interactive authorization request for this user and resource.`,
};

/** A redirect carrying oidc-provider's `login_required` or `consent_required` gets Entra's description. */
export function entraSilentRefusal(location: string, tenant: SandboxTenant, clientId: string): string {
  if (!/[#?&]error=/.test(location)) return location;
  const url = new URL(location);
  const inHash = url.hash.length > 1;
  const params = inHash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
  const words = SILENT_REFUSALS[params.get('error') ?? ''];
  if (!words) return location;
  const app = tenant.applications.find((a) => a.appId === clientId);
  params.set('error_description', words(clientId, app?.displayName ?? ''));
  if (inHash) url.hash = params.toString();
  return url.toString();
}
