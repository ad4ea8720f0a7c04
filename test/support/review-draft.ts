import type { ReviewDraft, ReviewGuest } from '../../src/common/access-review.ts';

/** A review of `scope`'s guests by their sponsors, once, for 7 days, keeping access of whom nobody reviewed. */
export const reviewDraftAt = (scope: string, displayName = 'Guests of rg-data'): ReviewDraft => ({
  scope,
  displayName,
  reviewers: 'sponsors',
  reviewerIds: [],
  recurrence: 'once',
  durationDays: 7,
  notReviewed: 'keep',
  autoApply: false,
});

/** A guest the review would review, with these sponsors (each named by its id). */
export const reviewGuest = (id: string, sponsors: string[]): ReviewGuest => ({
  id,
  displayName: id,
  sponsors: sponsors.map((s) => ({ id: s, displayName: s })),
});
