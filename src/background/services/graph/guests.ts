import type { Client } from '@microsoft/microsoft-graph-client';
import { errorWords } from '../../../common/errors.ts';
import {
  type CardAudit,
  type CardGroup,
  type CardIdentity,
  type CardLicense,
  type DirectoryHit,
  SEARCH_HITS,
} from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { extentOf, type Listed, type ReadExtent } from '../../../logic/listed.ts';
import { path } from '../url-path.ts';
import { type BatchAnswer, itemError, sendBatch } from './batch.ts';
import { itemAppError } from './errors.ts';
import { graphList } from './list.ts';
import { ADVANCED_QUERY, filterParam, odataString, searchParam } from './odata.ts';

/** Groups read of one guest: enough for the guest of 260 groups, and a stated limit past it (issue 22). */
export const MAX_GROUPS = 1000;

const HIT = 'id,displayName,mail,userPrincipalName,userType,externalUserState';
const IDENTITY = `${HIT},externalUserStateChangeDateTime,createdDateTime,creationType`;

/**
 * Users with a word of their name or address starting with the text ("lee" finds "Ann Lee"): Graph's `$search`, an
 * advanced query that needs `ConsistencyLevel: eventual`. Guests first. The first 15 are enough to choose from: the
 * person types more to narrow it.
 */
export async function searchDirectory(client: Client, text: string, only?: 'Member' | 'Guest'): Promise<DirectoryHit[]> {
  let request = client
    .api('/users')
    .headers(ADVANCED_QUERY)
    .search(searchParam(text, ['displayName', 'mail', 'userPrincipalName']))
    .select(HIT)
    .top(SEARCH_HITS);
  if (only) request = request.filter(filterParam(`userType eq ${odataString(only)}`));
  const { value } = (await request.get()) as { value: DirectoryHit[] };
  const rank = (u: DirectoryHit) => (u.userType === 'Guest' ? 0 : 1);
  return value.map(hitOf).sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
}

const hitOf = (u: Partial<DirectoryHit> & { id: string }): DirectoryHit => ({
  id: u.id,
  displayName: u.displayName ?? u.mail ?? u.id,
  mail: u.mail ?? null,
  userPrincipalName: u.userPrincipalName ?? '',
  userType: u.userType ?? 'Member',
  externalUserState: u.externalUserState ?? null,
});

interface RawAudit {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  result?: string;
  initiatedBy?: {
    user?: { userPrincipalName?: string | null; displayName?: string | null } | null;
    app?: { displayName?: string | null } | null;
  };
  targetResources?: {
    id?: string;
    modifiedProperties?: { displayName?: string; oldValue?: string | null; newValue?: string | null }[];
  }[];
}

function auditOf(a: RawAudit, userId: string): CardAudit {
  const by = a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.user?.displayName ?? a.initiatedBy?.app?.displayName ?? '';
  const target = a.targetResources?.find((t) => t.id === userId) ?? a.targetResources?.[0];
  const unquote = (v: string | null | undefined) => (v ?? '').replace(/^\[?"?|"?\]?$/g, '');
  const detail = (target?.modifiedProperties ?? [])
    .filter((p) => p.displayName && (p.oldValue || p.newValue))
    .map((p) => `${p.displayName}: ${unquote(p.oldValue) || '—'} → ${unquote(p.newValue) || '—'}`)
    .join('; ');
  return { id: a.id, at: a.activityDateTime, activity: a.activityDisplayName, by, result: a.result ?? '', detail };
}

export interface GuestDirectory {
  identity: CardIdentity;
  groups: Omit<CardGroup, 'audienceOf'>[];
  /** How much of the guest's groups was read (a stated cap, never silently). */
  groupsRead: ReadExtent;
  licenses: CardLicense[];
  audits: CardAudit[] | null;
  auditMissing?: string;
  problems: { section: 'groups' | 'licenses' | 'sponsors'; message: string }[];
}

/** Reading the audit log takes the permission and, for a person, one of these roles (learn: directoryaudit-list). */
export const AUDIT_NEEDS =
  'AuditLog.Read.All consented for this app, and one of the roles Reports Reader, Security Reader, Global Reader or Security Administrator';

/**
 * What the directory holds about one user, in one JSON batch of six reads: the user, their sponsors, their groups
 * (transitively, with whether each is dynamic and whether they are in it directly), their licences, and the audit entries that name them.
 */
