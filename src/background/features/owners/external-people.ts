import type { Client } from '@microsoft/microsoft-graph-client';
import type { ExternalPerson, SignInRead } from '../../../common/external-access.ts';
import { t } from '../../../common/i18n.ts';
import { BATCH_LIMIT, type BatchAnswer, itemError, sendBatch } from '../../services/graph/batch.ts';
import { itemAppError } from '../../services/graph/errors.ts';
import { graphList } from '../../services/graph/list.ts';
import { odataString } from '../../services/graph/odata.ts';
import { path } from '../../services/url-path.ts';
import { listGovernance } from '../guest-lifecycle/reads.ts';

/**
 * The directory's part of "External access here" (issue 27): a group's members to its end (transitively: a nested
 * group's people reach the scope too), and each person's state, sponsors and last sign-in, three reads a person in
 * JSON batches of 20, a few batches at a time.
 */

const PERSON = 'id,displayName,mail,userPrincipalName,userType,externalUserState,externalUserStateChangeDateTime,creationType';
/** Batches in flight at once: Graph throttles per app and tenant; a busy resource's people come in a few rounds. */
export const BATCHES_AT_ONCE = 3;
/** Graph's code for a tenant without Entra ID P1 (learn: signinactivity; user-list, "signInActivity" note). */
const NOT_PREMIUM = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

/** A user as Graph's reads here return them, each property only when selected. */
export interface RawUser {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  userType?: string | null;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
  creationType?: string | null;
  signInActivity?: SignInActivity | null;
}

type SignInActivity = { lastSignInDateTime?: string | null; lastNonInteractiveSignInDateTime?: string | null };

/** The last sign-in, interactive or not, or null: never (or no record). */
export function lastSignInOf(activity: SignInActivity | null | undefined): string | null {
  const dates = [activity?.lastSignInDateTime, activity?.lastNonInteractiveSignInDateTime].filter((d): d is string => !!d);
  return dates.sort().at(-1) ?? null;
}

/** From outside the tenant: a guest, or a member whose account was invited (`#EXT#` name, invitation, state). */
export function externalKind(u: RawUser): ExternalPerson['kind'] | null {
  if (u.userType === 'Guest') return 'guest';
  const invited = (u.userPrincipalName ?? '').includes('#EXT#') || u.creationType === 'Invitation' || !!u.externalUserState;
  return invited ? 'externalMember' : null;
}

/** A user a group reaches: a member of it, or of a group nested in it (`nested`: the group they are a member of). */
export interface Membership {
  userId: string;
  nested?: { id: string; displayName: string };
}

const GROUP_TYPE = '#microsoft.graph.group';
const USER_TYPE = '#microsoft.graph.user';
/** What a member list says of each: enough to tell who is from outside (externalKind), and a nested group's name. */
const MEMBER = 'id,displayName,userType,userPrincipalName,creationType,externalUserState';
/** Nested groups whose own members are read at once. */
const NESTED_AT_ONCE = 4;

const directMembers = async (client: Client, groupId: string) =>
  (await graphList<RawUser>(client, client.api(`${path`/groups/${groupId}/members`}?$select=id&$top=999`).get())).items;

/**
 * The people from outside the tenant a group reaches, read to the end of the list (the one pager), each with the group
 * they are a member of: the group itself, or a group nested in it. The list says who is from outside (`userType`,
 * name, creation), so the tenant's own people, most of a large group, cost no read of their own. Leaving the outer
 * group ends nothing for a nested group's people, and `transitiveMembers` does not say the way, so when it lists
 * nested groups each one's direct members are read too (a group without nesting costs the one list).
 */
export async function groupMembers(client: Client, groupId: string): Promise<Membership[]> {
  const first = client.api(`${path`/groups/${groupId}/transitiveMembers`}?$select=${MEMBER}&$top=999`).get();
  const { items } = await graphList<RawUser>(client, first);
  const users = items.filter((m) => m['@odata.type'] === USER_TYPE && externalKind(m)).map((m) => m.id);
  const nested = items.filter((m) => m['@odata.type'] === GROUP_TYPE);
  if (nested.length === 0) return users.map((userId) => ({ userId }));
  const [own, ...inner] = await atMost([groupId, ...nested.map((g) => g.id)], NESTED_AT_ONCE, (id) => directMembers(client, id));
  const direct = new Set((own ?? []).map((m) => m.id));
  return users.flatMap((userId) => {
    const ways: Membership[] = direct.has(userId) ? [{ userId }] : [];
    nested.forEach((g, i) => {
      if (inner[i]?.some((m) => m.id === userId)) ways.push({ userId, nested: { id: g.id, displayName: g.displayName ?? g.id } });
    });
    // Listed transitively yet in no list read since (a change in between): the outer group is all that is known.
    return ways.length ? ways : [{ userId }];
  });
}

