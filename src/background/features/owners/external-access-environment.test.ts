import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import type { PowerPlatformEnvironment } from '../../../logic/power-platform.ts';
import { peopleBatch } from './people-batch.fake.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
const ENV = '9e3b7d2f-5c4e-4f6a-8b81-2c3d4e5f6a02';
const [INES, MEGAN, GROUP] = ['i', 'm', 'g'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`) as [string, string, string];

let environment: PowerPlatformEnvironment;
const dataverseAsked: string[] = [];
vi.mock('../invite/powerplatform-environment.ts', () => ({ readEnvironment: async () => environment }));
vi.mock('../../services/powerplatform/client.ts', () => ({
  dataverseList: async (_s: unknown, _i: string, path: string) => {
    dataverseAsked.push(decodeURIComponent(path));
    return {
      items: [{ azureactivedirectoryobjectid: MEGAN }, { azureactivedirectoryobjectid: INES }, {}],
      complete: true,
      read: 3,
    };
  },
}));
const { externalAccessEnvironment } = await import('./external-access-environment.ts');

const people: Record<string, Record<string, unknown>> = {
  [INES]: { displayName: 'Ines Moreau', userType: 'Guest', externalUserState: 'Accepted' },
  [MEGAN]: { displayName: 'Megan Bowen', userType: 'Member', userPrincipalName: 'megan@contoso.example' },
};

/** What Graph was asked in batches. */
const batched: string[] = [];

/** Graph: the security group (its name, its members), and each person's reads in a batch. */
function fakeGraph(): Client {
  const item = peopleBatch(people, batched);
  const get = async (url: string) =>
    url.includes('transitiveMembers')
      ? { value: [MEGAN, INES].map((id) => ({ '@odata.type': '#microsoft.graph.user', id, ...people[id] })) }
      : { id: GROUP, displayName: 'Sales environment users' };
  return {
    api: (url: string) => {
      const request = {
        select: () => request,
        get: () => get(url),
        post: async ({ requests }: { requests: { id: string; url: string }[] }) => ({ responses: requests.map(item) }),
      };
      return request;
    },
  } as unknown as Client;
}

const base = {
  id: ENV,
  displayName: 'Contoso Dev',
  type: 'Developer',
  region: 'eastus',
  instanceUrl: 'https://contoso-dev.crm.dynamics.com/',
  asAdmin: true,
};
const read = () =>
  externalAccessEnvironment(SANDBOX_SETTINGS, fakeGraph(), {
    kind: 'power-platform-environment',
    environmentId: ENV,
    source: 'admin',
  });

describe('external access on a Power Platform environment', () => {
  it("lists the security group's members from outside, each leaving the group to be taken back", async () => {
    environment = { ...base, securityGroupId: GROUP };
    const access = await read();
    expect(access.people.map((p) => [p.displayName, p.grants.map((g) => g.path)])).toEqual([
      [
        'Ines Moreau',
        [{ kind: 'securityGroup', environment: 'Contoso Dev', group: { id: GROUP, displayName: 'Sales environment users' } }],
      ],
    ]);
    expect(access.notes).toEqual([]);
  });

  it('says an environment without a security group is open to the whole tenant, and lists its Dataverse users from outside', async () => {
    environment = { ...base, securityGroupId: null };
    dataverseAsked.length = 0;
    const access = await read();
    expect(access.notes).toEqual([expect.stringContaining('Contoso Dev has no security group')]);
    expect(access.people.map((p) => [p.displayName, p.grants.map((g) => g.path.kind)])).toEqual([['Ines Moreau', ['dataverse']]]);
    expect(dataverseAsked).toEqual([expect.stringContaining('isdisabled eq false')]);
  });
});
