import { describe, expect, it } from 'vitest';
import { powerBiContract } from '../../test/contract/powerbi-contract.ts';
import { control } from '../../test/e2e/control.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
const PBI = 'https://analysis.windows.net/powerbi/api/';
const ALL = ['App.Read.All', 'Workspace.ReadWrite.All', 'Capacity.Read.All', 'Tenant.Read.All'].map((s) => PBI + s);
const SALES_APP = '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b';
const FINANCE_WS = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const SALES_WS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const sandbox = sandboxPerFile();
const token = (user: string, scopes = ALL) => mintToken(sandbox(), user, scopes);
const pbi = async (method: string, path: string, user = MEGAN, body?: unknown, scopes = ALL) =>
  sandboxRequest(sandbox(), 'api.powerbi.com', method, path, { token: await token(user, scopes), body });

describe('sandbox Power BI REST', () => {
  it('shows an app with its workspace', async () => {
    const res = await pbi('GET', `/v1.0/myorg/apps/${SALES_APP}`);
    expect(res.body).toMatchObject({ id: SALES_APP, name: 'Sales Analytics', workspaceId: SALES_WS });
  });

  it('tells a Premium workspace by isOnDedicatedCapacity and its capacity', async () => {
    expect((await pbi('GET', `/v1.0/myorg/groups/${FINANCE_WS}`)).body).toMatchObject({
      isOnDedicatedCapacity: true,
      capacityId: '8b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    });
    expect((await pbi('GET', `/v1.0/myorg/groups/${SALES_WS}`)).body).toMatchObject({ isOnDedicatedCapacity: false });
  });

  it('lists capacities with their SKUs', async () => {
    const res = await pbi('GET', '/v1.0/myorg/capacities');
    expect((res.body as { value: { sku: string }[] }).value.map((c) => c.sku)).toEqual(['P1', 'PP3']);
  });

  it("lists an app's audience groups to an admin only", async () => {
    const res = await pbi('GET', `/v1.0/myorg/admin/apps/${SALES_APP}/users`);
    expect(res.body).toMatchObject({ value: [{ principalType: 'Group', graphId: '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c' }] });
    expect((await pbi('GET', `/v1.0/myorg/admin/apps/${SALES_APP}/users`, ADELE)).status).toBe(401);
  });

  it('adds a workspace Viewer for a workspace admin', async () => {
    const res = await pbi('POST', `/v1.0/myorg/groups/${SALES_WS}/users`, MEGAN, {
      identifier: 'ana@partner.example',
      groupUserAccessRight: 'Viewer',
      principalType: 'User',
    });
    expect(res.status).toBe(200);
    const ws = (await control(sandbox().controlPort, sandbox().controlToken).state()).tenants[0]?.powerbi?.workspaces?.find(
      (w) => w.id === SALES_WS,
    );
    expect(ws?.users).toContainEqual({
      identifier: 'ana@partner.example',
      principalType: 'User',
      groupUserAccessRight: 'Viewer',
    });
  });

  it("answers admin reads past the tenant's hourly budget with 429, Retry-After and Power BI's message", async () => {
    const ctl = control(sandbox().controlPort, sandbox().controlToken);
    await ctl.limitPowerBiAdminReads(2, 3600);
    const read = () => pbi('GET', `/v1.0/myorg/admin/apps/${SALES_APP}/users`);
    expect((await read()).status).toBe(200);
    expect((await pbi('GET', '/v1.0/myorg/admin/apps?$top=10')).status).toBe(200);
    const spent = await read();
    expect(spent.status).toBe(429);
    const seconds = Number(spent.headers['retry-after']);
    expect(seconds).toBeGreaterThan(3590);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(spent.body).toEqual({
      message: `You have exceeded the amount of requests allowed in the current time frame and further requests will fail. Retry in ${seconds} seconds.`,
    });
    // Reads that are not the admin API's keep their own budget.
    expect((await pbi('GET', `/v1.0/myorg/apps/${SALES_APP}`)).status).toBe(200);
    await ctl.clearFaults();
    expect((await read()).status).toBe(200);
  });

  it("writes a fault's fractional Retry-After as given, as Graph sends it", async () => {
    const ctl = control(sandbox().controlPort, sandbox().controlToken);
    await ctl.addFault({ host: 'api.powerbi.com', path: '/apps/', status: 429, retryAfterSeconds: 0.249, times: 1 });
    const res = await pbi('GET', `/v1.0/myorg/apps/${SALES_APP}`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('0.249');
    await ctl.clearFaults();
  });

  it('refuses a token for another resource', async () => {
    const res = await pbi('GET', `/v1.0/myorg/apps/${SALES_APP}`, MEGAN, undefined, ['https://graph.microsoft.com/User.Read']);
    expect(res.status).toBe(403);
  });
});

describe('sandbox Power BI REST against ../shared/contracts', () => {
  const contract = powerBiContract();

  it.each([
    ['/v1.0/myorg/apps/{appId}', `/v1.0/myorg/apps/${SALES_APP}`],
    ['/v1.0/myorg/groups/{groupId}', `/v1.0/myorg/groups/${FINANCE_WS}`],
    ['/v1.0/myorg/capacities', '/v1.0/myorg/capacities'],
    ['/v1.0/myorg/admin/apps/{appId}/users', `/v1.0/myorg/admin/apps/${SALES_APP}/users`],
  ])('answers %s as the swagger describes', async (template, path) => {
    const res = await pbi('GET', path);
    expect(res.status).toBe(200);
    expect(contract.response(template, 'get', 200, res.body)).toEqual([]);
  });

  it('takes a GroupUser body as the swagger describes', () => {
    const body = { identifier: 'ana@partner.example', groupUserAccessRight: 'Viewer', principalType: 'User' };
    expect(contract.request('/v1.0/myorg/groups/{groupId}/users', 'post', body)).toEqual([]);
    expect(contract.request('/v1.0/myorg/groups/{groupId}/users', 'post', { emailAddress: 'x' })).not.toEqual([]);
  });
});
