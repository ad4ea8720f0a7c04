import type { ReviewDraft } from '../../../common/access-review.ts';
import { t } from '../../../common/i18n.ts';

/** Months between reviews for each recurrence of the form (Graph's `absoluteMonthly` interval); 0: one review only. */
const MONTHS: Record<ReviewDraft['recurrence'], number> = { once: 0, monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 };

/** What people nobody reviewed get when it ends: Graph's `defaultDecision` (learn: accessreviewschedulesettings). */
const DEFAULT_DECISION = { keep: 'None', remove: 'Deny', recommendation: 'Recommendation' } as const;

/** The guest members of a group, transitively, as Learn's example reviews a group's guests (accessreviews-scope-concept). */
export const guestMembersQuery = (groupId: string) =>
  `/groups/${groupId}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')`;

const queryScope = (query: string) => ({
  '@odata.type': '#microsoft.graph.accessReviewQueryScope',
  query,
  queryType: 'MicrosoftGraph',
});
const users = (ids: string[]) => ids.map((id) => ({ query: `/users/${id}`, queryType: 'MicrosoftGraph' }));

/**
 * The body of `POST /identityGovernance/accessReviews/definitions` (learn: accessreviewset-post-definitions) for one
 * group's guests. The reviewers are named people (`/users/{id}`, Learn's "a specific user as the reviewer"): each
 * guest's sponsors, found before it starts, as on the Azure side; the stored Learn pages document no sponsors query
 * for reviewers, so none is relied on. The owner is the fallback reviewer for guests whose sponsors are gone.
 * `startDate` is an Edm.Date; a one-time review has no `pattern` (learn: accessreviewschedulesettings, recurrence).
 */
export function groupReviewBody(
  draft: ReviewDraft,
  groupId: string,
  groupName: string,
  reviewerIds: string[],
  fallbackIds: string[],
  start: Date,
) {
  const months = MONTHS[draft.recurrence];
  const startDate = start.toISOString().slice(0, 10);
  const decision = DEFAULT_DECISION[draft.notReviewed];
  return {
    displayName: draft.displayName,
    descriptionForAdmins: t('reviewDescriptionForAdmins', groupName),
    descriptionForReviewers: t('reviewDescriptionForReviewers', groupName),
    scope: queryScope(guestMembersQuery(groupId)),
    instanceEnumerationScope: queryScope(`/groups/${groupId}`),
    reviewers: users(reviewerIds),
    ...(fallbackIds.length ? { fallbackReviewers: users(fallbackIds) } : {}),
    settings: {
      mailNotificationsEnabled: true,
      reminderNotificationsEnabled: true,
      justificationRequiredOnApproval: false,
      defaultDecisionEnabled: decision !== 'None',
      defaultDecision: decision,
      instanceDurationInDays: draft.durationDays,
      autoApplyDecisionsEnabled: draft.autoApply,
      // Applying a denial takes the guest out of the group (learn: removeaccessapplyaction).
      applyActions: draft.autoApply ? [{ '@odata.type': '#microsoft.graph.removeAccessApplyAction' }] : [],
      recommendationsEnabled: true,
      recurrence: months
        ? { pattern: { type: 'absoluteMonthly', interval: months }, range: { type: 'noEnd', startDate } }
        : { range: { type: 'numbered', numberOfOccurrences: 1, startDate } },
    },
  };
}
