import type { Client } from '@microsoft/microsoft-graph-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { PlaceGrant } from '../../../common/external-access.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { peopleBatch } from './people-batch.fake.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
const APP = '7a9e3c5d-0f4b-4e8a-9c3d-4e5f6a7b8c9d';
const WS = '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c';
const [PAT, YUKI, LEE, OLA, MEGAN, AUDIENCE, TEAM] = ['p', 'y', 'l', 'o', 'm', 'a', 't'].map(
  (c) => `${c.repeat(8)}-0000-4000-8000-000000000000`,
) as [string, string, string, string, string, string, string];

let audience: { id: string; displayName: string }[] | null = [];
let workspaceUsers: () => unknown[] = () => [];
vi.mock('../../services/powerbi/audience-cache.ts', () => ({
  appAudiences: async (_s: unknown, _a: unknown, ids: string[]) => ({ byApp: new Map([[ids[0], audience]]) }),
}));
vi.mock('../../services/powerbi/client.ts', () => ({
  powerBi: async (_s: unknown, _m: string, path: string) =>
    path.startsWith('/apps/') ? { id: APP, name: 'Model Lab', workspaceId: WS } : { id: WS, name: 'Data Science' },
  powerBiList: async () => ({ items: workspaceUsers(), complete: true, read: 0 }),
}));
const { externalAccessPowerBi } = await import('./external-access-powerbi.ts');

const people: Record<string, Record<string, unknown>> = {
  [PAT]: { displayName: 'Pat Ortiz', mail: 'pat@partner.example', userType: 'Guest', externalUserState: 'PendingAcceptance' },
  [YUKI]: { displayName: 'Yuki Tanaka', userType: 'Member', userPrincipalName: 'yuki_trey.example#EXT#@contoso.example' },
  [LEE]: { displayName: 'Lee Gu', userType: 'Member', userPrincipalName: 'lee@contoso.example' },
  [OLA]: { displayName: 'Ola Nordmann', mail: 'ola@partner.example', userType: 'Guest', externalUserState: 'Accepted' },
  [MEGAN]: { displayName: 'Megan Bowen', mail: 'megan@contoso.example', userType: 'Member' },
};
const members: Record<string, string[]> = { [AUDIENCE]: [PAT, YUKI, LEE], [TEAM]: [PAT] };

/** What Graph was asked in batches. */
const batched: string[] = [];

/** Graph: users found by address, groups' members, and each person's reads in a batch. */
function fakeGraph(): Client {
  const item = peopleBatch(people, batched);
  return {
    api: (url: string) => ({
      get: async () => {
        const group = /\/groups\/([^/]+)\/transitiveMembers/.exec(url)?.[1];
        if (group)
          return { value: (members[group] ?? []).map((id) => ({ '@odata.type': '#microsoft.graph.user', id, ...people[id] })) };
        const asked = decodeURIComponent(url);
        return { value: Object.entries(people).flatMap(([id, p]) => (asked.includes(`'${p.mail}'`) ? [{ id, ...p }] : [])) };
      },
      post: async ({ requests }: { requests: { id: string; url: string }[] }) => ({ responses: requests.map(item) }),
    }),
  } as unknown as Client;
}

const account = { id: 'me', tenantId: 'tenant' } as SignedInAccount;
const read = () =>
  externalAccessPowerBi(SANDBOX_SETTINGS, account, fakeGraph(), { kind: 'powerbi-app', appId: APP, workspaceId: WS });
const user = (identifier: string, groupUserAccessRight: string) => ({ identifier, principalType: 'User', groupUserAccessRight });
const paths = (grants: PlaceGrant[]) =>
  grants.map((g) => `${g.roleName} ${g.path.kind}${'group' in g.path && g.path.group ? ` ${g.path.group.displayName}` : ''}`);

