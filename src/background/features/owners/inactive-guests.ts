import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignInRead } from '../../../common/external-access.ts';
import { INACTIVE_READ_CAP, type InactiveGuest, type InactiveGuests } from '../../../common/inactive-guests.ts';
import { extentOf, type Listed } from '../../../logic/listed.ts';
import { BATCH_LIMIT, sendBatch } from '../../services/graph/batch.ts';
import { graphList } from '../../services/graph/list.ts';
import { ADVANCED_QUERY, filterParam, odataString } from '../../services/graph/odata.ts';
import { path } from '../../services/url-path.ts';
import { atMost, BATCHES_AT_ONCE, lastSignInOf, type RawUser as PersonRead, signInRefusal } from './external-people.ts';

/**
 * The tenant's inactive guests (issue 27, Guests tab), two questions the admin sets:
 * - never redeemed: `externalUserState eq 'PendingAcceptance'` created before the cutoff, an advanced query
 *   (ConsistencyLevel: eventual, $count=true; learn: aad-advanced-queries), kept when their state has not changed
 *   since the cutoff either (a reset starts the wait again);
 * - not signed in: the guests (`userType eq 'Guest'`) with their `signInActivity`, judged here: never signed in, or
 *   last before the cutoff, and invited before it. Not Graph's filter on signInActivity: it takes no other property
 *   beside it (learn: user resource), so it would read the tenant's inactive members too, and it leaves out whoever
 *   has no sign-in record at all, a guest who accepted and never came back. With signInActivity asked for Graph gives
 *   at most 120 users a page (learn: user-list). Without Entra ID P1, or the permission and role, Graph refuses it:
 *   said, and the first question still answered.
 * Each list is read to its end through the one pager, or to a cap the view states; then each guest's groups are
 * counted (a first page of transitiveMemberOf, 20 to a JSON batch).
 */

const DAY_MS = 24 * 3600_000;
const FIELDS =
  'id,displayName,mail,userPrincipalName,userType,externalUserState,externalUserStateChangeDateTime,createdDateTime,accountEnabled,assignedLicenses';
const SIGN_IN_PAGE = 120;

/** What the inactive lists select besides a person's kind and state. */
interface RawUser extends PersonRead {
  createdDateTime?: string | null;
  accountEnabled?: boolean | null;
  assignedLicenses?: unknown[] | null;
}

const guestOf = (u: RawUser, found: InactiveGuest['found']): InactiveGuest => ({
  id: u.id,
  displayName: u.displayName ?? u.mail ?? u.id,
  mail: u.mail ?? u.userPrincipalName ?? '',
  userPrincipalName: u.userPrincipalName ?? '',
  userType: u.userType ?? 'Guest',
  state: u.externalUserState ?? null,
  pendingSince:
    u.externalUserState === 'PendingAcceptance' ? (u.externalUserStateChangeDateTime ?? u.createdDateTime ?? null) : null,
  lastSignIn: lastSignInOf(u.signInActivity),
  enabled: u.accountEnabled ?? true,
  licenses: u.assignedLicenses?.length ?? 0,
  groups: null,
  groupsMore: false,
  found,
});

async function neverRedeemed(client: Client, cutoff: string): Promise<Listed<RawUser>> {
  const first = client
    .api('/users')
    .headers(ADVANCED_QUERY)
    .filter(filterParam(`externalUserState eq ${odataString('PendingAcceptance')} and createdDateTime le ${cutoff}`))
    .count(true)
    .select(FIELDS)
    .top(999)
    .get();
  return graphList<RawUser>(client, first, INACTIVE_READ_CAP);
}

/** The tenant's guests with their sign-in, the first page as a batch item so a refusal keeps Graph's code. */
async function guestsWithSignIn(client: Client): Promise<{ list: Listed<RawUser> | null; signIn: SignInRead }> {
  const filter = filterParam(`userType eq ${odataString('Guest')}`);
  const url = `/users?$filter=${filter}&$select=${FIELDS},signInActivity&$top=${SIGN_IN_PAGE}`;
  const answer = (await sendBatch(client, [{ id: 'signIn', method: 'GET', url }])).get('signIn');
  const refused = signInRefusal(answer);
  if (refused) return { list: null, signIn: refused };
  return { list: await graphList<RawUser>(client, answer?.body, INACTIVE_READ_CAP), signIn: 'read' };
}

/** Each guest's groups, nested ones included: a first page of up to 999, so "999+" at most. */
async function countGroups(client: Client, guests: InactiveGuest[]): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(guests.length / BATCH_LIMIT) }, (_, i) =>
    guests.slice(i * BATCH_LIMIT, (i + 1) * BATCH_LIMIT),
  );
  await atMost(chunks, BATCHES_AT_ONCE, async (chunk) => {
    const answers = await sendBatch(
      client,
      chunk.map((g) => ({
        id: g.id,
        method: 'GET' as const,
        url: `${path`/users/${g.id}/transitiveMemberOf`}?$select=id&$top=999`,
      })),
    );
    for (const g of chunk) {
      const a = answers.get(g.id);
      if (!a || a.status >= 300) continue;
      const page = a.body as { value?: { '@odata.type'?: string }[]; '@odata.nextLink'?: string };
      g.groups = (page.value ?? []).filter((m) => m['@odata.type'] === '#microsoft.graph.group').length;
      g.groupsMore = !!page['@odata.nextLink'];
    }
  });
}

export async function inactiveGuests(
  client: Client,
  days: { redeemDays: number; signInDays: number },
  now = Date.now(),
): Promise<InactiveGuests> {
  const redeemCut = new Date(now - days.redeemDays * DAY_MS).toISOString();
  const signInCut = new Date(now - days.signInDays * DAY_MS).toISOString();
  const [pending, signedIn] = await Promise.all([neverRedeemed(client, redeemCut), guestsWithSignIn(client)]);
  const seen = new Set<string>();
  const guests: InactiveGuest[] = [];
  const add = (g: InactiveGuest) => {
    if (!seen.has(g.id)) guests.push(g);
    seen.add(g.id);
  };
  for (const u of pending.items) {
    const g = guestOf(u, 'neverRedeemed');
    if (!g.pendingSince || g.pendingSince <= redeemCut) add(g);
  }
  for (const u of signedIn.list?.items ?? []) {
    const last = lastSignInOf(u.signInActivity);
    const invited = !u.createdDateTime || u.createdDateTime <= signInCut;
    if (u.userType === 'Guest' && invited && (!last || last <= signInCut)) add(guestOf(u, 'notSignedIn'));
  }
  await countGroups(client, guests);
  return {
    guests,
    neverRedeemed: extentOf(pending),
    notSignedIn: signedIn.list ? extentOf(signedIn.list) : null,
    signIn: signedIn.signIn,
  };
}
