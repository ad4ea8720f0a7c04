import { useContext, useState } from 'preact/hooks';
import {
  ACTION_WORDS,
  type ActivityEntry,
  type ActivityFilter,
  outcomeWords,
  type WaitingStep,
} from '../../common/activity-entry.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { formatDateTime } from '../../logic/format.ts';
import { download } from '../parts/download.ts';
import { OpenCard } from '../parts/open-card.ts';
import { ScopeId } from '../parts/ScopeId.tsx';
import { useStored } from '../parts/use-stored.ts';
import { RestoreFromActivity, restorable } from './RestoreFromActivity.tsx';

/** What this browser has done, newest first, filtered by outcome, with the redeem links Graph gave. */
export function ActivityView() {
  const [show, setShow] = useState<ActivityFilter>('all');
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [waiting, setWaiting] = useState<WaitingStep[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const openCard = useContext(OpenCard);
  // An invitation's step that waits, and then ends, changes the operations before it reaches the activity.
  useStored(
    [local.activity, local.operations],
    () =>
      void send('getActivity', { show }).then((r) => {
        setEntries(r.entries);
        setWaiting(r.waiting);
      }, setError),
    [show],
  );
  return (
    <section aria-label={t('activityTitle')}>
      <h2>{t('activityTitle')}</h2>
      <div class="row">
        <label for="activityShow">{t('activityShow')}</label>
        <select id="activityShow" value={show} onChange={(e) => setShow(e.currentTarget.value as ActivityFilter)}>
          <option value="all">{t('activityShowAll')}</option>
          <option value="succeeded">{t('activityShowSucceeded')}</option>
          <option value="failed">{t('activityShowFailed')}</option>
        </select>
        <button type="button" onClick={() => send('getActivityCsv', {}).then((r) => download(r.fileName, r.csv), setError)}>
          {t('activityDownloadCsv')}
        </button>
      </div>
      {waiting.length ? (
        <ul class="activity" data-testid="activity-waiting" aria-label={t('activityWaiting')}>
          {waiting.map((w) => (
            <li key={`${w.subject}-${w.step}`}>
              <strong>{w.step}</strong> {w.subject} · {t('activityWaitingOutcome')}
              <div class="note">{w.words}</div>
            </li>
          ))}
        </ul>
      ) : null}
      {entries?.length === 0 && !waiting.length ? <p class="muted">{t('activityEmpty')}</p> : null}
      <ol class="activity" data-testid="activity-list">
        {(entries ?? []).map((e) => (
          <li key={`${e.at}-${e.action}-${e.subject}`} data-outcome={e.outcome}>
            <div>
              <strong>{ACTION_WORDS[e.action]}</strong> {e.subject} · {outcomeWords(e.outcome)}
            </div>
            <div class="muted">
              {formatDateTime(e.at)} · {e.username}
            </div>
            {e.detail ? <div>{e.detail}</div> : null}
            {e.scope ? <ScopeId scope={e.scope} /> : null}
            {e.error ? <div class="field-error">{e.error}</div> : null}
            {e.redeemUrl ? <input readOnly aria-label={t('activityRedeemLinkFor', e.subject)} value={e.redeemUrl} /> : null}
            {restorable(e, entries ?? []) ? <RestoreFromActivity entry={e} /> : null}
            {e.subject.includes('@') && e.action !== 'bulk' ? (
              <button type="button" class="link" onClick={() => openCard(e.subject)}>
                {t('activityOpenCard')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {confirmClear ? (
        <div class="row">
          <span>{t('activityClearQuestion')}</span>
          <button type="button" onClick={() => send('clearActivity', {}).then(() => setConfirmClear(false), setError)}>
            {t('activityClear')}
          </button>
        </div>
      ) : (
        <button type="button" class="link" onClick={() => setConfirmClear(true)}>
          {t('activityClearStart')}
        </button>
      )}
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