beforeEach(() => {
  audience = [{ id: AUDIENCE, displayName: 'Partner analysts' }];
  workspaceUsers = () => [
    user('megan@contoso.example', 'Admin'),
    user('ola@partner.example', 'Viewer'),
    { identifier: TEAM, displayName: 'Partner team', principalType: 'Group', groupUserAccessRight: 'Contributor' },
  ];
});

describe('external access on a Power BI app', () => {
  it("lists the audience group's and the workspace's people from outside, once per path", async () => {
    const access = await read();
    expect(access.people.map((p) => [p.displayName, p.kind, paths(p.grants)])).toEqual([
      ['Ola Nordmann', 'guest', ['Viewer workspace']],
      ['Pat Ortiz', 'guest', ['Opens the app audience Partner analysts', 'Contributor workspace Partner team']],
      ['Yuki Tanaka', 'externalMember', ['Opens the app audience Partner analysts']],
    ]);
    expect(access.scopeWords).toBe('Model Lab');
    expect(access.notes).toEqual([]);
  });

  it("reads in full only the people from outside: the tenant's own are told apart by their kind", async () => {
    batched.length = 0;
    await read();
    // A group's members come with their kind (Lee, of the tenant, goes no further); workspace users get one look.
    const looks = batched.filter((u) => u.startsWith('/users?'));
    expect(looks).toHaveLength(1);
    for (const id of [MEGAN, OLA]) expect(looks[0]).toContain(id);
    expect(looks[0]).not.toContain(PAT);
    expect(batched.some((u) => u.includes(LEE))).toBe(false);
    const inFull = batched.filter((u) => /^\/users\/[^?]+\?\$select=id,displayName/.test(u));
    expect(inFull.map((u) => u.slice(7, 15))).toEqual(expect.arrayContaining(['pppppppp', 'yyyyyyyy', 'oooooooo']));
    expect(inFull).toHaveLength(3);
  });

  it('names a workspace user as the card removes them, and calls Admin and Member broad for what they permit', async () => {
    workspaceUsers = () => [user('ola@partner.example', 'Member'), user('pat@partner.example', 'Contributor')];
    const access = await read();
    const ola = access.people.find((p) => p.displayName === 'Ola Nordmann')?.grants[0];
    expect(ola?.workspaceRole).toEqual({
      workspaceId: WS,
      workspaceName: 'Data Science',
      identifier: 'ola@partner.example',
      role: 'Member',
    });
    expect(ola?.broad).toContain('adds people');
    const pat = access.people.find((p) => p.displayName === 'Pat Ortiz')?.grants.find((g) => g.path.kind === 'workspace');
    expect(pat?.broad).toBeNull();
  });

  it("says when the app's audience is not known, and still lists the workspace", async () => {
    audience = null;
    const access = await read();
    expect(access.notes).toEqual([expect.stringContaining('Who the app Model Lab is published to is not known')]);
    expect(access.people.map((p) => p.displayName)).toEqual(['Ola Nordmann', 'Pat Ortiz']);
  });

  it("says when the workspace's users may not be read, and still lists the audience", async () => {
    workspaceUsers = () => {
      throw new AppError(ErrorCodes.forbidden, 'not an admin');
    };
    const access = await read();
    expect(access.notes).toEqual([expect.stringContaining('The users of workspace Data Science could not be read')]);
    expect(access.people.map((p) => p.displayName)).toEqual(['Pat Ortiz', 'Yuki Tanaka']);
  });

  it("on a workspace's page, lists its access list alone, each with its role, under the workspace's name", async () => {
    audience = null;
    const access = await externalAccessPowerBi(SANDBOX_SETTINGS, account, fakeGraph(), {
      kind: 'powerbi-workspace',
      workspaceId: WS,
    });
    expect(access.scopeWords).toBe('Data Science');
    expect(access.notes).toEqual([]);
    expect(access.people.map((p) => [p.displayName, paths(p.grants)])).toEqual([
      ['Ola Nordmann', ['Viewer workspace']],
      ['Pat Ortiz', ['Contributor workspace Partner team']],
    ]);
  });
});
