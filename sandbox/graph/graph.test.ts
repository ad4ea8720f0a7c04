import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const LEE = 'e3c2a6d4-9f5b-4c73-9d84-2a0b3f4e5d6c';
const G = 'https://graph.microsoft.com/';
const ALL = [`${G}User.Read`, `${G}User.Read.All`, `${G}User.Invite.All`, `${G}Policy.Read.All`];

const sandbox = sandboxPerFile();
const token = (user: string, scopes = ALL) => mintToken(sandbox(), user, scopes);
const graph = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) =>
  sandboxRequest(sandbox(), 'graph.microsoft.com', method, path, opts);
const invite = (t: string, email: string) =>
  graph('POST', '/v1.0/invitations', {
    token: t,
    body: { invitedUserEmailAddress: email, inviteRedirectUrl: 'https://app.powerbi.com/' },
  });

describe('sandbox Graph', () => {
  it('creates a pending guest with an #EXT# user principal name on invitation', async () => {
    const res = await invite(await token(MEGAN), 'ana@partner.example');
    expect(res.status).toBe(201);
    const body = res.body as { status: string; inviteRedeemUrl: string; invitedUser: { id: string } };
    expect(body.status).toBe('PendingAcceptance');
    expect(body.inviteRedeemUrl).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
    const user = await graph('GET', `/v1.0/users/${body.invitedUser.id}?$select=userType,externalUserState,userPrincipalName`, {
      token: await token(MEGAN),
    });
    expect(user.body).toMatchObject({
      userType: 'Guest',
      externalUserState: 'PendingAcceptance',
      userPrincipalName: 'ana_partner.example#EXT#@contoso.onmicrosoft.com',
    });
  });

  it('returns the same user when an existing guest is invited again', async () => {
    const t = await token(MEGAN);
    const first = (await invite(t, 'Pat@Partner.example')).body as { invitedUser: { id: string } };
    expect(first.invitedUser.id).toBe('f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d');
    const state = await control(sandbox().controlPort, sandbox().controlToken).state();
    expect(state.tenants[0]?.users.filter((u) => u.mail === 'pat@partner.example')).toHaveLength(1);
  });

  it('refuses a token without User.Invite.All with Authorization_RequestDenied', async () => {
    const res = await invite(await token(MEGAN, [`${G}User.Read`]), 'bo@partner.example');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });

  it('refuses a member the tenant setting does not allow to invite', async () => {
    const res = await invite(await token(LEE), 'bo@partner.example');
    expect(res.status).toBe(403);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/Guest invitations not allowed/);
  });

  it('rejects an address with a character Graph forbids', async () => {
    const res = await invite(await token(MEGAN), 'bo#x@partner.example');
    expect(res.status).toBe(400);
  });

  it('filters users on mail and otherMails and projects $select', async () => {
    const res = await graph(
      'GET',
      `/v1.0/users?$filter=${encodeURIComponent("mail eq 'kim@fabrikam.example' or otherMails/any(m:m eq 'pat@partner.example')")}&$select=displayName,userType`,
      { token: await token(MEGAN) },
    );
    const rows = (res.body as { value: Record<string, unknown>[] }).value;
    expect(rows.map((r) => r.displayName).sort()).toEqual(['Kim Akers', 'Pat Ortiz']);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['displayName', 'id', 'userType']);
  });

  it('answers each batch item on its own and fails dependants of a failed item with 424', async () => {
    const res = await graph('POST', '/v1.0/$batch', {
      token: await token(MEGAN),
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/00000000-0000-0000-0000-000000000000' },
          { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
          { id: '3', method: 'GET', url: '/me' },
        ],
      },
    });
    const statuses = Object.fromEntries(
      (res.body as { responses: { id: string; status: number }[] }).responses.map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ 1: 404, 2: 424, 3: 200 });
  });

  it('throttles with 429 and Retry-After while a fault is on', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).addFault({
      host: 'graph.microsoft.com',
      path: '^/v1.0/me$',
      status: 429,
      retryAfterSeconds: 2,
      times: 1,
    });
    const t = await token(MEGAN);
    const first = await graph('GET', '/v1.0/me', { token: t });
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2');
    expect((await graph('GET', '/v1.0/me', { token: t })).status).toBe(200);
  });

  it('treats tokens issued before an expiry fault as expired', async () => {
    const t = await token(MEGAN);
    await control(sandbox().controlPort, sandbox().controlToken).expireTokens();
    const res = await graph('GET', '/v1.0/me', { token: t });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    // A batch is refused as a whole, before any of its items runs.
    const batch = await graph('POST', '/v1.0/$batch', { token: t, body: { requests: [{ id: '1', method: 'GET', url: '/me' }] } });
    expect(batch.status).toBe(401);
  });
});

