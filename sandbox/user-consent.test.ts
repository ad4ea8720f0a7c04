import { describe, expect, it } from 'vitest';
import { control } from '../test/e2e/control.ts';
import { codeFor, EXTENSION_ORIGIN, INVITE_HERE_APP, loginBrowser, redeem } from '../test/support/login-by-hand.ts';
import { CONTOSO, sandboxPerFile } from '../test/support/node-sandbox.ts';

/** A user's own consent is Entra's oauth2PermissionGrant: it outlives the login session it was given in. */
const sandbox = sandboxPerFile();
const client = () => control(sandbox().controlPort, sandbox().controlToken);
const INVITE = 'https://graph.microsoft.com/User.Invite.All';
const SCOPE = `https://graph.microsoft.com/User.Read ${INVITE} openid profile offline_access`;

/** Megan signs in in a browser of her own (a new login session), consenting when asked; the token's scopes. */
async function signInFresh(): Promise<string[]> {
  const browser = loginBrowser(sandbox, { origin: EXTENSION_ORIGIN });
  const { body } = await redeem(browser, await codeFor(browser, SCOPE), SCOPE);
  return String(body.scope).split(' ');
}

describe("a user's own consent", () => {
  it('is asked once: a later sign-in, in a new login session, shows no consent page and keeps the permission', async () => {
    await client().patchApplication(CONTOSO, INVITE_HERE_APP, { consentedScopes: [] });
    expect(await signInFresh()).toContain(INVITE);
    expect(await signInFresh()).toContain(INVITE);
    const pages = (await client().consentPages()).filter((p) => p.account === 'megan@contoso.example');
    expect(pages.map((p) => p.page)).toEqual(['consent']);
    expect(pages[0]?.scopes).toContain(INVITE);
  });
});
