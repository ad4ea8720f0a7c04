import type { IncomingMessage } from 'node:http';
import { BAP_HOST, LOGIN_HOST } from './hosts.ts';

/**
 * Where the sandbox refuses CORS. An MV3 extension's service worker and pages skip CORS only for hosts in its
 * `host_permissions` (developer.chrome.com/docs/extensions/develop/concepts/network-requests), and no Microsoft
 * document says the environment API (api.bap.microsoft.com) answers CORS from an extension's origin
 * (../shared/data/real-tenant.md): so by default the sandbox refuses it there, and a call that leans on CORS fails
 * here as it could against Microsoft. `every-api` refuses it on every API host (Graph, ARM, Power BI, the
 * environment API, Dataverse); the e2e suite and the Firefox test run so, to show the extension leans on it nowhere.
 */
export const CORS_REFUSALS = ['environment-api', 'every-api'] as const;
export type CorsRefusal = (typeof CORS_REFUSALS)[number];

export const isCorsRefusal = (value: unknown): value is CorsRefusal => CORS_REFUSALS.includes(value as CorsRefusal);

/**
 * The login host always answers CORS: MSAL redeems a single-page-app code only in a cross-origin request
 * (AADSTS9002327 otherwise), and oidc-provider answers its CORS itself (login.ts); this covers the sandbox's own
 * answers there (a failure).
 */
function refused(refusal: CorsRefusal, host: string): boolean {
  if (host === LOGIN_HOST) return false;
  return refusal === 'every-api' || host === BAP_HOST;
}

/** The CORS headers of an answer at `host` to `req`: none when the browser sent no Origin or CORS is refused there. */
export function corsHeaders(req: IncomingMessage, host: string, refusal: CorsRefusal): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || refused(refusal, host)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers':
      'retry-after, request-id, client-request-id, x-ms-request-id, x-ms-correlation-request-id, x-ms-client-request-id, location, www-authenticate',
  };
}

/** A preflight's answer headers: the allowances, or nothing at all where CORS is refused (the browser then stops). */
export function preflightHeaders(req: IncomingMessage, host: string, refusal: CorsRefusal): Record<string, string> {
  const allowed = corsHeaders(req, host, refusal);
  if (!allowed['access-control-allow-origin']) return {};
  return {
    ...allowed,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '3600',
  };
}
