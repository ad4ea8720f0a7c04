import { type Client, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { AccessReviewRecord, RunningReview } from '../../../common/access-review.ts';
import { graphList } from '../../services/graph/list.ts';
import { path } from '../../services/url-path.ts';
import { groupReviewBody } from './group-reviews-body.ts';

/** Graph's access reviews (v1.0, learn: accessreviewsv2-overview): a definition, its instances, their decisions. */
const DEFINITIONS = '/identityGovernance/accessReviews/definitions';

interface Definition {
  id: string;
  displayName?: string | null;
  status?: string | null;
  scope?: { query?: string | null } | null;
  settings?: { autoApplyDecisionsEnabled?: boolean } | null;
}
interface Instance {
  id: string;
  status?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
}
interface Decision {
  decision?: string | null;
  applyResult?: string | null;
  principal?: { displayName?: string | null } | null;
  resource?: { displayName?: string | null } | null;
  reviewedBy?: { displayName?: string | null; userPrincipalName?: string | null } | null;
}

const sameText = (a: string | null | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The definitions on this group: Learn's one filter for them, `contains` on the query scope's query with
 * `/groups/{id}` (learn: accessreviewset-list-definitions, "Use the $filter query parameter"), every page read.
 */
async function definitionsOf(client: Client, groupId: string): Promise<Definition[]> {
  const filter = `contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/${groupId}')`;
  const first = client.api(DEFINITIONS).filter(filter).top(100).get();
  return (await graphList<Definition>(client, first)).items;
}

/**
 * Creates the review once: looked for by its display name on this group before every send (a resend after a lost
 * answer, a stopped worker, a second start), never sent twice by the SDK's own retry either (a 429 or 503 goes back
 * to the engine, which waits it out and looks again first).
 */
export async function createGroupReview(
  client: Client,
  review: AccessReviewRecord,
  groupId: string,
): Promise<{ name: string; found: boolean }> {
  const found = (await definitionsOf(client, groupId)).find((d) => sameText(d.displayName, review.draft.displayName));
  if (found) return { name: found.id, found: true };
  const fallback = review.draft.reviewers === 'sponsors' ? [review.principalId] : [];
  const name = review.draft.scopeName ?? groupId;
  const body = groupReviewBody(review.draft, groupId, name, review.reviewerIds, fallback, new Date());
  const made = (await client
    .api(DEFINITIONS)
    .middlewareOptions([new RetryHandlerOptions(0, 0)])
    .post(body)) as Definition;
  return { name: made.id, found: false };
}

/** The latest instance of a definition: the one started last. */
const latest = (instances: Instance[]) =>
  [...instances].sort((a, b) => Date.parse(a.startDateTime ?? '') - Date.parse(b.startDateTime ?? '')).at(-1);

/** The reviews of this group, each with its latest instance's progress (decisions made of all) and decisions. */
export async function runningGroupReviews(client: Client, groupId: string): Promise<RunningReview[]> {
  const definitions = await definitionsOf(client, groupId);
  return Promise.all(
    definitions.map(async (d): Promise<RunningReview> => {
      const base = `${DEFINITIONS}${path`/${d.id}/instances`}`;
      const instance = latest((await graphList<Instance>(client, client.api(base).get())).items);
      const decisions = instance
        ? (await graphList<Decision>(client, client.api(`${base}${path`/${instance.id}/decisions`}`).get())).items
        : [];
      const views = decisions.map((x) => ({
        principalName: x.principal?.displayName ?? '',
        roleName: x.resource?.displayName ?? '',
        decision: x.decision ?? 'NotReviewed',
        reviewedBy: x.reviewedBy?.displayName ?? x.reviewedBy?.userPrincipalName ?? null,
        applied: x.applyResult === 'AppliedSuccessfully' || x.applyResult === 'AppliedSuccessfullyButObjectNotFound',
      }));
      const status = instance?.status ?? d.status ?? '';
      return {
        id: d.id,
        instanceId: instance?.id ?? null,
        displayName: d.displayName ?? d.id,
        status,
        guestsOnly: /userType eq 'Guest'/i.test(d.scope?.query ?? ''),
        autoApply: d.settings?.autoApplyDecisionsEnabled === true,
        endDateTime: instance?.endDateTime ?? null,
        decided: views.filter((v) => v.decision !== 'NotReviewed' && v.decision !== 'NotNotified').length,
        total: views.length,
        decisions: views,
        // Graph applies an instance's decisions once it is Completed (learn: accessreviewinstance-applydecisions).
        canApply: status === 'Completed',
      };
    }),
  );
}

/** applyDecisions on an ended instance whose decisions are not applied automatically (204). */
export async function applyGroupDecisions(client: Client, id: string, instanceId: string): Promise<void> {
  await client.api(`${DEFINITIONS}${path`/${id}/instances/${instanceId}/applyDecisions`}`).post(undefined);
}