describe('sandbox Graph pre-check data', () => {
  it('tells who may invite through the authorization policy', async () => {
    const res = await graph('GET', '/v1.0/policies/authorizationPolicy?$select=allowInvitesFrom', {
      token: await token(MEGAN, [`${G}Policy.Read.All`]),
    });
    expect(res.body).toMatchObject({ id: 'authorizationPolicy', allowInvitesFrom: 'adminsAndGuestInviters' });
  });

  it('hides the guest state of other users from a User.ReadBasic.All token', async () => {
    const path = `/v1.0/users/f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d?$select=displayName,externalUserState`;
    const basic = await graph('GET', path, { token: await token(MEGAN, [`${G}User.ReadBasic.All`]) });
    expect(basic.body).toMatchObject({ displayName: 'Pat Ortiz', externalUserState: null });
    const full = await graph('GET', path, { token: await token(MEGAN, [`${G}User.Read.All`]) });
    expect(full.body).toMatchObject({ externalUserState: 'PendingAcceptance' });
  });

  it('resets redemption on the same guest object', async () => {
    const t = await token(MEGAN);
    const res = await graph('POST', '/v1.0/invitations', {
      token: t,
      body: {
        invitedUserEmailAddress: 'kim.akers@fabrikam.example',
        inviteRedirectUrl: 'https://app.powerbi.com/',
        resetRedemption: true,
        invitedUser: { id: 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e' },
      },
    });
    expect(res.body).toMatchObject({
      resetRedemption: true,
      status: 'PendingAcceptance',
      invitedUser: { id: 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e' },
    });
    const kim = (await control(sandbox().controlPort, sandbox().controlToken).state()).tenants[0]?.users.find(
      (u) => u.id === 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e',
    );
    expect(kim).toMatchObject({ mail: 'kim.akers@fabrikam.example', externalUserState: 'PendingAcceptance' });
  });
});

describe('sandbox Graph licences and groups', () => {
  const LIC = [
    `${G}LicenseAssignment.Read.All`,
    `${G}LicenseAssignment.ReadWrite.All`,
    `${G}User.ReadWrite.All`,
    `${G}GroupMember.ReadWrite.All`,
    `${G}Group.ReadBasic.All`,
  ];
  const PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
  const PPU = 'c1d032e0-5619-4761-9b5c-75b6831e1711';
  const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';

  it('counts free Pro units from the users who hold them', async () => {
    const res = await graph('GET', '/v1.0/subscribedSkus', { token: await token(MEGAN, LIC) });
    const skus = (res.body as { value: { skuId: string; consumedUnits: number; prepaidUnits: { enabled: number } }[] }).value;
    const pro = skus.find((s) => s.skuId === PRO);
    expect((pro?.prepaidUnits.enabled ?? 0) - (pro?.consumedUnits ?? 0)).toBe(3);
    const ppu = skus.find((s) => s.skuId === PPU);
    expect((ppu?.prepaidUnits.enabled ?? 0) - (ppu?.consumedUnits ?? 0)).toBe(0);
  });

  it('refuses a licence to a guest without a usage location, then assigns it once one is set', async () => {
    const t = await token(MEGAN, LIC);
    const assign = () =>
      graph('POST', `/v1.0/users/${KIM}/assignLicense`, {
        token: t,
        body: { addLicenses: [{ skuId: PRO, disabledPlans: [] }], removeLicenses: [] },
      });
    const refused = await assign();
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/usage location/);
    expect((await graph('PATCH', `/v1.0/users/${KIM}`, { token: t, body: { usageLocation: 'NL' } })).status).toBe(204);
    expect((await assign()).status).toBe(200);
    const details = await graph('GET', `/v1.0/users/${KIM}/licenseDetails`, { token: t });
    expect(details.body).toMatchObject({ value: [{ skuId: PRO, skuPartNumber: 'POWER_BI_PRO' }] });
  });

  it('refuses a licence when no unit is free', async () => {
    const t = await token(MEGAN, LIC);
    await graph('PATCH', `/v1.0/users/${KIM}`, { token: t, body: { usageLocation: 'NL' } });
    const res = await graph('POST', `/v1.0/users/${KIM}/assignLicense`, {
      token: t,
      body: { addLicenses: [{ skuId: PPU }], removeLicenses: [] },
    });
    expect((res.body as { error: { message: string } }).error.message).toMatch(/does not have any available licenses/);
  });

  it('adds a member to a group once and says so when asked twice', async () => {
    const t = await token(MEGAN, LIC);
    const add = () =>
      graph('POST', '/v1.0/groups/1c7e2b3d-4f5a-4b6c-9d7e-8f9a0b1c2d3e/members/$ref', {
        token: t,
        body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${KIM}` },
      });
    expect((await add()).status).toBe(204);
    const again = await add();
    expect(again.status).toBe(400);
    expect((again.body as { error: { message: string } }).error.message).toMatch(/already exist/);
  });

  it('finds groups by the start of their name', async () => {
    const res = await graph(
      'GET',
      `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'finance')")}&$select=id,displayName`,
      { token: await token(MEGAN, LIC) },
    );
    expect(res.body).toMatchObject({ value: [{ displayName: 'Finance report readers' }] });
  });

  it('answers what kind each group is: Microsoft 365, dynamic, role-assignable, or a plain security group', async () => {
    const t = await token(MEGAN, LIC);
    const kind = async (id: string) =>
      (
        await graph(
          'GET',
          `/v1.0/groups/${id}?$select=displayName,groupTypes,securityEnabled,mailEnabled,isAssignableToRole,membershipRule`,
          { token: t },
        )
      ).body;
    expect(await kind('4fa0b5e6-7c8d-4e9f-a0b1-2c3d4e5f6071')).toMatchObject({
      groupTypes: ['Unified'],
      securityEnabled: false,
      mailEnabled: true,
    });
    expect(await kind('5ab1c6f7-8d9e-4fa0-b1c2-3d4e5f607182')).toMatchObject({ isAssignableToRole: true, groupTypes: [] });
    expect(await kind('6bc2d7a8-9eaf-4ab1-82d3-4e5f60718293')).toMatchObject({
      groupTypes: ['DynamicMembership'],
      membershipRule: '(user.department -eq "Finance")',
    });
    expect(await kind('1c7e2b3d-4f5a-4b6c-9d7e-8f9a0b1c2d3e')).toMatchObject({
      displayName: 'Finance report readers',
      groupTypes: [],
      securityEnabled: true,
      mailEnabled: false,
      isAssignableToRole: null,
      membershipRule: null,
    });
  });

  it('finds users by a list of addresses with in, and refuses more than 15', async () => {
    const t = await token(MEGAN);
    const found = await graph(
      'GET',
      encodeURI(
        "/v1.0/users?$filter=mail in ('pat@partner.example','nobody@partner.example','KIM@fabrikam.example')&$select=mail",
      ),
      { token: t },
    );
    expect((found.body as { value: { mail: string }[] }).value.map((u) => u.mail).sort()).toEqual([
      'kim@fabrikam.example',
      'pat@partner.example',
    ]);
    const many = Array.from({ length: 16 }, (_, i) => `'u${i}@x.example'`).join(',');
    expect((await graph('GET', encodeURI(`/v1.0/users?$filter=mail in (${many})`), { token: t })).status).toBe(400);
  });

  it('throttles invitations past the tenant limit, each batch item on its own, with Retry-After', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).limitInvitations(3, 5);
    const t = await token(MEGAN);
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i),
      method: 'POST',
      url: '/invitations',
      headers: { 'content-type': 'application/json' },
      body: { invitedUserEmailAddress: `limit${i}@partner.example`, inviteRedirectUrl: 'https://app.powerbi.com/' },
    }));
    const res = await graph('POST', '/v1.0/$batch', { token: t, body: { requests } });
    const answers = (res.body as { responses: { status: number; headers: Record<string, string> }[] }).responses;
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429]);
    const retry = Number(answers.find((a) => a.status === 429)?.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(5);
    await control(sandbox().controlPort, sandbox().controlToken).clearFaults();
  });
});
