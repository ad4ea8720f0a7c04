import { describe, expect, it } from 'vitest';
import { consentStep, refreshNotGranted } from './consent.ts';

const graph = (s: string) => `https://graph.microsoft.com/${s}`;
const guest = { directoryRoles: [] };
const globalAdmin = { directoryRoles: ['62e90394-69f5-4237-9190-012177145e10'] };

describe('consent as Entra gives it', () => {
  it('shows a guest "Need admin approval" for a permission only an admin may grant, never a consent page for it', () => {
    expect(consentStep(guest, [graph('User.Read'), graph('User.Invite.All')], [])).toEqual({
      page: 'needAdminApproval',
      scopes: [graph('User.Read'), graph('User.Invite.All')],
    });
  });

  it('lets a guest consent to what needs no admin, and lists only what the tenant has not consented', () => {
    expect(
      consentStep(guest, [graph('User.Read'), 'https://management.azure.com/user_impersonation'], [graph('User.Read')]),
    ).toEqual({
      page: 'consent',
      scopes: ['https://management.azure.com/user_impersonation'],
    });
    expect(consentStep(guest, [graph('User.Invite.All')], [graph('User.Invite.All')]).page).toBe('none');
  });

  it('lets a Global Administrator consent to an admin permission', () => {
    expect(consentStep(globalAdmin, [graph('User.Invite.All')], []).page).toBe('consent');
  });

  it('refuses a renewal asking for a permission neither the tenant nor the user granted, and spells `.default` as what is', async () => {
    const models = {
      RefreshToken: { find: async () => ({ grantId: 'g' }) },
      Grant: { find: async () => ({ resources: { 'https://graph.microsoft.com': graph('User.Read') } }) },
    };
    const renewal = (scope: string) =>
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r', scope: `${scope} openid offline_access` });
    expect(await refreshNotGranted(models, renewal(`${graph('User.Read')} ${graph('User.Invite.All')}`), [])).toEqual([
      graph('User.Invite.All'),
    ]);
    expect(await refreshNotGranted(models, renewal(graph('User.Read')), [])).toEqual([]);
    const form = renewal(graph('.default'));
    expect(await refreshNotGranted(models, form, [graph('AuditLog.Read.All')])).toEqual([]);
    expect(form.get('scope')).toBe(`${graph('AuditLog.Read.All')} ${graph('User.Read')} openid offline_access`);
  });
});
