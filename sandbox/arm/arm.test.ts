import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
const SUB = '11111111-2222-4333-8444-555555555555';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
const AUTH = '/providers/Microsoft.Authorization';

const sandbox = sandboxPerFile();
const arm = async (method: string, path: string, user = MEGAN, body?: unknown) =>
  sandboxRequest(sandbox(), 'management.azure.com', method, path, {
    token: await mintToken(sandbox(), user, ['https://management.azure.com/user_impersonation']),
    body,
  });
const assign = (scope: string, role: string, principal: string, user = MEGAN) =>
  arm('PUT', `${scope}${AUTH}/roleAssignments/${crypto.randomUUID()}?api-version=2022-04-01`, user, {
    properties: {
      roleDefinitionId: `/subscriptions/${SUB}${AUTH}/roleDefinitions/${role}`,
      principalId: principal,
      principalType: 'User',
    },
  });

/** A PIM schedule request (AdminAssign) for Kim at the storage account. */
const scheduleRequest = (
  kind: 'roleEligibilityScheduleRequests' | 'roleAssignmentScheduleRequests',
  role: string,
  scheduleInfo: { startDateTime: string; expiration: object },
) =>
  arm('PUT', `${STORAGE}${AUTH}/${kind}/${crypto.randomUUID()}?api-version=2020-10-01`, MEGAN, {
    properties: {
      principalId: KIM,
      roleDefinitionId: `/subscriptions/${SUB}${AUTH}/roleDefinitions/${role}`,
      requestType: 'AdminAssign',
      scheduleInfo,
    },
  });

describe('sandbox ARM', () => {
  it('names the subscription and resource group', async () => {
    expect((await arm('GET', `/subscriptions/${SUB}?api-version=2022-12-01`)).body).toMatchObject({
      displayName: 'Contoso Prod',
    });
    expect((await arm('GET', `/subscriptions/${SUB}/resourcegroups/rg-data?api-version=2025-04-01`)).body).toMatchObject({
      name: 'rg-data',
    });
  });

  it("lists Microsoft's built-in role definitions", async () => {
    const res = await arm('GET', `${STORAGE}${AUTH}/roleDefinitions?api-version=2022-04-01`);
    const names = (res.body as { value: { properties: { roleName: string } }[] }).value.map((r) => r.properties.roleName);
    expect(names).toEqual(expect.arrayContaining(['Reader', 'Storage Blob Data Reader', 'Owner']));
  });

  it('assigns a role at exactly the resource scope for an Owner', async () => {
    const res = await assign(STORAGE, BLOB_READER, KIM);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ properties: { scope: STORAGE, principalId: KIM } });
  });

  it('refuses a caller without roleAssignments/write with AuthorizationFailed', async () => {
    const res = await assign(STORAGE, READER, KIM, ADELE);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
  });

  it('answers PrincipalNotFound while a new guest replicates', async () => {
    const invited = await sandboxRequest(sandbox(), 'graph.microsoft.com', 'POST', '/v1.0/invitations', {
      token: await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.Invite.All']),
      body: { invitedUserEmailAddress: 'raj@partner.example', inviteRedirectUrl: 'https://portal.azure.com/' },
    });
    const raj = (invited.body as { invitedUser: { id: string } }).invitedUser.id;
    const res = await assign(STORAGE, READER, raj);
    expect(res.body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
    await control(sandbox().controlPort, sandbox().controlToken).reset();
  });

  it('hides a new guest for 90 s of sandbox time, which the time scale makes 1.5 s of the wall clock', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    await c.principalReplication(90_000);
    await c.timeScale(60);
    // Users are created on a whole second (createdDateTime has no fraction): the wait counts from that second.
    const started = Math.floor(Date.now() / 1000) * 1000;
    const invited = await sandboxRequest(sandbox(), 'graph.microsoft.com', 'POST', '/v1.0/invitations', {
      token: await mintToken(sandbox(), MEGAN, ['https://graph.microsoft.com/User.Invite.All']),
      body: { invitedUserEmailAddress: 'ravi@partner.example', inviteRedirectUrl: 'https://portal.azure.com/' },
    });
    const ravi = (invited.body as { invitedUser: { id: string } }).invitedUser.id;
    expect((await assign(STORAGE, READER, ravi)).body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
    await expect.poll(async () => (await assign(STORAGE, READER, ravi)).status, { timeout: 3500, interval: 250 }).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('records a PIM eligibility ending after the requested duration', async () => {
    const start = new Date().toISOString();
    const res = await scheduleRequest('roleEligibilityScheduleRequests', BLOB_READER, {
      startDateTime: start,
      expiration: { type: 'AfterDuration', duration: 'P7D' },
    });
    expect(res.status).toBe(201);
    const list = await arm('GET', `${STORAGE}${AUTH}/roleEligibilityScheduleInstances?api-version=2020-10-01`);
    // Pat's seeded eligibilities are at the storage account too; this one is Kim's.
    const [instance] = (
      list.body as { value: { properties: { principalId: string; scope: string; endDateTime: string } }[] }
    ).value.filter((i) => i.properties.principalId === KIM);
    expect(instance?.properties.scope).toBe(STORAGE);
    expect(Date.parse(instance?.properties.endDateTime ?? '') - Date.parse(start)).toBe(7 * 86_400_000);
  });
  it('holds a time-bound active assignment from its start to its end, and only then', async () => {
    const schedule = (startDateTime: string, expiration: object) =>
      scheduleRequest('roleAssignmentScheduleRequests', READER, { startDateTime, expiration });
    const now = Date.now();
    const holding = await schedule(new Date(now).toISOString(), { type: 'AfterDuration', duration: 'PT8H' });
    expect(holding.status).toBe(201);
    const later = await schedule(new Date(now + 3 * 86_400_000).toISOString(), {
      type: 'AfterDateTime',
      endDateTime: new Date(now + 5 * 86_400_000).toISOString(),
    });
    expect(later.status).toBe(201);
    const list = await arm('GET', `${STORAGE}${AUTH}/roleAssignments?api-version=2022-04-01&$filter=atScope()`);
    const kims = (list.body as { value: { properties: { principalId: string } }[] }).value.filter(
      (a) => a.properties.principalId === KIM,
    );
    expect(kims).toHaveLength(1);
    const state = await control(sandbox().controlPort, sandbox().controlToken).state();
    const ends = state.tenants[0]?.azure?.roleAssignments.filter((a) => a.principalId === KIM).map((a) => a.endDateTime);
    expect(ends).toEqual([new Date(now + 8 * 3_600_000).toISOString(), new Date(now + 5 * 86_400_000).toISOString()]);
  });

  it('refuses a schedule whose end comes before its start', async () => {
    const res = await scheduleRequest('roleAssignmentScheduleRequests', READER, {
      startDateTime: new Date().toISOString(),
      expiration: { type: 'AfterDateTime', endDateTime: '2020-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(400);
  });
});
