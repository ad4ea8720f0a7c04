import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../test/support/node-sandbox.ts';
import { expandDefaultScopes } from './login-default-scope.ts';

const sandbox = sandboxPerFile();
const APP = '6b1f9f0e-2c4d-4f6a-8e1b-3a5c7d9e0f21';
const REDIRECT = 'https://eahibjmkmaganiedoliklnojfjmeckin.chromiumapp.org/';
const consented = [
  'https://graph.microsoft.com/User.Read',
  'https://service.powerapps.com/User',
  'https://contoso-sales.crm.dynamics.com/user_impersonation',
];

const authorize = (scope: string) =>
  `/${CONTOSO}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: APP,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope,
    state: 's',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  })}`;

/** A browser's part of the code flow, by hand: cookies kept, redirects followed within login.microsoftonline.com. */
function browser() {
  const jar = new Map<string, string>();
  const call = (method: string, path: string, form?: URLSearchParams) =>
    new Promise<{ status: number; location: string; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = { host: 'login.microsoftonline.com' };
      if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
      const { port, ca } = sandbox();
      const req = request(
        { host: '127.0.0.1', port, servername: 'login.microsoftonline.com', ca, method, path, headers },
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
              text: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(form?.toString());
    });
  return call;
}

/** Signs Megan in for `scope` and redeems the code, asking the token endpoint for `scope` as MSAL does. */
async function signInFor(scope: string) {
  const call = browser();
  let reply = await call('GET', authorize(scope));
  for (let step = 0; step < 10 && !reply.location.startsWith(REDIRECT); step++) {
    const path = new URL(reply.location, 'https://login.microsoftonline.com').pathname;
    const page = reply.location ? await call('GET', path) : reply;
    if (page.text.includes('name="passwd"')) {
      reply = await call('POST', path, new URLSearchParams({ login: 'megan@contoso.example', passwd: 'Sandbox-Pass-1' }));
    } else if (page.text.includes('name="decision"')) {
      reply = await call('POST', path, new URLSearchParams({ decision: 'accept' }));
    } else reply = page;
  }
  const code = new URL(reply.location).searchParams.get('code') ?? '';
  const form = new URLSearchParams({
    client_id: APP,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    scope,
  });
  const token = await call('POST', `/${CONTOSO}/oauth2/v2.0/token`, form);
  return { status: token.status, body: JSON.parse(token.text) as Record<string, string> };
}

describe('the `.default` scope at the sandbox login', () => {
  it('stands for the consented scopes of its resource, with one slash or two', () => {
    expect(expandDefaultScopes('https://service.powerapps.com//.default openid', consented)).toBe(
      'https://service.powerapps.com/User openid',
    );
    expect(expandDefaultScopes('https://contoso-sales.crm.dynamics.com/.default', consented)).toBe(
      'https://contoso-sales.crm.dynamics.com/user_impersonation',
    );
  });

  it('is left alone for a resource the app has no consent on', () => {
    expect(expandDefaultScopes('https://example.com/.default', consented)).toBe('https://example.com/.default');
  });

  it('grants a token for the environment API, its scopes those consented there', async () => {
    const reply = await signInFor('https://service.powerapps.com/.default openid profile offline_access');
    expect(reply.status).toBe(200);
    expect(reply.body.scope?.split(' ')).toContain('https://service.powerapps.com/User');
  });

  it('hands a token request on to the provider after reading its scope', async () => {
    const form = new URLSearchParams({
      client_id: APP,
      grant_type: 'refresh_token',
      refresh_token: 'not-a-refresh-token',
      scope: 'https://service.powerapps.com/.default openid offline_access',
    });
    const reply = await browser()('POST', `/${CONTOSO}/oauth2/v2.0/token`, form);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'invalid_grant' });
  });
});
