import { useContext, useEffect, useState } from 'preact/hooks';
import { ACTION_WORDS, type ActivityEntry, type ActivityFilter } from '../shared/activity.ts';
import { browser } from '../shared/browser.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { send } from '../shared/send.ts';
import { download } from './download.ts';
import { OpenCard } from './open-card.ts';

const when = (at: number) => new Date(at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });

/** What this browser has done, newest first, filtered by outcome, with the redeem links Graph gave. */
export function ActivityView() {
  const [show, setShow] = useState<ActivityFilter>('all');
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const openCard = useContext(OpenCard);
  useEffect(() => {
    const load = () => send('getActivity', { show }).then((r) => setEntries(r.entries), setError);
    void load();
    const changed = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'activity' in changes) void load();
    };
    browser.storage.onChanged.addListener(changed);
    return () => browser.storage.onChanged.removeListener(changed);
  }, [show]);
  return (
    <section aria-label="Activity">
      <h2>Activity</h2>
      <div class="row">
        <label for="activityShow">Show</label>
        <select id="activityShow" value={show} onChange={(e) => setShow(e.currentTarget.value as ActivityFilter)}>
          <option value="all">Everything</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
        </select>
        <button type="button" onClick={() => send('getActivityCsv', {}).then((r) => download(r.fileName, r.csv), setError)}>
          Download CSV
        </button>
      </div>
      {entries?.length === 0 ? <p class="muted">Nothing here yet.</p> : null}
      <ol class="activity" data-testid="activity-list">
        {(entries ?? []).map((e) => (
          <li key={`${e.at}-${e.action}-${e.subject}`} data-outcome={e.outcome}>
            <div>
              <strong>{ACTION_WORDS[e.action]}</strong> {e.subject} · {e.outcome}
            </div>
            <div class="muted">
              {when(e.at)} · {e.username}
            </div>
            {e.detail ? <div>{e.detail}</div> : null}
            {e.error ? <div class="field-error">{e.error}</div> : null}
            {e.redeemUrl ? <input readOnly aria-label={`Redeem link for ${e.subject}`} value={e.redeemUrl} /> : null}
            {e.subject.includes('@') && e.action !== 'bulk' ? (
              <button type="button" class="link" onClick={() => openCard(e.subject)}>
                Open card
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {confirmClear ? (
        <div class="row">
          <span>Clear this browser's activity list? Nothing in the tenant changes.</span>
          <button type="button" onClick={() => send('clearActivity', {}).then(() => setConfirmClear(false), setError)}>
            Clear
          </button>
        </div>
      ) : (
        <button type="button" class="link" onClick={() => setConfirmClear(true)}>
          Clear activity…
        </button>
      )}
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
