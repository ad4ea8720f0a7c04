import { InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../common/config.ts';
import { ErrorCodes } from '../common/errors.ts';

/** MSAL's answer to a token request whose refresh token the sign-in service refused. */
const refusal: { error: Error } = { error: new Error('unset') };
const ACCOUNT = { homeAccountId: 'megan.t', localAccountId: 'megan', tenantId: 't', username: 'megan@contoso.example' };

vi.mock('@azure/msal-browser', async (original) => ({
  ...(await original<typeof import('@azure/msal-browser')>()),
  PublicClientApplication: class {
    initialize = async () => undefined;
    getAllAccounts = () => [ACCOUNT];
    getActiveAccount = () => ACCOUNT;
    acquireTokenSilent = async () => {
      throw refusal.error;
    };
  },
}));

let msal: typeof import('./msal.ts');
beforeEach(async () => {
  vi.resetModules();
  msal = await import('./msal.ts');
  msal.useRedirectUri('https://ext.chromiumapp.org/');
});

const acquire = () => msal.acquireToken(SANDBOX_SETTINGS, ['https://graph.microsoft.com/User.Read'], true);

describe('a refresh token the sign-in service refuses', () => {
  it('with suberror bad_token (AADSTS700084 as Entra sends it) is a sign-in to renew', async () => {
    refusal.error = new InteractionRequiredAuthError('invalid_grant', '', 'AADSTS700084: ...', 'bad_token');
    await expect(acquire()).rejects.toMatchObject({ code: ErrorCodes.interactionRequired });
  });

  it('without a suberror (invalid_grant alone) is a sign-in to renew too, not a failed sign-in', async () => {
    refusal.error = new ServerError('invalid_grant', '', 'AADSTS700082: The refresh token has expired due to inactivity.');
    await expect(acquire()).rejects.toMatchObject({ code: ErrorCodes.interactionRequired });
  });

  it('for another reason stays a failed sign-in', async () => {
    refusal.error = new ServerError('invalid_client', '', 'AADSTS7000215: Invalid client secret provided.');
    await expect(acquire()).rejects.toMatchObject({ code: ErrorCodes.signInFailed });
  });
});
