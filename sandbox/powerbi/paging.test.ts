import { describe, expect, it } from 'vitest';
import { sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';

const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
const SALES_WS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SCOPES = ['Workspace.ReadWrite.All', 'Tenant.Read.All'].map((s) => `https://analysis.windows.net/powerbi/api/${s}`);

const sandbox = sandboxPerFile();
const pbi = async (path: string, user = MEGAN) =>
  sandboxRequest(sandbox(), 'api.powerbi.com', 'GET', path, { token: await mintToken(sandbox(), user, SCOPES) });
type List = { value: { id?: string; identifier?: string }[]; '@odata.count'?: number };

/** Two more workspaces Megan administers, five in all. */
function moreWorkspaces() {
  const pbiState = sandbox().store.tenant(CONTOSO)?.powerbi;
  for (const name of ['Marketing', 'Operations']) {
    pbiState?.workspaces?.push({
      id: crypto.randomUUID(),
      name,
      users: [{ identifier: 'megan@contoso.example', principalType: 'User', groupUserAccessRight: 'Admin' }],
    });
  }
}

/** Reads a $top/$skip list as a client must: from what it has received, until a page comes back empty. */
async function readAll(list: string, top: number) {
  const sizes: number[] = [];
  const counts: (number | undefined)[] = [];
  for (let skip = 0; ; ) {
    const reply = await pbi(`${list}${list.includes('?') ? '&' : '?'}$top=${top}&$skip=${skip}`);
    expect(reply.status).toBe(200);
    const body = reply.body as List;
    if (body.value.length === 0) return { sizes, counts };
    sizes.push(body.value.length);
    counts.push(body['@odata.count']);
    skip += body.value.length;
  }
}

describe('Power BI lists page with $top and $skip', () => {
  it('crosses three pages of workspaces under a forced page size of 2, each with the count of all', async () => {
    moreWorkspaces();
    sandbox().faults.forcedPageSize = 2;
    const { sizes, counts } = await readAll('/v1.0/myorg/groups', 100);
    expect(sizes).toEqual([2, 2, 1]);
    expect(counts).toEqual([5, 5, 5]);
  });

  it('pages a workspace’s users the same way', async () => {
    const ws = sandbox()
      .store.tenant(CONTOSO)
      ?.powerbi?.workspaces?.find((w) => w.id === SALES_WS);
    for (const who of ['a', 'b', 'c'])
      ws?.users.push({ identifier: `${who}@partner.example`, principalType: 'User', groupUserAccessRight: 'Viewer' });
    sandbox().faults.forcedPageSize = 2;
    expect((await readAll(`/v1.0/myorg/groups/${SALES_WS}/users`, 100)).sizes).toEqual([2, 2, 1]);
  });

  it('refuses the admin workspace and app lists without $top, or with one above 5000', async () => {
    for (const list of ['/v1.0/myorg/admin/groups', '/v1.0/myorg/admin/apps']) {
      expect(await pbi(list)).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequest' } } });
      expect((await pbi(`${list}?$top=5001`)).status).toBe(400);
      expect((await pbi(`${list}?$top=10`, ADELE)).status).toBe(401);
    }
  });

  it('crosses three pages of every workspace in the organization as admin, with their users on $expand', async () => {
    moreWorkspaces();
    sandbox().faults.forcedPageSize = 2;
    expect((await readAll('/v1.0/myorg/admin/groups', 5000)).sizes).toEqual([2, 2, 1]);
    const expanded = (await pbi('/v1.0/myorg/admin/groups?$top=1&$expand=users')).body;
    expect(expanded).toMatchObject({
      value: [{ id: SALES_WS, state: 'Active', users: [{ identifier: 'megan@contoso.example', graphId: MEGAN }, {}] }],
    });
  });

  it('pages the organization’s apps as admin', async () => {
    const all = (await readAll('/v1.0/myorg/admin/apps', 1)).sizes;
    expect(all).toEqual([1, 1, 1]);
  });
});
