import { type ReviewDraft, type ReviewsHere, reviewScopeWords } from '../../common/access-review.ts';
import { groupOfScope } from '../../common/access-review-schema.ts';
import { t } from '../../common/i18n.ts';
import { NOT_REVIEWED_SUMMARY, RECURRENCE_WORDS } from './review-words.ts';

/** Whom the reviewers are, in words: the sponsors (how many people), the owner, or those named. */
function reviewerWords(draft: ReviewDraft, here: ReviewsHere, named: number): string {
  if (draft.reviewers === 'owner') return t('reviewByOwner');
  if (draft.reviewers === 'named') return t('reviewByNamed', named);
  const sponsors = new Set(here.guests.flatMap((g) => g.sponsors.map((s) => s.id))).size;
  const without = here.guests.filter((g) => g.sponsors.length === 0).length;
  return without ? t('reviewBySponsorsSomeWithout', sponsors, without) : t('reviewBySponsors', sponsors);
}

/** One sentence saying what Confirm creates, before anything is sent. */
export function ReviewSummary({ draft, here, named }: { draft: ReviewDraft; here: ReviewsHere; named: number }) {
  const parts = [
    draft.displayName,
    here.guests.length,
    reviewScopeWords(draft.scope, here.scopeName),
    reviewerWords(draft, here, named),
    RECURRENCE_WORDS[draft.recurrence]().toLowerCase(),
    draft.durationDays,
    NOT_REVIEWED_SUMMARY[draft.notReviewed](),
    draft.autoApply ? t('reviewSummaryAutoApply') : t('reviewSummaryApplyByYou'),
  ] as const;
  // A group's review covers its guest members; an Azure scope's, the guests with a role there.
  return (
    <p data-testid="review-summary">
      {groupOfScope(draft.scope) ? t('reviewSummaryGroup', ...parts) : t('reviewSummary', ...parts)}
    </p>
  );
}
