import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, messageOf, PARTNER_LTD, rowsOf } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const admin = () => control(sandbox().controlPort, sandbox().controlToken);
const POLICY = '/policies/crossTenantAccessPolicy';
const users = () => sandbox().store.tenant(CONTOSO)?.users ?? [];
const invite = (email: string) =>
  graph('POST', '/invitations', { body: { invitedUserEmailAddress: email, inviteRedirectUrl: 'https://app.powerbi.com/' } });
const blocked = {
  usersAndGroups: { accessType: 'blocked' as const, targets: [{ target: 'AllUsers', targetType: 'user' as const }] },
};

describe('cross-tenant access settings', () => {
  it("shows Entra's service default: B2B collaboration allowed both ways", async () => {
    const res = await graph('GET', `${POLICY}/default`);
    expect(res.body).toMatchObject({
      isServiceDefault: true,
      b2bCollaborationInbound: {
        usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
      },
      b2bCollaborationOutbound: { applications: { accessType: 'allowed' } },
      b2bDirectConnectInbound: { usersAndGroups: { accessType: 'blocked' } },
    });
  });

  it("lists Partner Ltd's entry and reads it by tenant id; an unknown tenant is a 404", async () => {
    expect(rowsOf(await graph('GET', `${POLICY}/partners`)).map((p) => p.tenantId)).toEqual([PARTNER_LTD]);
    const partner = await graph('GET', `${POLICY}/partners/${PARTNER_LTD}`);
    expect(partner.body).toMatchObject({
      tenantId: PARTNER_LTD,
      b2bCollaborationInbound: { usersAndGroups: { accessType: 'allowed' } },
      b2bCollaborationOutbound: null,
    });
    expect((await graph('GET', `${POLICY}/partners/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('refuses an invitation that the inviting tenant blocks inbound, with the message Entra gives', async () => {
    await admin().patchCrossTenantAccess(CONTOSO, { partners: [{ tenantId: PARTNER_LTD, b2bCollaborationInbound: blocked }] });
    const res = await invite('ines@partner.example');
    expect(res.status).toBe(400);
    expect(messageOf(res)).toMatch(/^This invitation is blocked by cross-tenant access settings\./);
    expect(users().some((u) => u.mail === 'ines@partner.example')).toBe(false);
  });

  it("refuses an invitation the invitee's home tenant blocks outbound, by default", async () => {
    await admin().patchCrossTenantAccess(PARTNER_LTD, { default: { b2bCollaborationOutbound: blocked } });
    expect((await invite('ines@partner.example')).status).toBe(400);
    await admin().patchCrossTenantAccess(PARTNER_LTD, { default: null });
    expect((await invite('ines@partner.example')).status).toBe(201);
  });
});

describe('the B2B allow/deny list', () => {
  it('refuses an invitation to a domain on the deny list and creates no user', async () => {
    const res = await invite('eve@blocked.example');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'Request_BadRequest' } });
    expect(messageOf(res)).toMatch(/'blocked\.example' are blocked/);
    expect(users().some((u) => u.mail === 'eve@blocked.example')).toBe(false);
  });

  it('with an allowlist, invites only to the domains on it', async () => {
    await admin().setCollaborationRestrictions(CONTOSO, { mode: 'allowList', domains: ['partner.example'] });
    expect((await invite('ines@partner.example')).status).toBe(201);
    expect((await invite('ana@fabrikam.example')).status).toBe(400);
  });

  it('still resends to a guest of a blocked domain who has redeemed', async () => {
    await admin().setCollaborationRestrictions(CONTOSO, { mode: 'denyList', domains: ['fabrikam.example'] });
    expect((await invite('kim@fabrikam.example')).status).toBe(201);
  });
});

describe('domains', () => {
  it("lists the tenant's verified domains, the custom one as default", async () => {
    const res = await graph('GET', '/domains');
    expect(rowsOf(res)).toEqual([
      expect.objectContaining({ id: 'contoso.onmicrosoft.com', isInitial: true, isDefault: false, isVerified: true }),
      expect.objectContaining({ id: 'contoso.example', isInitial: false, isDefault: true, authenticationType: 'Managed' }),
    ]);
    const noScope = await graph('GET', '/domains', { scopes: ['https://graph.microsoft.com/User.Read'] });
    expect(noScope.status).toBe(403);
  });
});
