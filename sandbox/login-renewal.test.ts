import { describe, expect, it } from 'vitest';
import { control } from '../test/e2e/control.ts';
import {
  authorizePath,
  codeFor,
  EXTENSION_ORIGIN,
  INVITE_HERE_APP,
  loginBrowser,
  redeem,
  tokenRequest,
} from '../test/support/login-by-hand.ts';
import { CONTOSO, sandboxPerFile } from '../test/support/node-sandbox.ts';

/** A sign-in of a single-page app lasts a day; the login session renews it without a prompt (login-renewal.ts). */
const sandbox = sandboxPerFile();
const SCOPE = 'https://graph.microsoft.com/User.Read openid profile offline_access';
const client = () => control(sandbox().controlPort, sandbox().controlToken);

async function signedIn() {
  const browser = loginBrowser(sandbox, { origin: EXTENSION_ORIGIN });
  const { body } = await redeem(browser, await codeFor(browser, SCOPE), SCOPE);
  const renewal = (refreshToken: unknown) =>
    tokenRequest(browser, { grant_type: 'refresh_token', refresh_token: String(refreshToken), scope: SCOPE });
  /** A `prompt=none` request, as MSAL sends it for a known account: where the login sends the browser back. */
  const silently = async () =>
    new URL(
      (await browser('GET', authorizePath(SCOPE, undefined, { prompt: 'none', login_hint: 'megan@contoso.example' }))).location,
    );
  return { browser, refreshToken: body.refresh_token, renewal, silently };
}

describe('a single-page app sign-in a day old', () => {
  it('is refused renewal as Entra refuses it (AADSTS700084, bad_token), though renewals kept going until then', async () => {
    const { browser, refreshToken, renewal } = await signedIn();
    expect((await renewal(refreshToken)).status).toBe(200);
    await client().ageRefreshTokens();
    const refused = await renewal(refreshToken);
    // MSAL reads the refusal from a cross-origin fetch: without CORS it would see a network failure instead.
    const form = { client_id: INVITE_HERE_APP, grant_type: 'refresh_token', refresh_token: String(refreshToken) };
    const raw = await browser('POST', `/${CONTOSO}/oauth2/v2.0/token`, new URLSearchParams(form));
    expect(raw.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_codes: [700084], suberror: 'bad_token' });
    expect(String(refused.body.error_description)).toMatch(
      /^AADSTS700084: The refresh token was issued to a single page app \(SPA\), and therefore has a fixed, limited lifetime of 1\.00:00:00, which cannot be extended\..*The token was issued on \d{4}-/,
    );
  });

  it('is renewed by a prompt=none request while the login session lives: a code, and a refresh token good for a day', async () => {
    const { browser, renewal, silently } = await signedIn();
    await client().ageRefreshTokens();
    const back = await silently();
    const code = back.searchParams.get('code');
    expect(code).toBeTruthy();
    const { status, body } = await redeem(browser, code ?? '', SCOPE);
    expect(status).toBe(200);
    expect(body.refresh_token).toBeTruthy();
    expect((await renewal(body.refresh_token)).status).toBe(200);
    const asked = (await client().authorizations()).at(-1);
    expect(asked).toMatchObject({ prompt: 'none', loginHint: 'megan@contoso.example' });
  });

  it('is answered login_required (AADSTS50058) on a prompt=none request once the login session has ended', async () => {
    const { silently } = await signedIn();
    await client().ageRefreshTokens();
    await client().endLoginSessions();
    const back = await silently();
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('login_required');
    expect(back.searchParams.get('error_description')).toMatch(/^AADSTS50058: A silent sign-in request was sent/);
  });
});
