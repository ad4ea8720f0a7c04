import { useState } from 'preact/hooks';
import type { ReviewsHere as Here, RunningReview } from '../../common/access-review.ts';
import type { Feature } from '../../common/config.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { PageContext } from '../../common/page-context.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
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
      {!review.autoApply && unapplied && review.canApply && review.instanceId ? (
        <button type="button" onClick={onApply}>
          {t('reviewApply')}
        </button>
      ) : null}
    </li>
  );
}

/** The features a group page's reviews read with: Graph's access reviews, and what finds the page's group. */
const pageFeatures = (page: PageContext | undefined): Feature[] =>
  !page ? [] : ['groupReviews', page.kind === 'powerbi-app' ? 'powerBiAccess' : 'powerPlatform'];

/**
 * Access reviews of the page (issue 27): of the Azure scope (`scope`), or of the group of a Power BI app or an
 * environment (`page`: its audience, its security group; their scopes asked for here first). The reviews running
 * there with their progress and decisions, and a form to start one of its guests. The licence is said before anything
 * can be created.
 */
export function ReviewsHere({ scope, page }: { scope?: string; page?: PageContext }) {
  const [here, setHere] = useState<Here | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reads, setReads] = useState(0);
  const consent = useConsent(pageFeatures(page), { active: !!page, onGranted: () => setReads((n) => n + 1) });
  const ready = !page || consent.state === 'granted';
  const read = () => {
    if (!ready) return;
    const asked = scope ? { scope } : page ? { page } : null;
    if (!asked) return;
    void send('getReviewsHere', asked).then((h) => {
      setHere(h);
      setError(null);
    }, setError);
  };
  // Read again whenever a review this account started here ends (created, or found already there).
  useStored([local.accessReviews], read, [scope, page && JSON.stringify(page), ready, reads]);
  const apply = (r: RunningReview) =>
    here &&
    r.instanceId &&
    void send('applyReviewDecisions', { scope: here.scope, id: r.id, instanceId: r.instanceId }).then(setHere, setError);
  return (
    <section aria-label={t('reviewsTitle')} data-testid="reviews-here">
      <h3>{t('reviewsTitle')}</h3>
      {page ? <ConsentLine consent={consent} words={t('reviewsGroupConsent')} /> : null}
      {here?.scopeName ? <p class="muted">{t('reviewsOfGroup', here.scopeName)}</p> : null}
      {error ? <ErrorNote error={error} /> : null}
      {ready && !here && !error ? (
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
