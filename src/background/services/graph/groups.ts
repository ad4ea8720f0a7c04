import type { Client } from '@microsoft/microsoft-graph-client';
import { SEARCH_HITS } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import type { AudienceGroup } from '../../../common/powerbi.ts';
import { bulkGroupRefusal, GROUP_FACT_FIELDS, type GraphGroup, groupFacts } from '../../../logic/bulk/groups.ts';
import { path } from '../url-path.ts';
import { itemError, sendBatch } from './batch.ts';
import { ADVANCED_QUERY, filterParam, searchParam } from './odata.ts';

/**
 * Security groups with a word of their name starting with the text typed ("viewers" finds "Sales Analytics
 * viewers"), for choosing an app's audience group: Graph's `$search`, with the advanced query header.
 */
export async function searchGroups(client: Client, text: string): Promise<AudienceGroup[]> {
  const { value } = (await client
    .api('/groups')
    .headers(ADVANCED_QUERY)
    .search(searchParam(text, ['displayName']))
    .filter(filterParam('securityEnabled eq true'))
    .select(GROUP_FACT_FIELDS)
    .top(SEARCH_HITS * 2)
    .get()) as { value: (GraphGroup & { id: string })[] };
  // The same groups a bulk file may name: plain security groups, never role-assignable, dynamic or Microsoft 365.
  return value
    .filter((g) => bulkGroupRefusal(groupFacts(g)) === null)
    .slice(0, SEARCH_HITS)
    .map((g) => ({ id: g.id, displayName: g.displayName ?? '' }));
}

/** The body that names a user in a new reference (a group member, a sponsor). */
export const memberRef = (userId: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });
/** Graph's refusal for a reference added twice (a member, a sponsor), which counts as success. */
export const alreadyExists = (message: string | undefined) => /already exist/i.test(message ?? '');

/**
 * Adds each (user, group) pair in JSON batches; "already a member" counts as joined. Safe to repeat, so throttled
 * items are retried in place. Returns, per pair, whether they were added now (false: already a member), or why not.
 */
export type JoinAnswer = { added: boolean } | { error: string; status: number };

export async function addGroupMembers(client: Client, pairs: { userId: string; groupId: string }[]): Promise<JoinAnswer[]> {
  const answers = await sendBatch(
    client,
    pairs.map((p, i) => ({
      id: String(i),
      method: 'POST',
      url: path`/groups/${p.groupId}/members/$ref`,
      body: memberRef(p.userId),
    })),
  );
  return pairs.map((_, i) => {
    const a = answers.get(String(i));
    if (!a) return { error: t('graphNoAnswer'), status: 0 };
    if (a.status < 300) return { added: true };
    const message = itemError(a);
    return a.status === 400 && alreadyExists(message) ? { added: false } : { error: message, status: a.status };
  });
}
