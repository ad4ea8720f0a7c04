import type { Client } from '@microsoft/microsoft-graph-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ armToken: async () => ({ accessToken: 'arm', scopes: [] }) }));
const { externalAccessAzure } = await import('./external-access-azure.ts');

const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555';
const STORAGE = `${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
const AUTH = '/providers/Microsoft.Authorization';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const [RAFAEL, INES, TOMAS, YUKI, LEE, GROUP] = ['r', 'i', 't', 'y', 'l', 'g'].map(
  (c) => `${c.repeat(8)}-0000-4000-8000-000000000000`,
) as [string, string, string, string, string, string];

const instance = (scope: string, principalId: string, role: string, o: Record<string, unknown> = {}) => ({
  properties: {
    scope,
    principalId,
    principalType: principalId === GROUP ? 'Group' : 'User',
    roleDefinitionId: `${SUB}${AUTH}/roleDefinitions/${role}`,
    endDateTime: null,
    originRoleAssignmentId: `${scope}${AUTH}/roleAssignments/a-${principalId}`,
    expandedProperties: {
      roleDefinition: { displayName: role === READER ? 'Reader' : 'Owner' },
      principal: { displayName: principalId === GROUP ? 'Relecloud contractors' : 'someone' },
    },
    ...o,
  },
});
const definition = (id: string, roleName: string, actions: string[]) => ({
  name: id,
  properties: { roleName, description: '', permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }] },
});

/** ARM: the active instances on two pages (the second repeating one of the first), one eligibility, two roles. */
function serveArm() {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    asked.push(decodeURIComponent(url.pathname + url.search));
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const direct = instance(STORAGE, RAFAEL, READER);
    if (url.pathname.endsWith('/roleAssignmentScheduleInstances')) {
      if (url.searchParams.has('page2')) return json({ value: [direct, instance(SUB, TOMAS, READER)] });
      return json({
        value: [direct, instance(STORAGE, GROUP, OWNER)],
        nextLink: `https://management.azure.com${url.pathname}?page2=1&api-version=2020-10-01`,
      });
    }
    if (url.pathname.endsWith('/roleEligibilityScheduleInstances'))
      return json({
        value: [instance(STORAGE, YUKI, READER, { endDateTime: '2027-06-30T00:00:00Z', originRoleAssignmentId: undefined })],
      });
    if (url.pathname.endsWith('/roleDefinitions'))
      return json({ value: [definition(READER, 'Reader', ['*/read']), definition(OWNER, 'Owner', ['*'])] });
    return json({ displayName: 'Contoso Prod' });
  });
  return asked;
}

const users: Record<string, Record<string, unknown>> = {
  [RAFAEL]: { displayName: 'Rafael Costa', userType: 'Guest', externalUserState: 'Accepted' },
  [INES]: { displayName: 'Ines Moreau', userType: 'Guest', externalUserState: 'Accepted' },
  [TOMAS]: { displayName: 'Tomás Ruiz', userType: 'Guest', externalUserState: 'PendingAcceptance' },
  [YUKI]: {
    displayName: 'Yuki Tanaka',
    userType: 'Member',
    userPrincipalName: 'yuki_treyresearch.example#EXT#@contoso.onmicrosoft.com',
  },
  [LEE]: { displayName: 'Lee Gu', userType: 'Member', userPrincipalName: 'lee@contoso.example' },
};

/** Graph: the group's members on two pages (Lee, a member of the tenant, among them); users, sponsors, sign-ins. */
function fakeGraph(signIn: (id: string) => { status: number; body: unknown }): Client {
  const member = (id: string) => ({ '@odata.type': '#microsoft.graph.user', id, ...users[id] });
  const item = ({ id, url }: { id: string; url: string }) => {
    const user = /\/users\/([^/?]+)/.exec(url)?.[1] as string;
    if (id.startsWith('s'))
      return { id, status: 200, body: { value: user === RAFAEL ? [{ id: 'm', displayName: 'Megan Bowen' }] : [] } };
    if (id.startsWith('a')) return { id, ...signIn(user) };
    return { id, status: 200, body: { id: user, ...users[user] } };
  };
  return {
    api: (url: string) => ({
      get: async () =>
        url.includes('page2')
          ? { value: [member(RAFAEL)] }
          : {
              value: [member(INES), member(LEE)],
              '@odata.nextLink': `https://graph.microsoft.com/v1.0/groups/${GROUP}/transitiveMembers?page2=1`,
            },
      post: async ({ requests }: { requests: { id: string; url: string }[] }) => {
        batched.push(...requests.map((r) => r.url));
        return { responses: requests.map(item) };
      },
    }),
  } as unknown as Client;
}
/** Every request the fake Graph took in a JSON batch. */
const batched: string[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  batched.length = 0;
});

