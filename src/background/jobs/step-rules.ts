import { AppError, type ErrorCode, ErrorCodes, errorWords } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import type { OperationStep } from '../../shared/operation.ts';
import type { Pool, StepResult } from './engine.ts';

/** The rules every step of the engine follows: how it ends, when it is tried again, when the pool must stop. */

/**
 * A batch cut off (worker stopped, connection lost) may still be running at Graph. Wait this long after sending it
 * before asking whether its users exist, so the answer is final and no one is invited twice.
 */
export const SETTLE_MS = 10_000;
const MAX_ATTEMPTS = 6;
const MAX_BACKOFF_MS = 60_000;

/** Failures that pass by themselves: tried again later. */
export const PASSING: string[] = [
  ErrorCodes.throttled,
  ErrorCodes.serviceUnavailable,
  ErrorCodes.network,
  ErrorCodes.principalNotFound,
];
/** Failures after which Graph may have done what it was asked: looked for before anything is sent again. */
export const UNCERTAIN: string[] = [ErrorCodes.network, ErrorCodes.serviceUnavailable, ErrorCodes.unknown];
const SIGN_IN: string[] = [ErrorCodes.interactionRequired, ErrorCodes.notSignedIn, ErrorCodes.authExpired];

export const codeOf = (e: unknown): ErrorCode => (e instanceof AppError ? e.code : ErrorCodes.unknown);

export class SignInNeeded extends Error {}

/** The failure stops the pool until the person signs in again. */
export const needsSignIn = (e: unknown) => e instanceof SignInNeeded || SIGN_IN.includes(codeOf(e));

export function fail<U>(pool: Pool<U>, unit: U, step: OperationStep, error: string, code: ErrorCode, detail = error): void {
  Object.assign(step, { state: 'failed', error, code, detail, sentAt: undefined, notBefore: undefined });
  // Grants wait for the guest: with no invitation, there is no one to give them to.
  if (step.kind === 'invite')
    for (const s of pool.steps(unit))
      if (s.state === 'pending') Object.assign(s, { state: 'failed', error: t('stepNotDoneNoInvite') });
  pool.ended(unit, step);
}

export function succeed<U>(pool: Pool<U>, unit: U, step: OperationStep, result: StepResult): void {
  Object.assign(step, { state: 'done', error: undefined, code: undefined, detail: undefined, notBefore: undefined });
  pool.ended(unit, step, result);
}

/** One more try for the step; false (and the step failed) when it has had its tries. */
export function tryAgain<U>(
  pool: Pool<U>,
  unit: U,
  step: OperationStep,
  why: string,
  code: ErrorCode,
  afterMs?: number,
): boolean {
  step.attempts = (step.attempts ?? 0) + 1;
  if (step.attempts >= MAX_ATTEMPTS) {
    fail(pool, unit, step, `${why} (after ${step.attempts} tries)`, code, why);
    return false;
  }
  step.notBefore = Date.now() + (afterMs ?? Math.min(MAX_BACKOFF_MS, 2000 * 2 ** step.attempts));
  pool.changed(unit);
  return true;
}

/** A step that threw: waited out when the failure passes, the pool stopped for a sign-in, failed otherwise. */
export function missed<U>(pool: Pool<U>, unit: U, step: OperationStep, e: unknown): void {
  const code = codeOf(e);
  if (SIGN_IN.includes(code)) throw new SignInNeeded();
  // Throttling is Microsoft pacing the tenant, not the step failing: waited out without counting as a try.
  if (code === ErrorCodes.throttled) {
    step.notBefore = Date.now() + Math.min(MAX_BACKOFF_MS, 2000 * 2 ** ((step.attempts ?? 0) + 1));
    pool.changed(unit);
  } else if (code === ErrorCodes.principalNotFound) {
    // Azure sees a new guest within seconds to a minute: looked at again after 2, 4, 8, 16 and 32 s.
    tryAgain(pool, unit, step, errorWords(e), code, 1000 * 2 ** ((step.attempts ?? 0) + 1));
  } else if (PASSING.includes(code)) tryAgain(pool, unit, step, errorWords(e), code);
  else fail(pool, unit, step, errorWords(e), code, e instanceof AppError ? (e.detail ?? errorWords(e)) : errorWords(e));
}

/** Statuses ARM gives a request that holds, or will from its start. */
const GRANTED = ['Provisioned', 'Granted', 'ScheduleCreated', 'Accepted', 'AdminApproved'];
/** Looked at again this often while an approver has not answered: soon at first, then every few minutes. */
const approvalLookMs = (looks: number) => Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, looks - 4));

/** A request waiting for approval: granted, refused, or looked at again later (waiting is not a failed try). */
export function awaitApproval<U>(
  pool: Pool<U>,
  unit: U,
  step: OperationStep,
  answer: { status: string; start: string | null; end: string | null },
): void {
  if (answer.status === 'PendingApproval' || answer.status === 'PendingApprovalProvisioning') {
    step.looks = (step.looks ?? 0) + 1;
    step.notBefore = Date.now() + approvalLookMs(step.looks);
    pool.changed(unit);
  } else if (GRANTED.includes(answer.status)) succeed(pool, unit, step, { kind: 'approval', answer });
  else fail(pool, unit, step, t('approvalRefused', answer.status), ErrorCodes.policyRefused);
}
