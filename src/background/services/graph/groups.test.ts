import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { searchGroups } from './groups.ts';
import { searchDirectory } from './guests.ts';

/** Graph's answer to a search, whatever the query, and the query as the client was told to build it. */
function graphAnswering(value: object[]) {
  const asked: Record<string, unknown> = {};
  const request = {
    headers: (h: object) => Object.assign(asked, { headers: h }) && request,
    search: (s: string) => Object.assign(asked, { search: decodeURIComponent(s) }) && request,
    filter: (f: string) => Object.assign(asked, { filter: decodeURIComponent(f) }) && request,
    select: () => request,
    top: () => request,
    get: async () => ({ value }),
  };
  return { client: { api: () => request } as unknown as Client, asked };
}

describe('the audience group search', () => {
  it('offers plain security groups only, as a bulk file may name them', async () => {
    const { client } = graphAnswering([
      { id: 'a', displayName: 'Sales viewers', groupTypes: [], securityEnabled: true, mailEnabled: false },
      { id: 'b', displayName: 'Sales admins', groupTypes: [], securityEnabled: true, isAssignableToRole: true },
      { id: 'c', displayName: 'Sales team', groupTypes: ['Unified'], securityEnabled: true, mailEnabled: true },
      { id: 'd', displayName: 'Sales all', groupTypes: ['DynamicMembership'], securityEnabled: true, mailEnabled: false },
    ]);
    expect(await searchGroups(client, 'Sales')).toEqual([{ id: 'a', displayName: 'Sales viewers' }]);
  });
});

describe('the directory search', () => {
  it("asks Graph's $search for a word anywhere in the name or address, with the header it needs", async () => {
    const { client, asked } = graphAnswering([]);
    await searchDirectory(client, ' lee "x ', 'Member');
    expect(asked).toEqual({
      headers: { ConsistencyLevel: 'eventual' },
      search: '"displayName:lee \\"x" OR "mail:lee \\"x" OR "userPrincipalName:lee \\"x"',
      filter: "userType eq 'Member'",
    });
  });
});