const signedIn = (id: string) => ({
  status: 200,
  body: {
    id,
    signInActivity: { lastSignInDateTime: id === INES ? '2026-05-21T09:30:00Z' : null, lastNonInteractiveSignInDateTime: null },
  },
});

describe('external access at an Azure scope', () => {
  it('lists each person from outside once per path: direct, through a group, inherited, eligible', async () => {
    const asked = serveArm();
    const access = await externalAccessAzure(SANDBOX_SETTINGS, fakeGraph(signedIn), STORAGE);
    const paths = access.people.map((p) => [
      p.displayName,
      p.grants.map(
        (g) =>
          `${g.role.roleName} ${g.path.kind === 'group' ? g.path.group.displayName : g.path.kind}${g.eligible ? ' eligible' : ''}`,
      ),
    ]);
    expect(paths).toEqual([
      ['Ines Moreau', ['Owner Relecloud contractors']],
      ['Rafael Costa', ['Reader direct', 'Owner Relecloud contractors']],
      ['Tomás Ruiz', ['Reader inherited']],
      ['Yuki Tanaka', ['Reader direct eligible']],
    ]);
    expect(access.people.find((p) => p.displayName === 'Yuki Tanaka')?.kind).toBe('externalMember');
    expect(access.people.find((p) => p.displayName === 'Rafael Costa')?.sponsors).toEqual([
      { id: 'm', displayName: 'Megan Bowen' },
    ]);
    // Lee, of the tenant, was told apart by the member list itself: nothing more was read of him.
    expect(batched.filter((u) => u.includes(LEE))).toEqual([]);
    // ARM asked for what applies here (at and above), on every page.
    expect(asked.filter((a) => a.includes('atScope()'))).toHaveLength(2);
    expect(asked.some((a) => a.includes('page2'))).toBe(true);
  });

  it('says how each grant stands: permanent or until when, broad by what the role permits', async () => {
    serveArm();
    const access = await externalAccessAzure(SANDBOX_SETTINGS, fakeGraph(signedIn), STORAGE);
    const ines = access.people.find((p) => p.displayName === 'Ines Moreau');
    expect(ines?.grants[0]?.broad).not.toBeNull();
    expect(ines?.lastSignIn).toBe('2026-05-21T09:30:00Z');
    const yuki = access.people.find((p) => p.displayName === 'Yuki Tanaka');
    expect(yuki?.grants[0]?.role).toMatchObject({ removal: 'eligibility', end: '2027-06-30T00:00:00Z' });
    expect(yuki?.grants[0]?.broad).toBeNull();
    const tomas = access.people.find((p) => p.displayName === 'Tomás Ruiz');
    expect(tomas?.grants[0]?.role).toMatchObject({ removal: 'assignment', scope: SUB, end: null });
    expect(access.signIn).toBe('read');
  });

  it('still lists everyone when the tenant lacks Entra ID P1, and says so once', async () => {
    serveArm();
    const refused = () => ({
      status: 403,
      body: { error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: 'no premium' } },
    });
    const access = await externalAccessAzure(SANDBOX_SETTINGS, fakeGraph(refused), STORAGE);
    expect(access.signIn).toBe('needsP1');
    expect(access.people.map((p) => p.displayName)).toEqual(['Ines Moreau', 'Rafael Costa', 'Tomás Ruiz', 'Yuki Tanaka']);
  });

  it('says which nested group a person is a member of, the one they would leave', async () => {
    serveArm();
    const NESTED = `${'n'.repeat(8)}-0000-4000-8000-000000000000`;
    const graph = fakeGraph(signedIn);
    const typed = (type: string, id: string, displayName?: string) => ({
      '@odata.type': `#microsoft.graph.${type}`,
      id,
      displayName,
      ...users[id],
    });
    const lists: Record<string, unknown[]> = {
      transitiveMembers: [typed('user', RAFAEL), typed('group', NESTED, 'Relecloud data team'), typed('user', INES)],
      [`${GROUP}/members`]: [typed('user', RAFAEL), typed('group', NESTED)],
      [`${NESTED}/members`]: [typed('user', INES), typed('user', RAFAEL)],
    };
    const client = {
      api: (url: string) => ({
        get: async () => ({ value: Object.entries(lists).find(([k]) => url.includes(k))?.[1] ?? [] }),
        post: graph.api(url).post,
      }),
    } as unknown as Client;
    const access = await externalAccessAzure(SANDBOX_SETTINGS, client, STORAGE);
    const groupPaths = (name: string) =>
      access.people
        .find((p) => p.displayName === name)
        ?.grants.flatMap((g) => (g.path.kind === 'group' ? [g.path.nested?.displayName ?? g.path.group.displayName] : []));
    expect(groupPaths('Ines Moreau')).toEqual(['Relecloud data team']);
    // Rafael is a member of both: each is a way in, and leaving one leaves the other.
    expect(groupPaths('Rafael Costa')).toEqual(['Relecloud contractors', 'Relecloud data team']);
  });
});
