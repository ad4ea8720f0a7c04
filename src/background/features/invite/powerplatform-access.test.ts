import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ resourceToken: async () => ({ accessToken: 'pp', scopes: [] }) }));
const { enterEnvironment } = await import('./powerplatform-access.ts');

const DV = 'https://org1.crm.dynamics.com/';
const GUEST = 'a0000000-0000-4000-8000-000000000001';
const SYSTEM_USER = 'c0000000-0000-4000-8000-000000000001';
const ROLE = 'b0000000-0000-4000-8000-000000000009';
const NEXT = `${DV}api/data/v9.2/systemusers(${SYSTEM_USER})/systemuserroles_association?$skiptoken=2`;

afterEach(() => vi.unstubAllGlobals());

describe('bringing a guest into an environment', () => {
  it('does not give a role the guest holds on a later page of their roles', async () => {
    const sent: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      sent.push(`${init?.method ?? 'GET'} ${url}`);
      const body = url.includes('/addUser')
        ? {}
        : url === NEXT
          ? { value: [{ roleid: ROLE }] }
          : url.includes('systemuserroles_association')
            ? { value: [{ roleid: 'b0000000-0000-4000-8000-000000000001' }], '@odata.nextLink': NEXT }
            : { value: [{ systemuserid: SYSTEM_USER }] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const done = await enterEnvironment(
      SANDBOX_SETTINGS,
      { environmentId: 'env1', instanceUrl: DV, role: { id: ROLE, name: 'Sales' } },
      GUEST,
    );
    expect(done.roleGiven).toBe(false);
    expect(sent.filter((s) => s.startsWith('POST') && s.includes('$ref'))).toEqual([]);
  });
});
