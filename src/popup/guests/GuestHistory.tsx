import { ACTION_WORDS, outcomeWords } from '../../common/activity-entry.ts';
import type { GuestCard } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { formatDateTime } from '../../logic/format.ts';

const when = (at: string | number) => formatDateTime(at);
/** Entra's audit result in words; a value it adds later as Entra gives it. */
const resultWords = (result: string) =>
  result === 'success' ? t('cardAuditSuccess') : result === 'failure' ? t('cardAuditFailure') : result;

/** What was done to this user: Entra's audit entries that name them, and this browser's own activity for them. */
export function GuestHistory({ card }: { card: GuestCard }) {
  return (
    <section aria-label={t('cardHistory')}>
      <h3>{t('cardAuditLog')}</h3>
      {card.audits === null ? (
        <p class="warning" data-testid="audit-missing">
          {t('cardAuditMissing', card.auditMissing ?? '')}
        </p>
      ) : card.audits.length === 0 ? (
        <p class="muted">{t('cardNoAudits')}</p>
      ) : (
        <ol class="activity" data-testid="card-audits">
          {card.audits.map((a) => (
            <li key={a.id} data-outcome={a.result === 'success' ? 'succeeded' : 'failed'}>
              <div>
                <strong>{a.activity}</strong> · {resultWords(a.result)}
              </div>
              <div class="muted">
                {when(a.at)} · {a.by}
              </div>
              {a.detail ? <div>{a.detail}</div> : null}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('cardInThisBrowser')}</h3>
      {card.activity.length === 0 ? <p class="muted">{t('cardNoActivity')}</p> : null}
      <ol class="activity" data-testid="card-activity">
        {card.activity.map((e) => (
          <li key={`${e.at}-${e.action}-${e.detail}`} data-outcome={e.outcome}>
            <div>
              <strong>{ACTION_WORDS[e.action]}</strong> · {outcomeWords(e.outcome)}
            </div>
            <div class="muted">
              {when(e.at)} · {e.username}
            </div>
            {e.detail ? <div>{e.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
