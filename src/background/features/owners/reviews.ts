import type { AccessReviewRecord, RunningReview } from '../../../common/access-review.ts';
import type { Settings } from '../../../common/config.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import { arm, armList } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { AUTH } from '../guest-card/guest-role-holder.ts';
import { reviewBody } from './reviews-body.ts';

/**
 * ARM's access reviews at a scope (azure-rest-api-specs, Microsoft.Authorization preview/2021-12-01-preview
 * authorization-AccessReviewCalls.json): the newest api-version that has them at `/{scope}`; none is stable yet.
 */
export const REVIEWS_API = '2021-12-01-preview';

interface Definition {
  name: string;
  properties: {
    displayName?: string;
    status?: string;
    scope?: { resourceId?: string; principalType?: string };
    settings?: { autoApplyDecisionsEnabled?: boolean };
  };
}
interface Instance {
  name: string;
  properties: { status?: string; endDateTime?: string };
}
interface Decision {
  properties: {
    principal?: { displayName?: string } | null;
    resource?: { displayName?: string } | null;
    decision?: string;
    reviewedBy?: { principalName?: string } | null;
    applyResult?: string;
  };
}

const definitions = (scope: string) => `${scopePath(scope)}${AUTH}/accessReviewScheduleDefinitions`;
const sameText = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/** The definition at this scope with this display name (ARM answers definitions at the scope only), or null. */
export async function findReview(settings: Settings, scope: string, displayName: string): Promise<Definition | null> {
  const { items } = await armList<Definition>(settings, definitions(scope), REVIEWS_API);
  const at = (d: Definition) => !d.properties.scope?.resourceId || sameText(d.properties.scope.resourceId, scope);
  return items.find((d) => sameText(d.properties.displayName, displayName) && at(d)) ?? null;
}

/**
 * Creates the review once: it is looked for by its display name and scope before it is sent (a resend after a lost
 * answer, a worker stopped mid-request, or a second start of the same review), so it is never made twice.
 */
export async function createReview(settings: Settings, review: AccessReviewRecord): Promise<{ name: string; found: boolean }> {
  const found = await findReview(settings, review.draft.scope, review.draft.displayName);
  if (found) return { name: found.name, found: true };
  const backup = review.draft.reviewers === 'sponsors' ? [review.principalId] : [];
  const body = reviewBody(review.draft, review.reviewerIds, backup, new Date());
  await arm(settings, 'PUT', `${definitions(review.draft.scope)}${path`/${review.definitionName}`}`, REVIEWS_API, body);
  return { name: review.definitionName, found: false };
}

/** The reviews at this scope, each with its latest instance's progress (decisions made of all) and decisions. */
export async function runningReviews(settings: Settings, scope: string): Promise<RunningReview[]> {
  const { items } = await armList<Definition>(settings, definitions(scope), REVIEWS_API);
  return Promise.all(
    items.map(async (d): Promise<RunningReview> => {
      const base = `${definitions(scope)}${path`/${d.name}`}/instances`;
      const instances = (await armList<Instance>(settings, base, REVIEWS_API)).items;
      const instance = instances.at(-1);
      const decisions = instance
        ? (await armList<Decision>(settings, `${base}${path`/${instance.name}`}/decisions`, REVIEWS_API)).items
        : [];
      const views = decisions.map(({ properties: p }) => ({
        principalName: p.principal?.displayName ?? '',
        roleName: p.resource?.displayName ?? '',
        decision: p.decision ?? 'NotReviewed',
        reviewedBy: p.reviewedBy?.principalName ?? null,
        applied: p.applyResult === 'AppliedSuccessfully' || p.applyResult === 'AppliedSuccessfullyButObjectNotFound',
      }));
      return {
        id: d.name,
        instanceId: instance?.name ?? null,
        displayName: d.properties.displayName ?? d.name,
        status: instance?.properties.status ?? d.properties.status ?? '',
        guestsOnly: d.properties.scope?.principalType === 'guestUser',
        autoApply: d.properties.settings?.autoApplyDecisionsEnabled === true,
        endDateTime: instance?.properties.endDateTime ?? null,
        decided: views.filter((v) => v.decision !== 'NotReviewed' && v.decision !== 'NotNotified').length,
        total: views.length,
        decisions: views,
        canApply: instance !== undefined,
      };
    }),
  );
}

/** Applies an instance's decisions (ScopeAccessReviewInstance_ApplyDecisions) where they are not applied automatically. */
export async function applyReviewDecisions(settings: Settings, scope: string, id: string, instanceId: string): Promise<void> {
  await arm(settings, 'POST', `${definitions(scope)}${path`/${id}/instances/${instanceId}/applyDecisions`}`, REVIEWS_API);
}
