import { describe, expect, it } from 'vitest';
import { powerBiContract } from '../../test/contract/powerbi-contract.ts';
import { sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';
const PARTNER_ANALYSTS = '2d8f3c4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const SALES_WS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const FINANCE_WS = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const SCIENCE_WS = '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c';
const SCOPES = ['Workspace.ReadWrite.All'].map((s) => `https://analysis.windows.net/powerbi/api/${s}`);

const sandbox = sandboxPerFile();
const contract = powerBiContract();
const pbi = async (method: string, path: string, user = MEGAN) =>
  sandboxRequest(sandbox(), 'api.powerbi.com', method, path, { token: await mintToken(sandbox(), user, SCOPES) });
const names = (body: unknown) => (body as { value: { name: string }[] }).value.map((w) => w.name);
const users = async (ws: string) => {
  const res = await pbi('GET', `/v1.0/myorg/groups/${ws}/users`);
  expect(contract.response('/v1.0/myorg/groups/{groupId}/users', 'get', 200, res.body)).toEqual([]);
  return (res.body as { value: { identifier: string; displayName?: string; emailAddress?: string }[] }).value;
};
const remove = (ws: string, user: string, caller = MEGAN) =>
  pbi('DELETE', `/v1.0/myorg/groups/${ws}/users/${encodeURIComponent(user)}`, caller);

describe('Power BI workspaces and their users', () => {
  it('lists the workspaces the caller has a role in, own or through a group, as the swagger describes', async () => {
    const res = await pbi('GET', '/v1.0/myorg/groups');
    expect(contract.response('/v1.0/myorg/groups', 'get', 200, res.body)).toEqual([]);
    expect(names(res.body)).toEqual(['Sales Analytics', 'Finance', 'Data Science']);
    expect(names((await pbi('GET', '/v1.0/myorg/groups', ADELE)).body)).toEqual(['Sales Analytics']);
    const science = sandbox()
      .store.tenant(CONTOSO)
      ?.powerbi?.workspaces?.find((w) => w.id === SCIENCE_WS);
    science?.users.push({ identifier: PARTNER_ANALYSTS, principalType: 'Group', groupUserAccessRight: 'Viewer' });
    expect(names((await pbi('GET', '/v1.0/myorg/groups', PAT)).body)).toEqual(['Finance', 'Data Science']);
    const paged = (await pbi('GET', '/v1.0/myorg/groups?$top=1&$skip=1')).body;
    expect(names(paged)).toEqual(['Finance']);
    expect(paged).toMatchObject({ '@odata.count': 3 });
  });

  it('lists a workspace’s users with their names to an Admin, and not to a Viewer', async () => {
    expect(await users(FINANCE_WS)).toContainEqual({
      identifier: 'pat@partner.example',
      principalType: 'User',
      groupUserAccessRight: 'Viewer',
      displayName: 'Pat Ortiz',
      emailAddress: 'pat@partner.example',
    });
    expect((await pbi('GET', `/v1.0/myorg/groups/${FINANCE_WS}/users`, PAT)).status).toBe(401);
  });

  it('removes a user named by their address with 200, then answers 404 for them', async () => {
    const res = await remove(FINANCE_WS, 'pat@partner.example');
    expect(res.status).toBe(200);
    expect(contract.response('/v1.0/myorg/groups/{groupId}/users/{user}', 'delete', 200, res.body)).toEqual([]);
    expect((await users(FINANCE_WS)).map((u) => u.identifier)).toEqual(['megan@contoso.example']);
    expect((await remove(FINANCE_WS, 'pat@partner.example')).status).toBe(404);
  });

  it('finds a guest named by their UPN when the workspace lists their address', async () => {
    expect((await remove(FINANCE_WS, 'pat_partner.example#EXT#@contoso.onmicrosoft.com')).status).toBe(200);
    expect((await users(FINANCE_WS)).map((u) => u.identifier)).toEqual(['megan@contoso.example']);
  });

  it('lets only an Admin remove people, and never the last Admin', async () => {
    expect((await remove(SALES_WS, 'megan@contoso.example', ADELE)).status).toBe(401);
    expect((await remove(SCIENCE_WS, 'megan@contoso.example')).status).toBe(400);
    // The seed's Viewer (a guest, issue 27) stays beside her: nothing was removed.
    expect((await users(SCIENCE_WS)).map((u) => u.identifier)).toEqual(['megan@contoso.example', 'ola@partner.example']);
  });
});
