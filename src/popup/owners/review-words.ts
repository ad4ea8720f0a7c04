import type { ReviewDraft } from '../../common/access-review.ts';
import { t } from '../../common/i18n.ts';

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
