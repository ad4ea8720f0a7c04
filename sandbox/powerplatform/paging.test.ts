/**
 * Paging of the environment API and Dataverse. The requests go out unchecked by the Power Platform contract
 * (test/contract/powerplatform): its query lists and Dataverse collection schemas do not yet name `$skiptoken` and
 * `@odata.nextLink`.
 */
import { describe, expect, it } from 'vitest';
import { type SandboxReply, sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADMIN, MEGAN, SALES_HOST, V } from './pp-test-client.ts';

const sandbox = sandboxPerFile();
type Page = { value: { name?: string }[]; nextLink?: string; '@odata.nextLink'?: string };
const BAP = 'api.bap.microsoft.com';

async function get(host: string, pathAndQuery: string, headers: Record<string, string> = {}): Promise<SandboxReply> {
  const audience = host === BAP ? 'https://service.powerapps.com/' : `https://${host}`;
  const token = await mintToken(sandbox(), MEGAN, [`${audience}/.default`]);
  return sandboxRequest(sandbox(), host, 'GET', pathAndQuery, { token, headers });
}

/** Every page of a list, following its next link as given; the link's host must be the list's own. */
async function allPages(host: string, first: string, headers: Record<string, string> = {}): Promise<Page[]> {
  const pages: Page[] = [];
  for (let next: string | undefined = first; next; ) {
    const reply = await get(host, next, headers);
    expect(reply.status).toBe(200);
    const page = reply.body as Page;
    pages.push(page);
    const link = page.nextLink ?? page['@odata.nextLink'];
    if (link) expect(new URL(link).host).toBe(host);
    next = link && `${new URL(link).pathname}${new URL(link).search}`;
  }
  return pages;
}

/** Two more environments, five in all. */
function moreEnvironments() {
  const pp = sandbox().store.tenant(CONTOSO)?.powerPlatform;
  for (const displayName of ['Marketing', 'Operations']) {
    pp?.environments.push({
      name: crypto.randomUUID(),
      displayName,
      location: 'europe',
      azureRegion: 'westeurope',
      environmentSku: 'Sandbox',
      isDefault: false,
      createdTime: '2026-01-05T10:00:00.0000000Z',
    });
  }
}

describe('the environment API pages environment lists with nextLink', () => {
  it('crosses three pages of the admin list, the last without a nextLink', async () => {
    moreEnvironments();
    sandbox().faults.forcedPageSize = 2;
    const pages = await allPages(BAP, `${ADMIN}?${V}`);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flatMap((p) => p.value.map((e) => e.name))).size).toBe(5);
    expect(new URL(pages[0]?.nextLink ?? '').searchParams.get('api-version')).toBe('2020-10-01');
    expect(pages.at(-1)).not.toHaveProperty('nextLink');
  });

  it('pages the maker list the same way, and answers it in one page at its own size', async () => {
    const maker = `/providers/Microsoft.BusinessAppPlatform/environments?${V}`;
    expect((await get(BAP, maker)).body).not.toHaveProperty('nextLink');
    sandbox().faults.forcedPageSize = 1;
    expect((await allPages(BAP, maker)).length).toBeGreaterThan(1);
  });

  it('refuses a skiptoken it did not issue', async () => {
    const reply = await get(BAP, `${ADMIN}?${V}&$skiptoken=2.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'InvalidSkipToken' } } });
  });
});

describe('Dataverse pages under Prefer: odata.maxpagesize', () => {
  const roles = '/api/data/v9.2/roles?$select=name&$filter=ismanaged eq true'.replaceAll(' ', '%20');

  it('crosses three pages of roles under a forced page size, keeping the query, the last without a next link', async () => {
    sandbox().faults.forcedPageSize = 2;
    const pages = await allPages(SALES_HOST, roles);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    const link = new URL(pages[0]?.['@odata.nextLink'] ?? '');
    expect(link.searchParams.get('$filter')).toBe('ismanaged eq true');
    expect(link.searchParams.get('$skiptoken')).toMatch(/^<cookie pagenumber="2" pagingcookie="[^"]+" istracking="False" \/>$/);
    expect(pages.at(-1)).not.toHaveProperty('@odata.nextLink');
  });

  it('answers the page size the client prefers and says so, else everything up to 5,000', async () => {
    const prefer = { prefer: 'odata.maxpagesize=3' };
    const first = await get(SALES_HOST, roles, prefer);
    expect(first.headers['preference-applied']).toBe('odata.maxpagesize=3');
    expect((await allPages(SALES_HOST, roles, prefer)).map((p) => p.value.length)).toEqual([3, 2]);
    const all = await get(SALES_HOST, roles);
    expect((all.body as Page).value).toHaveLength(5);
    expect(all.body).not.toHaveProperty('@odata.nextLink');
    expect(all.headers['preference-applied']).toBeUndefined();
  });

  it('refuses a paging cookie it did not issue', async () => {
    const forged = encodeURIComponent('<cookie pagenumber="2" pagingcookie="2.AAAAAAAAAAAAAAAAAAAAAA" istracking="False" />');
    expect((await get(SALES_HOST, `${roles}&$skiptoken=${forged}`)).status).toBe(400);
  });
});
