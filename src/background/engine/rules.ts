import { AppError, type ErrorCode, ErrorCodes, errorWords } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { OperationStep } from '../../common/operation.ts';
import { formatNumber } from '../../logic/format.ts';
import type { Pool } from './pool.ts';
import { stepDefinition } from './registry.ts';

/** The rules every step of the engine follows: how it ends, when it is tried again, when the pool must stop. */

/**
 * A batch cut off (worker stopped, connection lost) may still be running at Graph. Wait this long after sending it
 * before asking whether its users exist, so the answer is final and no one is invited twice.
 */
export const SETTLE_MS = 10_000;
const MAX_ATTEMPTS = 6;
const MAX_BACKOFF_MS = 60_000;

/** Failures that pass by themselves: tried again later. */
export const PASSING: string[] = [ErrorCodes.throttled, ErrorCodes.serviceUnavailable, ErrorCodes.network];

/** How long a failure that passes with time is waited out, and how often it is looked at meanwhile. */
interface Wait {
  budgetMs: number;
  firstMs: number;
  maxMs: number;
}

/**
 * Failures that pass once Microsoft's services have caught up, waited out for a time rather than a number of tries
 * (those tries are not counted among the others'). Magnitudes from ../shared/data/real-tenant.md, "Delays".
 */
const WAITED_OUT: Partial<Record<ErrorCode, Wait>> = {
  // A new guest reaches ARM/PIM in "tens of seconds, up to a minute or two" (Microsoft staff,
  // microsoftgraph/msgraph-sdk-dotnet#2772), and people report longer; Dataverse's sync of a new guest likewise.
  [ErrorCodes.principalNotFound]: { budgetMs: 5 * 60_000, firstMs: 2000, maxMs: 60_000 },
  // A new licence reaches the environment API within minutes: Microsoft's Terraform provider waits up to nine
  // (microsoft/terraform-provider-power-platform: internal/services/authorization/api_user.go).
  [ErrorCodes.userNotLicensed]: { budgetMs: 10 * 60_000, firstMs: 10_000, maxMs: 30_000 },
};
/** Failures after which Graph may have done what it was asked: looked for before anything is sent again. */
export const UNCERTAIN: string[] = [ErrorCodes.network, ErrorCodes.serviceUnavailable, ErrorCodes.unknown];
const SIGN_IN: string[] = [ErrorCodes.interactionRequired, ErrorCodes.notSignedIn, ErrorCodes.authExpired];

export const codeOf = (e: unknown): ErrorCode => (e instanceof AppError ? e.code : ErrorCodes.unknown);
/** The service's own words for a failure, as the popup shows them under the sentence. */
const detailOf = (e: unknown) => (e instanceof AppError ? (e.detail ?? errorWords(e)) : errorWords(e));

export class SignInNeeded extends Error {}

/** The failure stops the pool until the person signs in again. */
export const needsSignIn = (e: unknown) => e instanceof SignInNeeded || SIGN_IN.includes(codeOf(e));

export function fail<U>(pool: Pool<U>, unit: U, step: OperationStep, error: string, code: ErrorCode, detail = error): void {
  Object.assign(step, { state: 'failed', error, code, detail, sentAt: undefined, notBefore: undefined, waiting: undefined });
  // Grants wait for the guest: with no invitation, there is no one to give them to.
  if (stepDefinition(step.kind)?.needsGuest === false)
    for (const s of pool.steps(unit))
      if (s.state === 'pending') Object.assign(s, { state: 'failed', error: t('stepNotDoneNoInvite') });
  pool.ended(unit, step);
}

export function succeed<U>(pool: Pool<U>, unit: U, step: OperationStep, result: unknown): void {
  Object.assign(step, {
    state: 'done',
    error: undefined,
    code: undefined,
    detail: undefined,
    notBefore: undefined,
    waiting: undefined,
  });
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

/**
 * A failure that passes with time: looked at again with backoff until its time is up since it was first met, then
 * the step fails saying how long it waited.
 */
function waitOut<U>(pool: Pool<U>, unit: U, step: OperationStep, e: unknown, code: ErrorCode, wait: Wait): void {
  const now = Date.now();
  const since = step.waiting?.code === code ? step.waiting.since : now;
  const looks = step.waiting?.code === code ? step.waiting.looks + 1 : 1;
  if (now - since >= wait.budgetMs) {
    const minutes = formatNumber(Math.round((now - since) / 60_000));
    fail(pool, unit, step, t('stepWaitedOut', errorWords(e), minutes), code, detailOf(e));
    return;
  }
  step.waiting = { code, since, looks };
  // The last look falls when the time is up, so the step never fails sooner than its budget says.
  step.notBefore = now + Math.min(wait.maxMs, wait.firstMs * 2 ** (looks - 1), since + wait.budgetMs - now);
  pool.changed(unit);
}

/** A step that threw: waited out when the failure passes, the pool stopped for a sign-in, failed otherwise. */
export function missed<U>(pool: Pool<U>, unit: U, step: OperationStep, e: unknown): void {
  const code = codeOf(e);
  if (SIGN_IN.includes(code)) throw new SignInNeeded();
  // Throttling is Microsoft pacing the tenant, not the step failing: waited out without counting as a try.
  if (code === ErrorCodes.throttled) {
    step.notBefore = Date.now() + Math.min(MAX_BACKOFF_MS, 2000 * 2 ** ((step.attempts ?? 0) + 1));
    pool.changed(unit);
  } else if (WAITED_OUT[code]) waitOut(pool, unit, step, e, code, WAITED_OUT[code]);
  else if (PASSING.includes(code)) tryAgain(pool, unit, step, errorWords(e), code);
  else fail(pool, unit, step, errorWords(e), code, detailOf(e));
}
