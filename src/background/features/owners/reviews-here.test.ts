import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const [PAT, INES, LEE, GROUP] = ['p', 'i', 'l', 'g'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`) as [
  string,
  string,
  string,
  string,
];
const instance = (principalId: string, principalType: string) => ({ properties: { scope: SCOPE, principalId, principalType } });

/** ARM: Pat's own role here, and the group's; the group holds Ines (a guest) and Lee (of the tenant). */
vi.mock('../../services/arm/client.ts', () => ({
  armList: async (_s: unknown, path: string) => {
    const items = path.endsWith('/roleAssignmentScheduleInstances') ? [instance(PAT, 'User'), instance(GROUP, 'Group')] : [];
    return { items, complete: true, read: items.length, total: items.length };
  },
}));
vi.mock('../../services/graph/licenses.ts', () => ({ subscribedSkus: async () => [] }));
vi.mock('./reviews.ts', () => ({ runningReviews: async () => [] }));
const users: Record<string, { displayName: string; userType: string; sponsor?: string }> = {
  [PAT]: { displayName: 'Pat Ortiz', userType: 'Guest', sponsor: 'Adele Vance' },
  [INES]: { displayName: 'Ines Moreau', userType: 'Guest', sponsor: 'Megan Bowen' },
  [LEE]: { displayName: 'Lee Gu', userType: 'Member' },
};
const client = {
  api: (url: string) => ({
    get: async () => {
      expect(url).toContain(`/groups/${GROUP}/`);
      return { value: [INES, LEE].map((id) => ({ '@odata.type': '#microsoft.graph.user', id, ...users[id] })) };
    },
    post: async ({ requests }: { requests: { id: string; url: string }[] }) => ({
      responses: requests.map(({ id, url }) => {
        const user = /\/users\/([^/?]+)/.exec(url)?.[1] as string;
        const u = users[user];
        if (id.startsWith('s'))
          return { id, status: 200, body: { value: u?.sponsor ? [{ id: `${u.sponsor}-id`, displayName: u.sponsor }] : [] } };
        if (id.startsWith('a')) return { id, status: 200, body: { id: user, signInActivity: null } };
        return { id, status: 200, body: { id: user, displayName: u?.displayName, userType: u?.userType } };
      }),
    }),
  }),
};
vi.mock('../../services/graph/client.ts', () => ({ graphSession: () => ({ client }) }));
const { reviewsHere } = await import('./reviews-here.ts');

describe('the guests an access review of a scope reviews', () => {
  it('counts the guests through a group holding a role here beside those holding one themselves, with their sponsors', async () => {
    const here = await reviewsHere(SANDBOX_SETTINGS, SCOPE);
    expect(here.guests.map((g) => [g.displayName, g.sponsors.map((s) => s.displayName)])).toEqual([
      ['Pat Ortiz', ['Adele Vance']],
      ['Ines Moreau', ['Megan Bowen']],
    ]);
  });
});
