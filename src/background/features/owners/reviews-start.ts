import type { ReviewDraft } from '../../../common/access-review.ts';
import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { reviewsHere } from './reviews-here.ts';
import type { ReviewStart } from './reviews-kind.ts';

/**
 * Before anything is created: the licence (a tenant without Microsoft Entra ID P2 or ID Governance is told so, and
 * nothing is sent), and the reviewers: the sponsors of the guests here, the person starting it, or those named.
 */
export async function reviewStart(settings: Settings, account: SignedInAccount, draft: ReviewDraft): Promise<ReviewStart> {
  const here = await reviewsHere(settings, draft.scope);
  if (!here.licensed) throw new AppError(ErrorCodes.reviewNotLicensed);
  const ids =
    draft.reviewers === 'owner'
      ? [account.id]
      : draft.reviewers === 'named'
        ? draft.reviewerIds
        : here.guests.flatMap((g) => g.sponsors.map((s) => s.id));
  const reviewerIds = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (reviewerIds.length === 0) throw new AppError(ErrorCodes.noReviewers);
  return { draft, reviewerIds };
}
