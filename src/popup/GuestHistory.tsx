import { ACTION_WORDS } from '../shared/activity.ts';
import type { GuestCard } from '../shared/guest-card.ts';

const when = (at: string | number) => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** What was done to this user: Entra's audit entries that name them, and this browser's own activity for them. */
export function GuestHistory({ card }: { card: GuestCard }) {
  return (
    <section aria-label="History">
      <h3>Directory audit log</h3>
      {card.audits === null ? (
        <p class="warning" data-testid="audit-missing">
          The audit log cannot be read with this sign-in. It needs {card.auditMissing}.
        </p>
      ) : card.audits.length === 0 ? (
        <p class="muted">No audit entries name this user (Entra keeps them 30 days with Entra ID P1, 7 without).</p>
      ) : (
        <ol class="activity" data-testid="card-audits">
          {card.audits.map((a) => (
            <li key={a.id} data-outcome={a.result === 'success' ? 'succeeded' : 'failed'}>
              <div>
                <strong>{a.activity}</strong> · {a.result}
              </div>
              <div class="muted">
                {when(a.at)} · {a.by}
              </div>
              {a.detail ? <div>{a.detail}</div> : null}
            </li>
          ))}
        </ol>
      )}
      <h3>In this browser</h3>
      {card.activity.length === 0 ? <p class="muted">Nothing done for them from this browser.</p> : null}
      <ol class="activity" data-testid="card-activity">
        {card.activity.map((e) => (
          <li key={`${e.at}-${e.action}-${e.detail}`} data-outcome={e.outcome}>
            <div>
              <strong>{ACTION_WORDS[e.action]}</strong> · {e.outcome}
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
