import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, KIM, MEGAN, PAT, ROLES, SUB } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const V = 'api-version=2022-04-01';
type Page = { value: { name: string }[]; nextLink?: string };

/** Kim holds Reader `count` times over at the subscription, so that her assignments fill several pages. */
function kimAssignments(count: number) {
  const azure = sandbox().store.tenant(CONTOSO)?.azure;
  for (let i = 0; i < count; i += 1) {
    azure?.roleAssignments.push({
      name: crypto.randomUUID(),
      scope: `/subscriptions/${SUB}`,
      principalId: KIM,
      principalType: 'User',
      roleDefinitionId: ROLES.reader,
      createdOn: '2026-01-05T10:00:00Z',
    });
  }
}

/** Every page of a list, following each `nextLink` as given. */
async function allPages(first: string, user: string): Promise<Page[]> {
  const pages: Page[] = [];
  let next: string | undefined = first;
  while (next) {
    const reply = await arm('GET', next, user);
    expect(reply.status).toBe(200);
    const page = reply.body as Page;
    pages.push(page);
    const link = page.nextLink ? new URL(page.nextLink) : undefined;
    next = link && `${link.pathname}${link.search}`;
  }
  return pages;
}

const names = (pages: Page[]) => pages.flatMap((p) => p.value.map((v) => v.name));

describe('ARM lists page with nextLink', () => {
  it('crosses three pages of role assignments under a $filter, the last without a nextLink', async () => {
    kimAssignments(5);
    sandbox().faults.forcedPageSize = 2;
    const first = `/subscriptions/${SUB}${AUTH}/roleAssignments?${V}&$filter=${encodeURIComponent(`principalId eq '${KIM}'`)}`;
    const pages = await allPages(first, MEGAN);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    const link = new URL(pages[0]?.nextLink ?? '');
    expect(link.origin).toBe('https://management.azure.com');
    expect(link.searchParams.get('api-version')).toBe('2022-04-01');
    expect(link.searchParams.get('$filter')).toBe(`principalId eq '${KIM}'`);
    expect(link.searchParams.get('$skiptoken')).toBeTruthy();
    expect(new Set(names(pages)).size).toBe(5);
    expect(pages.at(-1)).not.toHaveProperty('nextLink');
  });

  it('answers a list in one page at its own page size, without a nextLink', async () => {
    const reply = await arm('GET', `/subscriptions/${SUB}${AUTH}/roleDefinitions?${V}`, MEGAN);
    const page = reply.body as Page;
    expect(page.value.length).toBeGreaterThan(100);
    expect(page).not.toHaveProperty('nextLink');
  });

  it('pages role definitions, PIM instances, policy assignments and tenants the same way', async () => {
    sandbox().faults.forcedPageSize = 2;
    const definitions = (await arm('GET', `/subscriptions/${SUB}${AUTH}/roleDefinitions?${V}`, MEGAN)).body as Page;
    expect(definitions.value).toHaveLength(2);
    expect(definitions.nextLink).toMatch(/^https:\/\/management\.azure\.com\/subscriptions\/.+\/roleDefinitions\?/);
    const policies = `/subscriptions/${SUB}${AUTH}/roleManagementPolicyAssignments?api-version=2020-10-01`;
    expect(((await arm('GET', policies, MEGAN)).body as Page).nextLink).toBeTruthy();
    const eligible = await allPages(`${AUTH}/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`, PAT);
    expect(eligible.map((p) => p.value.length)).toEqual([2, 2]);
    sandbox().faults.forcedPageSize = 1;
    const tenants = await allPages('/tenants?api-version=2022-12-01', PAT);
    expect(tenants.map((p) => p.value.length)).toEqual([1, 1]);
  });

  it('refuses a skiptoken it did not issue, and one issued for another list', async () => {
    kimAssignments(3);
    sandbox().faults.forcedPageSize = 2;
    const list = `/subscriptions/${SUB}${AUTH}/roleAssignments?${V}`;
    const forged = await arm('GET', `${list}&$skiptoken=2.AAAAAAAAAAAAAAAAAAAAAA`, MEGAN);
    expect(forged).toMatchObject({ status: 400, body: { error: { details: [{ code: 'CouldNotDecodeSkipToken' }] } } });
    const token = new URL(((await arm('GET', list, MEGAN)).body as Page).nextLink ?? '').searchParams.get('$skiptoken') ?? '';
    const elsewhere = `/subscriptions/${SUB}${AUTH}/roleDefinitions?${V}&$skiptoken=${encodeURIComponent(token)}`;
    expect((await arm('GET', elsewhere, MEGAN)).status).toBe(400);
  });
});
