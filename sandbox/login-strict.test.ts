import { describe, expect, it } from 'vitest';
import { codeFor, EXTENSION_ORIGIN, loginBrowser, redeem, tokenRequest } from '../test/support/login-by-hand.ts';
import { CONTOSO, sandboxPerFile } from '../test/support/node-sandbox.ts';

/** The sandbox login, where it must be as strict as Entra because browsers differ. */
const sandbox = sandboxPerFile();
const SCOPE = 'https://graph.microsoft.com/User.Read openid profile offline_access';
const FIREFOX_REDIRECT = 'https://b0e5123a17120368db5e975f5400d23bd2cbb9db.extensions.allizom.org/';

describe('redeeming what was issued to a single-page application', () => {
  it('is refused without an Origin header, as Entra refuses it (AADSTS9002327), and the code stays good', async () => {
    const call = loginBrowser(sandbox);
    const code = await codeFor(call, SCOPE);
    const refused = await redeem(call, code, SCOPE);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });
    expect(String(refused.body.error_description)).toMatch(
      /^AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests\.\r\nTrace ID: /,
    );
    const withOrigin = await redeem(loginBrowser(sandbox, { origin: EXTENSION_ORIGIN }), code, SCOPE);
    expect(withOrigin.status).toBe(200);
  });

  it('takes a code issued to the Firefox build redirect URI, from its moz-extension origin', async () => {
    const call = loginBrowser(sandbox, { origin: 'moz-extension://5c5b2bd8-7d4f-4a3e-9b1e-2f6a8c0d1e3f' });
    const code = await codeFor(call, SCOPE, FIREFOX_REDIRECT);
    expect((await redeem(call, code, SCOPE, FIREFOX_REDIRECT)).status).toBe(200);
  });

  it('refuses a refresh token without an Origin header and renews with one', async () => {
    const browser = loginBrowser(sandbox, { origin: EXTENSION_ORIGIN });
    const { body } = await redeem(browser, await codeFor(browser, SCOPE), SCOPE);
    const renewal = { grant_type: 'refresh_token', refresh_token: String(body.refresh_token), scope: SCOPE };
    const refused = await tokenRequest(loginBrowser(sandbox), renewal);
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_request', error_codes: [9002327] } });
    expect((await tokenRequest(browser, renewal)).status).toBe(200);
  });
});

describe('instance discovery', () => {
  const discovery = (path: string) => loginBrowser(sandbox)('GET', path);
  const authorize = encodeURIComponent(`https://login.microsoftonline.com/${CONTOSO}/oauth2/v2.0/authorize`);

  it("answers JSON as Entra does: the tenant's v2.0 configuration and the clouds' aliases, readable from any origin", async () => {
    const reply = await discovery(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    const body = JSON.parse(reply.text);
    expect(body).toMatchObject({
      tenant_discovery_endpoint: `https://login.microsoftonline.com/${CONTOSO}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
    });
    expect(body.metadata[0]).toEqual({
      preferred_network: 'login.microsoftonline.com',
      preferred_cache: 'login.windows.net',
      aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
    });
  });

  it('answers at a tenant segment too, and names the configuration it points at, which is there', async () => {
    const reply = await discovery(`/${CONTOSO}/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    const { tenant_discovery_endpoint } = JSON.parse(reply.text) as { tenant_discovery_endpoint: string };
    const config = await discovery(new URL(tenant_discovery_endpoint).pathname);
    expect(config.status).toBe(200);
    expect(JSON.parse(config.text)).toMatchObject({ issuer: `https://login.microsoftonline.com/${CONTOSO}/v2.0` });
  });

  it('calls an authorize URL on no known cloud an invalid instance (AADSTS50049)', async () => {
    const elsewhere = encodeURIComponent('https://login.example.com/common/oauth2/v2.0/authorize');
    const reply = await discovery(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${elsewhere}`);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'invalid_instance', error_codes: [50049] });
  });
});
