import { describe, expect, it } from 'vitest';
import { codeFor, EXTENSION_ORIGIN, loginBrowser, redeem, tokenRequest } from '../test/support/login-by-hand.ts';
import { sandboxPerFile } from '../test/support/node-sandbox.ts';
import { expandDefaultScopes } from './login-default-scope.ts';

const sandbox = sandboxPerFile();
const consented = [
  'https://graph.microsoft.com/User.Read',
  'https://service.powerapps.com/User',
  'https://contoso-sales.crm.dynamics.com/user_impersonation',
];

/** Signs Megan in for `scope` and redeems the code, asking the token endpoint for `scope` as MSAL does. */
async function signInFor(scope: string) {
  const call = loginBrowser(sandbox, { origin: EXTENSION_ORIGIN });
  return redeem(call, await codeFor(call, scope), scope);
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
    expect(String(reply.body.scope).split(' ')).toContain('https://service.powerapps.com/User');
  });

  it('hands a token request on to the provider after reading its scope', async () => {
    const reply = await tokenRequest(loginBrowser(sandbox, { origin: EXTENSION_ORIGIN }), {
      grant_type: 'refresh_token',
      refresh_token: 'not-a-refresh-token',
      scope: 'https://service.powerapps.com/.default openid offline_access',
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_grant' });
  });
});
