/**
 * Entra redeems what it issued to a single-page application's redirect URI (codes, and the refresh tokens they
 * bring) only in a cross-origin request, known by its `Origin` header; a request without one (a server, or a browser
 * context that sends none) gets AADSTS9002327. Browsers differ in which requests carry Origin, so the sandbox checks
 * it as Entra does.
 */
import type { ServerResponse } from 'node:http';
import { entraError } from './login-helpers.ts';
import type { SandboxTenant } from './store.ts';

/** Whether this token request redeems an SPA's code or refresh token without an Origin header. */
export function spaRedemptionWithoutOrigin(tenant: SandboxTenant, form: URLSearchParams, origin: string | undefined): boolean {
  if (origin) return false;
  const app = tenant.applications.find((a) => a.appId === form.get('client_id'));
  if (!app) return false;
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') return app.spaRedirectUris.includes(form.get('redirect_uri') ?? '');
  // The sandbox's apps register SPA redirect URIs only: every refresh token they hold came through one.
  if (grant === 'refresh_token') return app.spaRedirectUris.length > 0;
  return false;
}

export function refuseSpaRedemption(res: ServerResponse): void {
  entraError(
    res,
    400,
    'invalid_request',
    9002327,
    "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  );
}
