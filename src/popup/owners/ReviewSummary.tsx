import type { ReviewDraft, ReviewsHere } from '../../common/access-review.ts';
import { reviewSummaryWords } from './review-words.ts';

/** One sentence saying what Confirm creates, before anything is sent. */
export function ReviewSummary({ draft, here, named }: { draft: ReviewDraft; here: ReviewsHere; named: number }) {
  return <p data-testid="review-summary">{reviewSummaryWords(draft, here, named)}</p>;
}
