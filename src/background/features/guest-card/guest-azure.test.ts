import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ armToken: async () => ({ accessToken: 'arm', scopes: [] }) }));
const { azureRolesOf, MAX_SUBSCRIPTIONS } = await import('./guest-azure.ts');

const GUEST = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const sub = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const NEXT = 'https://management.azure.com/subscriptions?api-version=2022-12-01&$skiptoken=2';

/** One eligible Reader for the guest at the subscription's rg-data. */
const eligibleIn = (id: string) => ({
  properties: {
    scope: `/subscriptions/${id}/resourceGroups/rg-data`,
    roleDefinitionId: `/subscriptions/${id}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
    principalId: GUEST,
    memberType: 'Direct',
    roleEligibilityScheduleId: `/subscriptions/${id}/resourceGroups/rg-data/providers/Microsoft.Authorization/roleEligibilitySchedules/e-${id}`,
    endDateTime: null,
    expandedProperties: { roleDefinition: { displayName: 'Reader' } },
  },
});

/**
 * ARM as the card meets it: `pages` of subscriptions, followed by nextLink; in each, the guest's eligible Reader,
 * except where the admin may not read (403 AuthorizationFailed). Every URL asked is kept.
 */
function serveArm(
  pages: { id: string; displayName: string }[][],
  refused: Set<string>,
  activeFor = new Map<string, unknown[]>(),
) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    asked.push(url.pathname + url.search);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/subscriptions') {
      const page = url.searchParams.has('$skiptoken') ? 1 : 0;
      const value = (pages[page] ?? []).map((s) => ({ subscriptionId: s.id, displayName: s.displayName }));
      return json(200, page + 1 < pages.length ? { value, nextLink: NEXT } : { value });
    }
    const id = /^\/subscriptions\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
    if (refused.has(id)) return json(403, { error: { code: 'AuthorizationFailed', message: 'no' } });
    if (url.pathname.endsWith('/roleEligibilityScheduleInstances')) return json(200, { value: [eligibleIn(id)] });
    return json(200, { value: activeFor.get(id) ?? [] });
  });
  return asked;
}
afterEach(() => vi.unstubAllGlobals());

describe("the card's Azure roles across subscriptions", () => {
  it('reads every page of subscriptions and lists the roles under each one, named', async () => {
    const asked = serveArm(
      [[{ id: sub(1), displayName: 'Contoso Prod' }], [{ id: sub(2), displayName: 'Contoso Dev' }]],
      new Set(),
    );
    const azure = await azureRolesOf(SANDBOX_SETTINGS, GUEST);
    expect(azure.subscriptions.map((s) => [s.displayName, s.roles.map((r) => `${r.roleName} ${r.removal}`)])).toEqual([
      ['Contoso Prod', ['Reader eligibility']],
      ['Contoso Dev', ['Reader eligibility']],
    ]);
    expect(azure.read).toEqual({ read: 2, complete: true, total: 2 });
    expect(azure.skipped).toBe(0);
    // The guest's, with the groups they are in: assignedTo, at each subscription.
    expect(asked.filter((u) => u.includes('roleEligibilityScheduleInstances'))).toHaveLength(2);
    expect(asked.every((u) => !u.includes('Instances') || decodeURIComponent(u).includes(`assignedTo('${GUEST}')`))).toBe(true);
  });

  it('skips and counts the subscriptions the admin may not read, and shows the rest', async () => {
    serveArm(
      [
        [
          { id: sub(1), displayName: 'Contoso Prod' },
          { id: sub(2), displayName: 'Fabrikam shared' },
          { id: sub(3), displayName: 'Contoso Dev' },
        ],
      ],
      new Set([sub(2)]),
    );
    const azure = await azureRolesOf(SANDBOX_SETTINGS, GUEST);
    expect(azure.subscriptions.map((s) => s.displayName)).toEqual(['Contoso Prod', 'Contoso Dev']);
    expect(azure.skipped).toBe(1);
  });

  it('reads no more than its cap of subscriptions, and says how many there were', async () => {
    const many = Array.from({ length: MAX_SUBSCRIPTIONS + 5 }, (_, n) => ({ id: sub(n), displayName: `S${n}` }));
    const asked = serveArm([many], new Set());
    const azure = await azureRolesOf(SANDBOX_SETTINGS, GUEST);
    expect(azure.read).toEqual({ read: MAX_SUBSCRIPTIONS, complete: false, total: MAX_SUBSCRIPTIONS + 5 });
    expect(azure.subscriptions).toHaveLength(MAX_SUBSCRIPTIONS);
    expect(asked.filter((u) => u.includes('roleEligibilityScheduleInstances'))).toHaveLength(MAX_SUBSCRIPTIONS);
  });

  it("links an eligibility to the activation running from it, with the activation's end", async () => {
    const end = '2026-12-07T18:00:00Z';
    const e = eligibleIn(sub(1)).properties;
    const activation = {
      properties: {
        ...e,
        roleEligibilityScheduleId: undefined,
        assignmentType: 'Activated',
        linkedRoleEligibilityScheduleId: e.roleEligibilityScheduleId,
        originRoleAssignmentId: `${e.scope}/providers/Microsoft.Authorization/roleAssignments/${sub(9)}`,
        endDateTime: end,
      },
    };
    serveArm([[{ id: sub(1), displayName: 'Contoso Prod' }]], new Set(), new Map([[sub(1), [activation]]]));
    const [prod] = (await azureRolesOf(SANDBOX_SETTINGS, GUEST)).subscriptions;
    const eligible = prod?.roles.find((r) => r.removal === 'eligibility');
    expect(eligible?.activation).toEqual({ scope: e.scope, end });
    expect(eligible?.place).toBe('Resource group rg-data');
    expect(prod?.roles.find((r) => r.removal === 'scheduledAssignment')?.end).toBe(end);
  });
});
