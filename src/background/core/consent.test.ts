import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../common/config.ts';
import { AppError, ErrorCodes } from '../../common/errors.ts';

/** The scopes this account was granted, as the login would answer a silent request; and the sign-ins shown. */
const account = {
  granted: new Set<string>(),
  signIns: [] as { scopes: string[]; extraScopes: string[]; sameAccount?: boolean }[],
};
let signInFails: AppError | undefined;
vi.mock('./auth.ts', () => ({
  scopedToken: async (_settings: object, scopes: string[]) => {
    if (scopes.some((s) => !account.granted.has(s))) throw new AppError(ErrorCodes.interactionRequired, 'consent_required');
    return { accessToken: 't', expiresOn: 0, scopes };
  },
  consentRequest: (scopes: string[]) => ({ scopes: scopes.slice(0, 1), extraScopes: scopes.slice(1) }),
  signInWith: async (_settings: object, request: { scopes: string[]; extraScopes: string[]; sameAccount?: boolean }) => {
    account.signIns.push(request);
    if (signInFails) throw signInFails;
    for (const s of [...request.scopes, ...request.extraScopes]) account.granted.add(s);
    return { id: 'megan', username: 'megan@contoso.example', name: 'Megan', tenantId: 't' };
  },
}));

const { ensureConsent, invitationFeatures } = await import('./consent.ts');
const graph = (s: string) => `https://graph.microsoft.com/${s}`;

beforeEach(() => {
  account.granted = new Set([graph('User.Read'), 'https://management.azure.com/user_impersonation']);
  account.signIns = [];
  signInFails = undefined;
});

describe('incremental consent', () => {
  it("asks for the invite scopes at the first invitation, in the signed-in account's window, and not at the second", async () => {
    await ensureConsent(SANDBOX_SETTINGS, ['invite']);
    expect(account.signIns).toEqual([
      {
        scopes: [graph('User.Read')],
        extraScopes: [graph('User.Read.All'), graph('User.Invite.All'), graph('Policy.Read.All')],
        sameAccount: true,
      },
    ]);
    await ensureConsent(SANDBOX_SETTINGS, ['invite']);
    expect(account.signIns).toHaveLength(1);
  });

  it('asks nothing for a feature whose scopes are already granted (an admin consented for the tenant)', async () => {
    await ensureConsent(SANDBOX_SETTINGS, ['azureRoles']);
    expect(account.signIns).toEqual([]);
  });

  it('stops with "consent needed" when the window ends without consent (Need admin approval, Cancel)', async () => {
    signInFails = new AppError(ErrorCodes.signInFailed, 'AADSTS90094: Invite Here needs permission…');
    await expect(ensureConsent(SANDBOX_SETTINGS, ['guestCard'])).rejects.toMatchObject({ code: ErrorCodes.consentNeeded });
  });

  it('asks an invitation for the scopes of each part it carries', () => {
    const invitation = { email: 'a@b.example', redirectUrl: 'https://myapps.microsoft.com' } as never;
    expect(invitationFeatures({ invitation })).toEqual(['invite']);
    expect(invitationFeatures({ invitation, powerBi: {} as never, powerPlatform: {} as never })).toEqual([
      'invite',
      'powerBiAccess',
      'powerPlatform',
    ]);
  });
});

describe('what a bulk file asks consent for', () => {
  it('adds Power BI access for rows with a group or licence, and Power Platform for an environment', async () => {
    const { bulkFeatures } = await import('./consent.ts');
    const row = { verdict: 'invite' as const };
    expect(bulkFeatures({ meta: {}, rows: [row] })).toEqual(['invite']);
    expect(
      bulkFeatures({
        meta: {},
        rows: [
          { ...row, groupId: 'g' },
          { ...row, verdict: 'invalid', licenseSkuId: 's' },
        ],
      }),
    ).toEqual(['invite', 'powerBiAccess']);
    expect(bulkFeatures({ meta: { environment: {} as never }, rows: [{ ...row, verdict: 'invalid', groupId: 'g' }] })).toEqual([
      'invite',
      'powerPlatform',
    ]);
  });
});
