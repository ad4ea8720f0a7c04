import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveGraph } from '../../../../test/support/graph-fetch.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ graphToken: async () => ({ accessToken: 'graph', scopes: [] }) }));
const { BATCHES_AT_ONCE, planLookups } = await import('./lookup.ts');

const NEXT = 'https://graph.microsoft.com/v1.0/page2';
const user = (id: string, mail: string) => ({
  id,
  mail,
  userType: 'Guest',
  externalUserState: 'Accepted',
  creationType: 'Invitation',
});
afterEach(() => vi.unstubAllGlobals());

describe('the bulk preview look-ups', () => {
  it('reads on when Graph pages the answer to one `mail in (…)`: the user on the second page is found', async () => {
    serveGraph((url) =>
      url === NEXT
        ? { body: { value: [user('u2', 'b@partner.example')] } }
        : url.startsWith('/users')
          ? { body: { value: [user('u1', 'a@partner.example')], '@odata.nextLink': NEXT } }
          : { body: { value: [] } },
    );
    const { users } = await planLookups(SANDBOX_SETTINGS, {
      emails: ['a@partner.example', 'B@partner.example'],
      groups: [],
      roles: [],
    });
    expect([...users.keys()]).toEqual(['a@partner.example', 'b@partner.example']);
  });

  it('takes a group name with a second group on a later page for no one group', async () => {
    serveGraph((url) =>
      url === NEXT
        ? { body: { value: [{ id: 'g2', displayName: 'Sales' }] } }
        : url.startsWith('/groups')
          ? {
              body: {
                value: [{ id: 'g1', displayName: 'Sales', securityEnabled: true, groupTypes: [] }],
                '@odata.nextLink': NEXT,
              },
            }
          : { body: { value: [] } },
    );
    const { groups } = await planLookups(SANDBOX_SETTINGS, { emails: [], groups: ['Sales'], roles: [] });
    expect(groups.get('Sales')).toBeNull();
  });

  it('sends its batches several at a time, never more than its bound', async () => {
    const { seen } = serveGraph(() => ({ body: { value: [] } }));
    const emails = Array.from({ length: 15 * 20 * 10 }, (_, i) => `p${i}@partner.example`);
    await planLookups(SANDBOX_SETTINGS, { emails, groups: [], roles: [] });
    expect(seen.batches).toBe(10);
    expect(seen.mostAtOnce).toBe(BATCHES_AT_ONCE);
  });
});
