import type { Client } from '@microsoft/microsoft-graph-client';
import { PENDING_SHOWN, type PendingGuest, type PendingGuests } from '../../../common/guests-start.ts';
import { extentOf } from '../../../logic/listed.ts';
import { graphList } from './list.ts';
import { ADVANCED_QUERY, filterParam, odataString } from './odata.ts';

interface RawPending {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  createdDateTime?: string | null;
  externalUserStateChangeDateTime?: string | null;
}

/**
 * The tenant's guests who have not accepted their invitation, newest first: the first `cap` and how many there are.
 * `$filter` with `$orderby` on users is an advanced query, as is sorting by `createdDateTime` (learn:
 * aad-advanced-queries): without `ConsistencyLevel: eventual` and `$count=true` Graph refuses it
 * (Request_UnsupportedQuery), and the count is what lets the view say "25 newest of 130".
 */
export async function pendingGuests(client: Client, cap = PENDING_SHOWN): Promise<PendingGuests> {
  const first = client
    .api('/users')
    .headers(ADVANCED_QUERY)
    .filter(filterParam(`externalUserState eq ${odataString('PendingAcceptance')}`))
    .orderby('createdDateTime desc')
    .count(true)
    .select('id,displayName,mail,userPrincipalName,createdDateTime,externalUserStateChangeDateTime')
    .top(cap)
    .get();
  const list = await graphList<RawPending>(client, first, cap);
  return { guests: list.items.map(pendingOf), extent: extentOf(list) };
}

const pendingOf = (u: RawPending): PendingGuest => ({
  id: u.id,
  displayName: u.displayName ?? u.mail ?? u.id,
  mail: u.mail ?? null,
  userPrincipalName: u.userPrincipalName ?? '',
  pendingSince: u.externalUserStateChangeDateTime ?? u.createdDateTime ?? null,
});
