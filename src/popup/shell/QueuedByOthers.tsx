import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { QueuedItem, QueuedView } from '../../common/queued.ts';
import { send } from '../../common/send.ts';
import { formatDateTime } from '../../logic/format.ts';

/**
 * Work another account confirmed and left unsent in this browser (issue 21): what it is and who queued it, never its
 * results. Nothing of it is sent under this sign-in unless this account confirms it as its own.
 */
export function QueuedByOthers({ me }: { me: string }) {
  const [view, setView] = useState<QueuedView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    send('getQueued', {}).then(setView, () => undefined);
  }, []);
  if (!view?.others.length) return null;
  const act = (name: 'discardQueued' | 'runQueued', item: QueuedItem) => {
    setError(null);
    return send(name, { pool: item.pool, id: item.id }).then(setView, setError);
  };
  return (
    <section class="queued" aria-labelledby="queued-heading" data-testid="queued-by-others">
      <h2 id="queued-heading">{t('queuedHeading')}</h2>
      <ul>
        {view.others.map((item) => (
          <Queued key={item.id} item={item} me={me} act={act} />
        ))}
      </ul>
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}

function Queued({
  item,
  me,
  act,
}: {
  item: QueuedItem;
  me: string;
  act: (name: 'discardQueued' | 'runQueued', item: QueuedItem) => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = (name: 'discardQueued' | 'runQueued') => {
    setBusy(true);
    void act(name, item).finally(() => setBusy(false));
  };
  return (
    <li>
      <strong>{item.what}</strong>
      <div class="muted">{t('queuedBy', item.queuedBy, formatDateTime(item.createdAt))}</div>
      {asking ? (
        <fieldset class="confirm" aria-label={t('queuedRunAsMe')}>
          <p>{t('queuedRunSentence', me, item.queuedBy)}</p>
          <div class="row">
            <button type="button" disabled={busy} onClick={() => run('runQueued')}>
              {t('queuedRunConfirm')}
            </button>
            <button type="button" class="link" onClick={() => setAsking(false)}>
              {t('cardCancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div class="row">
          <button type="button" class="secondary" disabled={busy} onClick={() => run('discardQueued')}>
            {t('queuedDiscard')}
          </button>
          {item.mayRun ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => setAsking(true)}>
              {t('queuedRunAsMe')}
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}