export async function guestDirectory(client: Client, userId: string): Promise<GuestDirectory> {
  const answers = await sendBatch(client, [
    { id: 'user', method: 'GET', url: `${path`/users/${userId}`}?$select=${IDENTITY}` },
    // No $select: the list is of directoryObjects, whose description names no displayName to select.
    { id: 'sponsors', method: 'GET', url: path`/users/${userId}/sponsors` },
    { id: 'groups', method: 'GET', url: path`/users/${userId}/transitiveMemberOf` },
    { id: 'direct', method: 'GET', url: `${path`/users/${userId}/memberOf`}?$select=id` },
    { id: 'licenses', method: 'GET', url: `${path`/users/${userId}/licenseDetails`}?$select=skuId,skuPartNumber` },
    {
      id: 'audits',
      method: 'GET',
      url: `/auditLogs/directoryAudits?$filter=${encodeURIComponent(`targetResources/any(t:t/id eq '${userId}')`)}&$top=50`,
    },
  ]);
  const problems: GuestDirectory['problems'] = [];
  const read = <T>(a: BatchAnswer | undefined): T => {
    if (!a || a.status >= 300) throw itemAppError(a?.status ?? 0, a ? itemError(a) : t('graphNoAnswer'), a?.body);
    return a.body as T;
  };
  const none = <T>(): Listed<T> => ({ items: [], complete: true, read: 0, total: 0 });
  /** A list of the batch, its further pages read, or a problem said in its section. */
  const part = async <T>(
    section: GuestDirectory['problems'][number]['section'],
    id: string,
    cap?: number,
  ): Promise<Listed<T>> => {
    try {
      return await graphList<T>(client, read(answers.get(id)), cap);
    } catch (e) {
      problems.push({ section, message: errorWords(e) });
      return none<T>();
    }
  };
  const user = read<CardIdentity>(answers.get('user'));
  const [sponsors, groups, direct, licenses] = await Promise.all([
    part<{ id: string; displayName?: string | null; mail?: string | null }>('sponsors', 'sponsors'),
    part<{ '@odata.type'?: string; id: string; displayName?: string | null; groupTypes?: string[] }>(
      'groups',
      'groups',
      MAX_GROUPS,
    ),
    part<{ id: string }>('groups', 'direct', MAX_GROUPS),
    part<{ skuId?: string; skuPartNumber?: string }>('licenses', 'licenses'),
  ]);
  const directIds = new Set(direct.items.map((g) => g.id));
  const audit = answers.get('audits');
  // The latest entries only, as asked ($top): a first page, not a list to read to its end.
  const audits = audit && audit.status < 300 ? (audit.body as { value: RawAudit[] }).value.map((a) => auditOf(a, userId)) : null;
  return {
    identity: {
      ...hitOf(user),
      externalUserStateChangeDateTime: user.externalUserStateChangeDateTime ?? null,
      createdDateTime: user.createdDateTime ?? null,
      creationType: user.creationType ?? null,
      sponsors: sponsors.items.map((s) => ({ id: s.id, displayName: s.displayName ?? s.id, mail: s.mail ?? null })),
    },
    groups: groups.items
      .filter((g) => g['@odata.type'] === '#microsoft.graph.group')
      .map((g) => ({
        id: g.id,
        displayName: g.displayName ?? g.id,
        dynamic: (g.groupTypes ?? []).includes('DynamicMembership'),
        direct: directIds.has(g.id),
      })),
    groupsRead: extentOf(groups),
    licenses: licenses.items.map((l) => ({ skuId: l.skuId ?? '', skuPartNumber: l.skuPartNumber ?? '' })),
    audits,
    ...(audits ? {} : { auditMissing: audit?.status === 403 ? AUDIT_NEEDS : audit ? itemError(audit) : t('graphNoAnswer') }),
    problems,
  };
}

/** First and last name (`PATCH /users/{id}`), as typed: what Dataverse names the guest by. */
export async function setProfile(client: Client, userId: string, p: { givenName: string; surname: string }): Promise<void> {
  const patch = {
    ...(p.givenName.trim() ? { givenName: p.givenName.trim() } : {}),
    ...(p.surname.trim() ? { surname: p.surname.trim() } : {}),
  };
  if (Object.keys(patch).length) await client.api(path`/users/${userId}`).patch(patch);
}
