import type { AccessReviewRecord } from '../../../../common/access-review.ts';
import { groupOfScope } from '../../../../common/access-review-schema.ts';
import { defineStep, noEntry, type StepCall } from '../../../engine/steps.ts';
import { graphSession } from '../../../services/graph/client.ts';
import { createGroupReview } from '../group-reviews.ts';
import { createReview } from '../reviews.ts';

/**
 * An access review of one scope (issue 27), created once: looked for by its display name and scope before each send.
 * An Azure scope's is ARM's; a group's (`/groups/{id}`: an app's audience, an environment's security group) Graph's.
 */
export interface ReviewCreateInput {
  review: AccessReviewRecord;
}

export interface ReviewCreateResult {
  kind: 'reviewCreate';
  created: { name: string; found: boolean };
}

export const reviewCreateStep = defineStep('reviewCreate', {
  run: async ({ input, session, markSent }: StepCall<ReviewCreateInput>): Promise<ReviewCreateResult> => {
    // Whether or not it may have left before, createReview looks for it first.
    await markSent();
    const group = groupOfScope(input.review.draft.scope);
    const created = group
      ? await createGroupReview(graphSession(session.settings).client, input.review, group)
      : await createReview(session.settings, input.review);
    return { kind: 'reviewCreate', created };
  },
  // A review writes one Activity entry of its own (recordAccessReview).
  entry: noEntry,
  // It reviews the scope's guests, none of them in particular (the kind's guestId is undefined).
  needsGuest: false,
});
