import { ErrorNote } from '../../common/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import { asksCountry, type Operation, type OperationStep, stepOf, stepWords, waitingWords } from '../../common/operation.ts';
import { formatNumber } from '../../logic/format.ts';
import { InviteResult, resultHeading } from './InviteResult.tsx';

const stepError = (s: OperationStep) => new AppError(s.code ?? ErrorCodes.unknown, s.detail ?? s.error);

function stepState(op: Operation, step: OperationStep): string {
  if (step.state === 'done') return t('stepDone');
  if (step.state === 'failed') return t('stepNotDone');
  if (op.steps.find((s) => s.state === 'pending') !== step) return t('stepNext');
  if (step.kind === 'azureRole') return t('stepAzureWaiting');
  return step.attempts ? t('stepRetrying', formatNumber(step.attempts + 1)) : t('stepUnderWay');
}

/**
 * What a screen reader is told of an invitation as it runs: the step under way, then the result and any step that
 * was not done. Said once per change, by OneGuest's live region.
 */
export function operationAnnouncement(op: Operation): string {
  // A usage location asked for is a question the card puts, said as such rather than as a step not done.
  const failed = op.steps
    .filter((s) => s.state === 'failed')
    .map((s) => (asksCountry(s) ? t('licAsksCountry') : t('stepLineNotDone', stepWords(op, s))));
  const current = op.steps.find((s) => s.state === 'pending');
  if (op.status !== 'done' && current) {
    const line = t('stepLine', stepWords(op, current), stepState(op, current));
    return [t('progressInviting', op.invitation.email), line, waitingWords(current) ?? ''].filter(Boolean).join(' ');
  }
  return [op.invited ? resultHeading(op.invited) : '', ...failed].filter(Boolean).join(' ');
}

/**
 * A single invitation as the background runs it: its steps while it runs, then the result card (redeem link and
 * copy button included) until the person starts another or dismisses it. The popup can close at any point.
 */
export function OperationCard({ op, onAnother }: { op: Operation; onAnother: () => void }) {
  const license = stepOf(op.steps, 'license');
  // A licence asked for on the result card runs on that card; everything before it shows as steps.
  const mainPending = op.steps.some((s) => s.state === 'pending' && s.kind !== 'license');
  if (op.status !== 'done' && (mainPending || !op.invited)) {
    const current = op.steps.find((s) => s.state === 'pending');
    const waiting = current && waitingWords(current);
    return (
      <section class="result" aria-label={t('progressLabel')} aria-busy="true">
        <h2>{t('progressInviting', op.invitation.email)}</h2>
        <ol class="steps" data-testid="operation-steps">
          {op.steps.map((s) => (
            <li key={s.kind} data-state={s.state}>
              {t('stepLine', stepWords(op, s), stepState(op, s))}
            </li>
          ))}
        </ol>
        {waiting ? (
          <p class="note" data-testid="step-waiting">
            {waiting}
          </p>
        ) : null}
        {op.waitingFor ? <div class="warning">{op.waitingFor}</div> : null}
        <p class="muted">{t('progressCanClose')}</p>
      </section>
    );
  }
  const failed = op.steps.filter((s) => s.state === 'failed' && s.kind !== 'license');
  return (
    <>
      {failed.map((s) => (
        <div key={s.kind}>
          <p class="muted">{t('stepLineNotDone', stepWords(op, s))}</p>
          <ErrorNote error={stepError(s)} />
        </div>
      ))}
      {op.invited ? (
        <InviteResult
          result={op.invited}
          assignment={op.assignment ?? null}
          grant={op.granted ?? null}
          operationId={op.id}
          license={license}
          country={op.powerBi?.country}
          // The link is worth sending once the guest can enter: not when the environment step failed.
          environment={op.powerPlatform && stepOf(op.steps, 'environment')?.state !== 'failed' ? op.powerPlatform : null}
          onAnother={onAnother}
        />
      ) : null}
      {op.powerPlatform ? (
        // The chain at a glance: what went through (what did not is said above, with why).
        <ol class="steps" data-testid="operation-outcomes">
          {op.steps
            .filter((s) => s.state === 'done')
            .map((s) => (
              <li key={s.kind} data-state={s.state}>
                {t('stepLine', stepWords(op, s), t('stepDone'))}
              </li>
            ))}
        </ol>
      ) : null}
    </>
  );
}
