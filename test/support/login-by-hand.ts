import { request } from 'node:https';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { CONTOSO } from './node-sandbox.ts';

export const INVITE_HERE_APP = '6b1f9f0e-2c4d-4f6a-8e1b-3a5c7d9e0f21';
export const CHROMIUM_REDIRECT = 'https://eahibjmkmaganiedoliklnojfjmeckin.chromiumapp.org/';
/** What MSAL in the Chromium build's offscreen document sends as Origin. */
export const EXTENSION_ORIGIN = 'chrome-extension://eahibjmkmaganiedoliklnojfjmeckin';

export interface Reply {
  status: number;
  location: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A browser's part of the code flow, by hand, at login.microsoftonline.com: cookies kept; `origin`, when given, sent
 * with every POST (as a browser sends it with a cross-origin fetch).
 */
export function loginBrowser(sandbox: () => RunningSandbox, options: { origin?: string } = {}) {
  const jar = new Map<string, string>();
  return (method: string, path: string, form?: URLSearchParams, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const sent: Record<string, string> = { host: 'login.microsoftonline.com', ...headers };
      if (jar.size) sent.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (form) sent['content-type'] = 'application/x-www-form-urlencoded';
      if (form && options.origin) sent.origin = options.origin;
      const { port, ca } = sandbox();
      const req = request(
        { host: '127.0.0.1', port, servername: 'login.microsoftonline.com', ca, method, path, headers: sent },
        (res) => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = c.split(';');
            const at = pair.indexOf('=');
            jar.set(pair.slice(0, at), pair.slice(at + 1));
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: String(res.headers.location ?? ''),
              headers: res.headers,
              text: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(form?.toString());
    });
}

type Call = ReturnType<typeof loginBrowser>;

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/** Megan signs in for `scope` on the login pages (consenting when asked); the code the redirect URI receives. */
export async function codeFor(call: Call, scope: string, redirect = CHROMIUM_REDIRECT): Promise<string> {
  let reply = await call('GET', authorizePath(scope, redirect));
  for (let step = 0; step < 10 && !reply.location.startsWith(redirect); step++) {
    const path = new URL(reply.location, 'https://login.microsoftonline.com').pathname;
    const page = reply.location ? await call('GET', path) : reply;
    if (page.text.includes('name="passwd"')) {
      reply = await call('POST', path, new URLSearchParams({ login: 'megan@contoso.example', passwd: 'Sandbox-Pass-1' }));
    } else if (page.text.includes('name="decision"')) {
      reply = await call('POST', path, new URLSearchParams({ decision: 'accept' }));
    } else reply = page;
  }
  return new URL(reply.location).searchParams.get('code') ?? '';
}

/** An authorize request as MSAL sends it (PKCE), with any more parameters (`prompt`, `login_hint`). */
export const authorizePath = (scope: string, redirect = CHROMIUM_REDIRECT, more: Record<string, string> = {}) =>
  `/${CONTOSO}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: INVITE_HERE_APP,
    response_type: 'code',
    redirect_uri: redirect,
    scope,
    state: 's',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...more,
  })}`;

/** The token endpoint's answer to a form, parsed. */
export async function tokenRequest(call: Call, form: Record<string, string>) {
  const reply = await call('POST', `/${CONTOSO}/oauth2/v2.0/token`, new URLSearchParams({ client_id: INVITE_HERE_APP, ...form }));
  return { status: reply.status, body: JSON.parse(reply.text) as Record<string, unknown> };
}

/** Redeems a code as MSAL does, asking for `scope`. */
export const redeem = (call: Call, code: string, scope: string, redirect = CHROMIUM_REDIRECT) =>
  tokenRequest(call, { grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: VERIFIER, scope });
