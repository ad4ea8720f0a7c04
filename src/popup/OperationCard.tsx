import { ErrorNote } from '../shared/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../shared/errors.ts';
import { type Operation, type OperationStep, stepOf, stepWords } from '../shared/operation.ts';
import { InviteResult } from './InviteResult.tsx';

const stepError = (s: OperationStep) => new AppError(s.code ?? ErrorCodes.unknown, s.detail ?? s.error);

function stepState(op: Operation, step: OperationStep): string {
  if (step.state === 'done') return 'done';
  if (step.state === 'failed') return 'not done';
  if (op.steps.find((s) => s.state === 'pending') !== step) return 'next';
  if (step.kind === 'azureRole') return 'under way; Azure can take a moment to see a new guest…';
  return step.attempts ? `under way (Microsoft was busy; tried ${step.attempts + 1} times)` : 'under way…';
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
    return (
      <section class="result" aria-label="Invitation progress" aria-busy="true">
        <h2>Inviting {op.invitation.email}</h2>
        <ol class="steps" data-testid="operation-steps">
          {op.steps.map((s) => (
            <li key={s.kind} data-state={s.state}>
              {stepWords(op, s)}: {stepState(op, s)}
            </li>
          ))}
        </ol>
        {op.waitingFor ? <div class="warning">{op.waitingFor}</div> : null}
        <p class="muted">You can close this popup: the invitation carries on, and shows here when you open it again.</p>
      </section>
    );
  }
  const failed = op.steps.filter((s) => s.state === 'failed' && s.kind !== 'license');
  return (
    <>
      {failed.map((s) => (
        <div key={s.kind}>
          <p class="muted">{stepWords(op, s)}: not done.</p>
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
                {stepWords(op, s)}: done
              </li>
            ))}
        </ol>
      ) : null}
    </>
  );
}