/** Runs `work` over `items`, at most `limit` at a time, results in order. */
export async function atMost<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const body = <T>(a: BatchAnswer | undefined): T => {
  if (!a || a.status >= 300) throw itemAppError(a?.status ?? 0, a ? itemError(a) : t('graphNoAnswer'), a?.body);
  return a.body as T;
};

/** What sign-in activity's refusal means: the tenant's licence, else the caller's permission or role. */
const refusalOf = (a: BatchAnswer): SignInRead =>
  (a.body as { error?: { code?: string } } | undefined)?.error?.code === NOT_PREMIUM ? 'needsP1' : 'notPermitted';

/**
 * A batch item that asked for sign-in activity: null when answered, its refusal when Graph refused it (403); any other
 * failure is thrown as the code a request of its own would get.
 */
export function signInRefusal(a: BatchAnswer | undefined): Exclude<SignInRead, 'read'> | null {
  if (a?.status === 403) return refusalOf(a) as Exclude<SignInRead, 'read'>;
  body(a);
  return null;
}

interface Read {
  person: Omit<ExternalPerson, 'grants'> | null;
  signIn: SignInRead;
}

/** One batch: each user, their sponsors (to the end of the list) and sign-in activity. */
async function readBatch(client: Client, ids: string[]): Promise<Read[]> {
  const answers = await sendBatch(
    client,
    ids.flatMap((id) => [
      { id: `u${id}`, method: 'GET' as const, url: `${path`/users/${id}`}?$select=${PERSON}` },
      { id: `s${id}`, method: 'GET' as const, url: path`/users/${id}/sponsors` },
      { id: `a${id}`, method: 'GET' as const, url: `${path`/users/${id}`}?$select=id,signInActivity` },
    ]),
  );
  return Promise.all(
    ids.map(async (id): Promise<Read> => {
      const user = body<RawUser>(answers.get(`u${id}`));
      const kind = externalKind(user);
      const activity = answers.get(`a${id}`);
      const signIn: SignInRead =
        activity && activity.status < 300 ? 'read' : activity?.status === 403 ? refusalOf(activity) : 'read';
      if (!kind) return { person: null, signIn };
      if (activity && activity.status >= 300 && activity.status !== 403) body(activity);
      const sponsors = await graphList<RawUser>(client, body(answers.get(`s${id}`)));
      return {
        signIn,
        person: {
          id: user.id,
          displayName: user.displayName ?? user.id,
          mail: user.mail ?? user.userPrincipalName ?? '',
          kind,
          invitation: { state: user.externalUserState ?? null, since: user.externalUserStateChangeDateTime ?? null },
          sponsors: sponsors.items.map((s) => ({ id: s.id, displayName: s.displayName ?? s.id })),
          lastSignIn: lastSignInOf((activity?.body as RawUser | undefined)?.signInActivity),
        },
      };
    }),
  );
}

/**
 * The people from outside among these users, with how sign-in activity was read: `read`, or refused once for the
 * tenant's licence (`needsP1`) or the caller's permission, said once for the whole list.
 */
export async function externalPeople(
  client: Client,
  ids: string[],
): Promise<{ people: Omit<ExternalPerson, 'grants'>[]; signIn: SignInRead }> {
  const reads = (await atMost(chunks(ids, Math.floor(BATCH_LIMIT / 3)), BATCHES_AT_ONCE, (c) => readBatch(client, c))).flat();
  const refused = reads.find((r) => r.signIn !== 'read');
  const people = reads.flatMap((r) => (r.person ? [r.person] : []));
  // Each guest's standing under the guest lifecycle policies, said beside them wherever the list is shown.
  const governance = await listGovernance(
    client,
    people.filter((p) => p.kind === 'guest').map((p) => p.id),
  );
  return {
    people: people.map((p) => (governance[p.id] ? { ...p, governance: governance[p.id] } : p)),
    signIn: refused?.signIn ?? 'read',
  };
}

/** Graph takes at most 15 values in one `in`; what tells a person from outside (externalKind). */
const IN_LIMIT = 15;
const KIND_FIELDS = 'id,userType,userPrincipalName,creationType,externalUserState';

/**
 * Of these users, those from outside: their kind looked at 15 to a request, 20 requests to a batch, so that a page
 * whose groups reach a thousand people of the tenant spends the three reads a person only on the few from outside.
 */
export async function outsiders(client: Client, ids: string[]): Promise<string[]> {
  const batches = chunks(chunks(ids, IN_LIMIT), BATCH_LIMIT);
  const found = await atMost(batches, BATCHES_AT_ONCE, async (batch) => {
    const answers = await sendBatch(
      client,
      batch.map((part, i) => ({
        id: String(i),
        method: 'GET' as const,
        url: `/users?$filter=${encodeURIComponent(`id in (${part.map(odataString).join(',')})`)}&$select=${KIND_FIELDS}`,
      })),
    );
    return batch.flatMap((_, i) => body<{ value: RawUser[] }>(answers.get(String(i))).value.filter((u) => externalKind(u)));
  });
  return found.flat().map((u) => u.id);
}
