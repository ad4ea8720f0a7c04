import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Payload } from './oidc-adapter.ts';

/** One RSA signing key per tenant, kept with the state so tokens stay verifiable across restarts. */
export function signingKey(file: string): JsonWebKey {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
  writeFileSync(file, JSON.stringify(jwk));
  return jwk;
}

export const base64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * The resource a scope belongs to: all before its last segment, so `https://graph.microsoft.com/User.Read` gives
 * `https://graph.microsoft.com` and `https://analysis.windows.net/powerbi/api/App.Read.All` gives Power BI's.
 */
export function resourceOf(scope: string): string | undefined {
  if (!scope.startsWith('https://')) return undefined;
  const cut = scope.lastIndexOf('/');
  return cut > 'https://'.length ? scope.slice(0, cut) : undefined;
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Entra refresh tokens are multi-resource: one redeems for any resource the user consented to. oidc-provider binds a
 * refresh token to the scopes of its first request, so the sandbox widens it to the app's configured permissions
 * and the resources its grant holds.
 */
export function widenRefreshToken(
  model: string,
  payload: Payload,
  find: (key: string) => Payload | undefined,
  required: string[],
): void {
  if (model !== 'RefreshToken' || !payload.grantId) return;
  const grant = find(`Grant:${payload.grantId}`) as { resources?: Record<string, string> } | undefined;
  // Renewals may ask for any permission the app is configured with; the grant decides what the token carries.
  const scopes = new Set([
    ...String(payload.scope ?? '')
      .split(' ')
      .filter(Boolean),
    ...required,
  ]);
  for (const resourceScopes of Object.values(grant?.resources ?? {})) for (const s of resourceScopes.split(' ')) scopes.add(s);
  payload.scope = [...scopes].join(' ');
  // Every consented resource, so the refresh request's scopes choose the token's audience (defaultResource).
  const resources = Object.keys(grant?.resources ?? {});
  if (resources.length > 1) payload.resource = resources;
}

/** Scopes Entra grants without showing them on the consent page. */
export const SILENT_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * oidc-provider drops `offline_access` (so: no refresh token) unless the request prompts for consent, where Entra
 * always honours it. Asking for consent here, and skipping the page when nothing new is asked, gives Entra's
 * behaviour: MSAL gets its refresh token and the person sees consent once.
 */
export function askForConsentWithOfflineAccess(query: URLSearchParams): void {
  if (!(query.get('scope') ?? '').split(' ').includes('offline_access')) return;
  const prompts = new Set((query.get('prompt') ?? '').split(' ').filter(Boolean));
  if (prompts.has('none')) return;
  prompts.add('consent');
  query.set('prompt', [...prompts].join(' '));
}

/** Authentication contexts the sandbox's tenants define (Entra's c1…c25; these three are enough here). */
export const AUTH_CONTEXTS = ['c1', 'c2', 'c3'];

/**
 * A claims request for an authentication context (`{"access_token":{"acrs":{"essential":true,"value":"c1"}}}`, what
 * a client sends after ARM's claims challenge) becomes `acr_values` for oidc-provider, with a fresh sign-in.
 */
export function askForAuthenticationContext(query: URLSearchParams): void {
  const claims = query.get('claims');
  if (!claims) return;
  query.delete('claims');
  let value: unknown;
  try {
    value = (JSON.parse(claims) as { access_token?: { acrs?: { value?: unknown; values?: unknown[] } } }).access_token?.acrs;
  } catch {
    return;
  }
  const acrs = value as { value?: unknown; values?: unknown[] } | undefined;
  const wanted = [acrs?.value, ...(acrs?.values ?? [])].find(
    (v): v is string => typeof v === 'string' && AUTH_CONTEXTS.includes(v),
  );
  if (!wanted) return;
  query.set('acr_values', wanted);
  const prompts = new Set((query.get('prompt') ?? '').split(' ').filter(Boolean));
  prompts.delete('none');
  prompts.add('login');
  query.set('prompt', [...prompts].join(' '));
}

/**
 * An error as Entra's endpoints answer it: JSON with the AADSTS code in the description (followed by trace and
 * correlation ids and a timestamp, each on its own line), the code again as a number, and a link to its page.
 */
export function entraError(
  res: ServerResponse,
  status: number,
  error: string,
  aadsts: number,
  message: string,
  headers: Record<string, string> = {},
  /** Fields Entra adds for some errors, such as `suberror`. */
  extra: Record<string, unknown> = {},
): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(
    JSON.stringify({
      error,
      error_description: `AADSTS${aadsts}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
      ...extra,
    }),
  );
}
