import { type ReviewDraft, type ReviewsHere, reviewScopeWords } from '../../common/access-review.ts';
import { groupOfScope } from '../../common/access-review-schema.ts';
import { plural, t } from '../../common/i18n.ts';

/** The form's choices in words, each key asked for by name (src/locales/locales.test.ts). */
export const REVIEWER_CHOICES: Record<ReviewDraft['reviewers'], () => string> = {
  sponsors: () => t('reviewReviewersSponsors'),
  owner: () => t('reviewReviewersOwner'),
  named: () => t('reviewReviewersNamed'),
};

export const RECURRENCE_WORDS: Record<ReviewDraft['recurrence'], () => string> = {
  once: () => t('reviewRecurrenceOnce'),
  monthly: () => t('reviewRecurrenceMonthly'),
  quarterly: () => t('reviewRecurrenceQuarterly'),
  halfYearly: () => t('reviewRecurrenceHalfYearly'),
  yearly: () => t('reviewRecurrenceYearly'),
};

export const NOT_REVIEWED_CHOICES: Record<ReviewDraft['notReviewed'], () => string> = {
  keep: () => t('reviewNotReviewedKeep'),
  remove: () => t('reviewNotReviewedRemove'),
  recommendation: () => t('reviewNotReviewedRecommendation'),
};

/** What happens to people nobody reviewed, as the summary sentence says it. */
export const NOT_REVIEWED_SUMMARY: Record<ReviewDraft['notReviewed'], () => string> = {
  keep: () => t('reviewSummaryKeep'),
  remove: () => t('reviewSummaryRemove'),
  recommendation: () => t('reviewSummaryRecommendation'),
};

/** Whom the reviewers are, in words: the sponsors (how many people), the owner, or those named. */
function reviewerWords(draft: ReviewDraft, here: ReviewsHere, named: number): string {
  if (draft.reviewers === 'owner') return t('reviewByOwner');
  if (draft.reviewers === 'named')
    return plural(named, { one: () => t('reviewByNamedOne'), other: () => t('reviewByNamed', named) });
  const count = new Set(here.guests.flatMap((g) => g.sponsors.map((s) => s.id))).size;
  const sponsors = plural(count, { one: () => t('reviewReviewersOne'), other: () => t('reviewReviewersOther', count) });
  const n = here.guests.filter((g) => g.sponsors.length === 0).length;
  const without = plural(n, { one: () => t('reviewGuestCountOne'), other: () => t('reviewGuestCountOther', n) });
  return n ? t('reviewBySponsorsSomeWithout', sponsors, without) : t('reviewBySponsors', sponsors);
}

/** The guests reviewed, counted: "the 2 guests", "the one guest", "no guest". */
function guestsWords(count: number): string {
  return plural(count, {
    zero: () => t('reviewGuestsNone'),
    one: () => t('reviewGuestsOne'),
    other: () => t('reviewGuestsOther', count),
  });
}

/**
 * What Confirm creates, in one sentence: whose access, where, by whom, how often, for how long, and what follows. A
 * group's review covers its guest members; an Azure scope's, the guests with a role there.
 */
export function reviewSummaryWords(draft: ReviewDraft, here: ReviewsHere, named: number): string {
  const parts = [
    draft.displayName,
    guestsWords(here.guests.length),
    reviewScopeWords(draft.scope, here.scopeName),
    reviewerWords(draft, here, named),
    RECURRENCE_WORDS[draft.recurrence]().toLowerCase(),
    draft.durationDays,
    NOT_REVIEWED_SUMMARY[draft.notReviewed](),
    draft.autoApply ? t('reviewSummaryAutoApply') : t('reviewSummaryApplyByYou'),
  ] as const;
  return groupOfScope(draft.scope) ? t('reviewSummaryGroup', ...parts) : t('reviewSummary', ...parts);
}
