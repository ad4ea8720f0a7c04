import { useState } from 'preact/hooks';
import type { ReviewsHere as Here, RunningReview } from '../../common/access-review.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { useStored } from '../parts/use-stored.ts';
import { StartReview } from './StartReview.tsx';

/** ARM's decision values in words; one this version does not know, as ARM gives it. */
const decisionWords = (decision: string): string =>
  ({ Approve: t('reviewApproved'), Deny: t('reviewDenied'), DontKnow: t('reviewDontKnow'), NotReviewed: t('reviewNotReviewed') })[
    decision
  ] ?? decision;

/** ARM's review statuses a person meets, in words; another, as ARM gives it. */
const statusWords = (status: string): string =>
  ({
    InProgress: t('reviewRunning'),
    NotStarted: t('reviewScheduled'),
    Scheduled: t('reviewScheduled'),
    Completed: t('reviewEnded'),
    Applied: t('reviewEndedApplied'),
  })[status] ?? status;

function Review({ review, onApply }: { review: RunningReview; onApply: () => void }) {
  const unapplied = review.decisions.some((d) => d.decision !== 'NotReviewed' && !d.applied);
  return (
    <li data-testid="review">
      <strong>{review.displayName}</strong>{' '}
      <span class="muted" data-testid="review-status">
        {statusWords(review.status)}
      </span>
      <div data-testid="review-progress">{t('reviewProgress', review.decided, review.total)}</div>
      <ul class="steps">
        {review.decisions.map((d) => (
          <li key={`${d.principalName}${d.roleName}`} data-testid="review-decision">
            {d.principalName} ({d.roleName}): {decisionWords(d.decision)}
            {d.reviewedBy ? ` · ${t('reviewBy', d.reviewedBy)}` : ''}
            {d.applied ? ` · ${t('reviewApplied')}` : ''}
          </li>
        ))}
      </ul>
      {!review.autoApply && unapplied && review.instanceId ? (
        <button type="button" onClick={onApply}>
          {t('reviewApply')}
        </button>
      ) : null}
    </li>
  );
}

/**
 * Access reviews of the Azure scope on the page (issue 27): the reviews running here with their progress and
 * decisions, and a form to start one of this scope's guests. The licence is said before anything can be created.
 */
export function ReviewsHere({ scope }: { scope: string }) {
  const [here, setHere] = useState<Here | null>(null);
  const [error, setError] = useState<unknown>(null);
  const read = () =>
    void send('getReviewsHere', { scope }).then((h) => {
      setHere(h);
      setError(null);
    }, setError);
  // Read again whenever a review this account started here ends (created, or found already there).
  useStored([local.accessReviews], read, [scope]);
  const apply = (r: RunningReview) =>
    r.instanceId && void send('applyReviewDecisions', { scope, id: r.id, instanceId: r.instanceId }).then(setHere, setError);
  return (
    <section aria-label={t('reviewsTitle')} data-testid="reviews-here">
      <h3>{t('reviewsTitle')}</h3>
      {error ? <ErrorNote error={error} /> : null}
      {!here && !error ? (
        <p class="muted" aria-busy="true">
          {t('reviewsReading')}
        </p>
      ) : null}
      {here && !here.licensed ? <p role="alert">{t('errorReviewNotLicensed')}</p> : null}
      {here && here.reviews.length === 0 ? <p class="muted">{t('reviewsNone')}</p> : null}
      {here?.reviews.length ? (
        <ul class="choices">
          {here.reviews.map((r) => (
            <Review key={r.id} review={r} onApply={() => apply(r)} />
          ))}
        </ul>
      ) : null}
      {here ? (
        <button type="button" class="link" onClick={read}>
          {t('reviewsReadAgain')}
        </button>
      ) : null}
      {here?.licensed ? <StartReview here={here} /> : null}
    </section>
  );
}
