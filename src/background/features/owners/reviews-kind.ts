import type { AccessReviewRecord, ReviewDraft } from '../../../common/access-review.ts';
import { reviewDraft } from '../../../common/access-review-schema.ts';
import { t } from '../../../common/i18n.ts';
import { local } from '../../../common/storage.ts';
import { isOwnGuid } from '../../../logic/guid.ts';
import { defineKind } from '../../engine/kinds.ts';
import { reads } from '../../engine/steps.ts';
import { storedList } from '../../engine/stored-list.ts';
import { recordAccessReview } from '../activity/activity-log.ts';
import { type ReviewCreateResult, reviewCreateStep } from './steps/review-create.ts';

const list = storedList<AccessReviewRecord>(local.accessReviews);
export const ownAccessReviews = list.own;

/** What a start is given: the form's draft and the reviewers the background found for it. */
export interface ReviewStart {
  draft: ReviewDraft;
  reviewerIds: string[];
}

/** A stored review is checked again before it is sent: the draft's schema, its ARM name and reviewers as GUIDs. */
const reviewProblem = (r: AccessReviewRecord) =>
  reviewDraft(r.draft) && isOwnGuid(r.definitionName) && r.reviewerIds.length > 0 && r.reviewerIds.every(isOwnGuid)
    ? null
    : t('reviewStoredBad');

/** Creating an access review at an Azure scope: one step, its ARM name chosen here once. */
export const accessReviewKind = defineKind<AccessReviewRecord, ReviewStart, ReviewCreateResult>({
  list,
  plan: ({ draft, reviewerIds }) => ({
    definitionName: crypto.randomUUID(),
    draft,
    reviewerIds,
    steps: [{ kind: 'reviewCreate', state: 'pending' }],
  }),
  // A second click while one is under way is the same review.
  sameAs: (x, a) =>
    x.draft.scope.toLowerCase() === a.draft.scope.toLowerCase() &&
    x.draft.displayName.trim().toLowerCase() === a.draft.displayName.trim().toLowerCase(),
  underWay: () => t('reviewUnderWay'),
  problem: reviewProblem,
  guestId: () => undefined,
  inputs: [reads(reviewCreateStep, (review: AccessReviewRecord) => ({ review }))],
  ended: (r, _step, result) => {
    if (result) r.created = result.created;
  },
  fields: ['steps', 'status', 'waitingFor', 'finishedAt', 'created'],
  record: recordAccessReview,
  what: (r) => t('queuedReview', r.draft.displayName),
  transferable: true,
});
