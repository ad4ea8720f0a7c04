import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveGraph } from '../../../../test/support/graph-fetch.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

vi.mock('../../core/auth.ts', () => ({ graphToken: async () => ({ accessToken: 'graph', scopes: [] }) }));
const { graphSession } = await import('./client.ts');
const { pendingGuests } = await import('./pending-guests.ts');

const NEXT = 'https://graph.microsoft.com/v1.0/users?$skiptoken=2';
const guest = (n: number) => ({
  id: `g${n}`,
  displayName: `Guest ${n}`,
  mail: `g${n}@partner.example`,
  userPrincipalName: `g${n}_partner.example#EXT#@contoso.onmicrosoft.com`,
  createdDateTime: '2026-11-01T10:00:00Z',
  externalUserStateChangeDateTime: '2026-11-02T10:00:00Z',
});
afterEach(() => vi.unstubAllGlobals());

describe('the pending guests the Guests tab starts with', () => {
  it('asks Graph for them newest first as an advanced query: ConsistencyLevel eventual, $count, to the cap', async () => {
    const { asked, headers } = serveGraph(() => ({ body: { value: [guest(1)], '@odata.count': 1 } }));
    await pendingGuests(graphSession(SANDBOX_SETTINGS).client, 25);
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0] ?? '');
    expect(url.pathname).toBe('/v1.0/users');
    expect(url.searchParams.get('$filter')).toBe("externalUserState eq 'PendingAcceptance'");
    expect(url.searchParams.get('$orderby')).toBe('createdDateTime desc');
    expect(url.searchParams.get('$count')).toBe('true');
    expect(url.searchParams.get('$top')).toBe('25');
    expect(url.searchParams.get('$select')?.split(',')).toEqual(
      expect.arrayContaining(['id', 'displayName', 'mail', 'createdDateTime', 'externalUserStateChangeDateTime']),
    );
    expect(headers[0]?.get('ConsistencyLevel')).toBe('eventual');
  });

  it('reads one page to the cap and says how many there are, following no further page', async () => {
    const { asked } = serveGraph(() => ({
      body: { value: [guest(1), guest(2)], '@odata.count': 130, '@odata.nextLink': NEXT },
    }));
    const { guests, extent } = await pendingGuests(graphSession(SANDBOX_SETTINGS).client, 2);
    expect(asked).toHaveLength(1);
    expect(guests.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(guests[0]?.pendingSince).toBe('2026-11-02T10:00:00Z');
    expect(extent).toEqual({ read: 2, complete: false, total: 130 });
  });
});
