import type { ReviewDraft } from '../../../common/access-review.ts';

/** Months between reviews for each recurrence of the form (ARM's `absoluteMonthly` interval); 0: one review only. */
const MONTHS: Record<ReviewDraft['recurrence'], number> = { once: 0, monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 };

/** What people nobody reviewed get when it ends: ARM's `defaultDecision`, or none (their access stays). */
const DEFAULT_DECISION = { keep: undefined, remove: 'Deny', recommendation: 'Recommendation' } as const;

/**
 * The body of ScopeAccessReviewScheduleDefinitions_CreateOrUpdateById (2021-12-01-preview): the definition's
 * properties, as the swagger's body parameter gives them. Guests only (`principalType: guestUser`), assignments
 * at exactly this scope (not inherited from above, not below), active and eligible alike (no `assignmentState`, which
 * names one of the two). ARM has no "sponsors" reviewer type (Assigned, Self, Managers): each guest's sponsors are
 * named as assigned reviewers, and the owner is the backup reviewer for guests who have none.
 */
export function reviewBody(draft: ReviewDraft, reviewerIds: string[], backupIds: string[], start: Date) {
  const months = MONTHS[draft.recurrence];
  const startDate = start.toISOString();
  const defaultDecision = DEFAULT_DECISION[draft.notReviewed];
  return {
    displayName: draft.displayName,
    settings: {
      mailNotificationsEnabled: true,
      reminderNotificationsEnabled: true,
      defaultDecisionEnabled: defaultDecision !== undefined,
      ...(defaultDecision ? { defaultDecision } : {}),
      autoApplyDecisionsEnabled: draft.autoApply,
      recommendationsEnabled: true,
      instanceDurationInDays: draft.durationDays,
      recurrence: months
        ? { pattern: { type: 'absoluteMonthly', interval: months }, range: { type: 'noEnd', startDate } }
        : { range: { type: 'numbered', numberOfOccurrences: 1, startDate } },
    },
    scope: { principalType: 'guestUser', includeInheritedAccess: false, includeAccessBelowResource: false },
    reviewers: reviewerIds.map((principalId) => ({ principalId })),
    ...(backupIds.length ? { backupReviewers: backupIds.map((principalId) => ({ principalId })) } : {}),
  };
}
