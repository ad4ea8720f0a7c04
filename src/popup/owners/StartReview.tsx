import { useState } from 'preact/hooks';
import { type AccessReviewRecord, type ReviewsHere, reviewScopeWords } from '../../common/access-review.ts';
import { groupOfScope, type ReviewDraft } from '../../common/access-review-schema.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { UserPicker } from '../parts/UserPicker.tsx';
import { ReviewSummary } from './ReviewSummary.tsx';
import { NOT_REVIEWED_CHOICES, RECURRENCE_WORDS, REVIEWER_CHOICES } from './review-words.ts';

type Person = { id: string; displayName: string };

/** A labelled drop-down over a table of choices and their words. */
function Choice<K extends string>(p: {
  id: string;
  label: string;
  value: K;
  words: Record<K, () => string>;
  onChange: (v: K) => void;
}) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value as K)}>
        {(Object.keys(p.words) as K[]).map((k) => (
          <option key={k} value={k}>
            {p.words[k]()}
          </option>
        ))}
      </select>
    </>
  );
}

/** The form: who reviews, how often, for how long, what happens to people not reviewed; a sentence, then Confirm. */
export function StartReview({ here }: { here: ReviewsHere }) {
  const [draft, setDraft] = useState<ReviewDraft>({
    scope: here.scope,
    ...(here.scopeName ? { scopeName: here.scopeName } : {}),
    displayName: t('reviewDefaultName', reviewScopeWords(here.scope, here.scopeName)),
    reviewers: 'sponsors',
    reviewerIds: [],
    recurrence: 'quarterly',
    durationDays: 14,
    notReviewed: 'keep',
    autoApply: false,
  });
  const [named, setNamed] = useState<Person[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [started, setStarted] = useState<AccessReviewRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const update = (part: Partial<ReviewDraft>) => {
    setDraft({ ...draft, ...part });
    setConfirming(false);
  };
  const confirm = () => {
    setError(null);
    void send('startAccessReview', { ...draft, reviewerIds: named.map((p) => p.id) }).then(setStarted, setError);
  };
  if (started) {
    const name = started.draft.displayName;
    const words = groupOfScope(started.draft.scope) ? t('reviewStartedGroup', name) : t('reviewStarted', name);
    return <p data-testid="review-started">{words}</p>;
  }
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label={t('reviewStart')}>
      <h4>{t('reviewStart')}</h4>
      <label for="reviewName">{t('reviewName')}</label>
      <input id="reviewName" value={draft.displayName} onInput={(e) => update({ displayName: e.currentTarget.value })} />
      <fieldset>
        <legend>{t('reviewReviewers')}</legend>
        {(['sponsors', 'owner', 'named'] as const).map((r) => (
          <label key={r} class="check">
            <input type="radio" name="reviewers" checked={draft.reviewers === r} onChange={() => update({ reviewers: r })} />
            {REVIEWER_CHOICES[r]()}
          </label>
        ))}
      </fieldset>
      {draft.reviewers === 'named' ? (
        <>
          {named.length ? <p>{named.map((p) => p.displayName).join(', ')}</p> : null}
          <UserPicker
            label={t('reviewAddReviewer')}
            onChoose={(p) => p && setNamed([...named.filter((x) => x.id !== p.id), p])}
          />
        </>
      ) : null}
      <Choice
        id="reviewRecurrence"
        label={t('reviewRecurrence')}
        value={draft.recurrence}
        words={RECURRENCE_WORDS}
        onChange={(recurrence) => update({ recurrence })}
      />
      <label for="reviewDays">{t('reviewDuration')}</label>
      <input
        id="reviewDays"
        type="number"
        min={1}
        max={180}
        value={draft.durationDays}
        onInput={(e) => update({ durationDays: Number(e.currentTarget.value) || 1 })}
      />
      <Choice
        id="reviewNotReviewed"
        label={t('reviewNotReviewedLabel')}
        value={draft.notReviewed}
        words={NOT_REVIEWED_CHOICES}
        onChange={(notReviewed) => update({ notReviewed })}
      />
      <label class="check">
        <input type="checkbox" checked={draft.autoApply} onChange={(e) => update({ autoApply: e.currentTarget.checked })} />
        {t('reviewAutoApply')}
      </label>
      {confirming ? (
        <>
          <ReviewSummary draft={draft} here={here} named={named.length} />
          <button type="button" onClick={confirm}>
            {t('reviewConfirm')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} disabled={!draft.displayName.trim()}>
          {t('reviewStart')}
        </button>
      )}
      {error ? <ErrorNote error={error} /> : null}
    </form>
  );
}
