import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../common/config.ts';

vi.mock('../core/auth.ts', () => ({
  armToken: async () => ({ accessToken: 'arm', scopes: [] }),
  powerBiToken: async () => ({ accessToken: 'pbi', scopes: [] }),
  resourceToken: async () => ({ accessToken: 'pp', scopes: [] }),
  graphToken: async () => ({ accessToken: 'graph', scopes: [] }),
}));
const { armList } = await import('./arm/client.ts');
const { powerBiList } = await import('./powerbi/client.ts');
const { bapList, dataverseList } = await import('./powerplatform/client.ts');
const { graphList } = await import('./graph/list.ts');
const { graphSession } = await import('./graph/client.ts');

const asked: { url: string; headers: Record<string, string> }[] = [];
/** A service that answers `pages` in turn, whatever is asked. */
function serve(pages: unknown[]) {
  let n = 0;
  vi.stubGlobal('fetch', async (url: string | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    asked.push({ url: typeof url === 'string' ? url : url.url, headers });
    return new Response(JSON.stringify(pages[n++] ?? { value: [] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}
afterEach(() => {
  vi.unstubAllGlobals();
  asked.length = 0;
});

const DV = 'https://org1.crm.dynamics.com/';

describe('the pager', () => {
  it("crosses three pages of Graph's @odata.nextLink, following each link as given", async () => {
    const next = (n: number) => `https://graph.microsoft.com/v1.0/users?$skiptoken=page${n}`;
    serve([
      { value: [3, 4], '@odata.nextLink': next(3) },
      { value: [5], '@odata.nextLink': undefined },
    ]);
    const client = graphSession(SANDBOX_SETTINGS).client;
    const list = await graphList<number>(client, { value: [1, 2], '@odata.nextLink': next(2) });
    expect(list).toEqual({ items: [1, 2, 3, 4, 5], complete: true, read: 5, total: 5 });
    expect(asked.map((a) => a.url)).toEqual([next(2), next(3)]);
  });

  it("crosses three pages of ARM's nextLink", async () => {
    const next = (n: number) => `https://management.azure.com/subscriptions?api-version=2022-12-01&%24skiptoken=${n}`;
    serve([{ value: ['a'], nextLink: next(2) }, { value: ['b'], nextLink: next(3) }, { value: ['c'] }]);
    const list = await armList<string>(SANDBOX_SETTINGS, '/subscriptions', '2022-12-01');
    expect(list.items).toEqual(['a', 'b', 'c']);
    expect(list.complete).toBe(true);
    expect(asked.slice(1).map((a) => a.url)).toEqual([next(2), next(3)]);
  });

  it("crosses three pages of Power BI's $top/$skip and stops at a short page", async () => {
    serve([{ value: [1, 2] }, { value: [3, 4] }, { value: [5] }]);
    const list = await powerBiList<number>(SANDBOX_SETTINGS, '/groups', 2);
    expect(list).toEqual({ items: [1, 2, 3, 4, 5], complete: true, read: 5, total: 5 });
    expect(asked.map((a) => new URL(a.url).search)).toEqual(['?$top=2', '?$top=2&$skip=2', '?$top=2&$skip=4']);
  });

  it('stops, saying the list is not complete, when a next link leads back to a page already read', async () => {
    const again = 'https://graph.microsoft.com/v1.0/users?$skiptoken=a';
    serve([
      { value: [1], '@odata.nextLink': again },
      { value: [2], '@odata.nextLink': again },
    ]);
    const client = graphSession(SANDBOX_SETTINGS).client;
    const list = await graphList<number>(client, client.api('/users').get());
    expect(list).toEqual({ items: [1, 2], complete: false, read: 2 });
    expect(asked).toHaveLength(2);
  });

  it('takes a Power BI list that does not page (longer than asked) as the whole list, asking once', async () => {
    serve([{ value: [1, 2, 3] }, { value: [1, 2, 3] }]);
    const list = await powerBiList<number>(SANDBOX_SETTINGS, '/apps', 2);
    expect(list).toEqual({ items: [1, 2, 3], complete: true, read: 3, total: 3 });
    expect(asked).toHaveLength(1);
  });

  it("crosses three pages of the environment API's nextLink", async () => {
    const next = (n: number) => `https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/environments?page=${n}`;
    serve([{ value: ['e1'], nextLink: next(2) }, { value: ['e2'], nextLink: next(3) }, { value: ['e3'] }]);
    expect((await bapList<string>(SANDBOX_SETTINGS, '/environments')).items).toEqual(['e1', 'e2', 'e3']);
  });

  it("crosses three pages of Dataverse's @odata.nextLink on the environment's own host, asking a page size", async () => {
    const next = (n: number) => `${DV}api/data/v9.2/roles?$skiptoken=${n}`;
    serve([{ value: ['r1'], '@odata.nextLink': next(2) }, { value: ['r2'], '@odata.nextLink': next(3) }, { value: ['r3'] }]);
    expect((await dataverseList<string>(SANDBOX_SETTINGS, DV, '/roles', 1)).items).toEqual(['r1', 'r2', 'r3']);
    expect(asked.map((a) => a.headers.prefer)).toEqual(Array(3).fill('odata.maxpagesize=1'));
  });

  it('stops at its cap and says so: not complete, how many were read and of how many', async () => {
    serve([
      { value: [1, 2, 3], '@odata.count': 2134, '@odata.nextLink': `${DV}api/data/v9.2/roles?$skiptoken=2` },
      { value: [4, 5, 6], '@odata.nextLink': `${DV}api/data/v9.2/roles?$skiptoken=3` },
    ]);
    const list = await dataverseList<number>(SANDBOX_SETTINGS, DV, '/roles', 3, 5);
    expect(list).toEqual({ items: [1, 2, 3, 4, 5], complete: false, read: 5, total: 2134 });
    expect(asked).toHaveLength(2);
  });

  it('refuses a next link to another host, and sends it nothing', async () => {
    serve([{ value: ['a'], nextLink: 'https://collector.example/subscriptions?page=2' }]);
    await expect(armList(SANDBOX_SETTINGS, '/subscriptions', '2022-12-01')).rejects.toMatchObject({ code: 'page_link_refused' });
    serve([{ value: ['r1'], '@odata.nextLink': 'https://org2.crm.dynamics.com/api/data/v9.2/roles?$skiptoken=2' }]);
    await expect(dataverseList(SANDBOX_SETTINGS, DV, '/roles', 1)).rejects.toMatchObject({ code: 'page_link_refused' });
    expect(asked.map((a) => new URL(a.url).host)).toEqual(['management.azure.com', 'org1.crm.dynamics.com']);
  });
});
