import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { searchGroups } from './groups.ts';

/** Graph's answer to the group search, whatever the query: what the search keeps is the extension's own rule. */
function graphAnswering(value: object[]): Client {
  const request = { filter: () => request, select: () => request, top: () => request, get: async () => ({ value }) };
  return { api: () => request } as unknown as Client;
}

describe('the audience group search', () => {
  it('offers plain security groups only, as a bulk file may name them', async () => {
    const found = await searchGroups(
      graphAnswering([
        { id: 'a', displayName: 'Sales viewers', groupTypes: [], securityEnabled: true, mailEnabled: false },
        { id: 'b', displayName: 'Sales admins', groupTypes: [], securityEnabled: true, isAssignableToRole: true },
        { id: 'c', displayName: 'Sales team', groupTypes: ['Unified'], securityEnabled: true, mailEnabled: true },
        { id: 'd', displayName: 'Sales all', groupTypes: ['DynamicMembership'], securityEnabled: true, mailEnabled: false },
      ]),
      'Sales',
    );
    expect(found).toEqual([{ id: 'a', displayName: 'Sales viewers' }]);
  });
});
