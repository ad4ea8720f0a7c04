import { browser } from '../../shared/browser.ts';
import { AppError, type ErrorCode, ErrorCodes, errorWords } from '../../shared/errors.ts';
import type { InviteStart, Operation, OperationStep } from '../../shared/operation.ts';
import { recordOperation } from '../activity.ts';
import { currentAccount } from '../auth.ts';
import { wait } from '../rest.ts';
import { usableSettings } from '../settings.ts';
import { operationProblem } from './checks.ts';
import { runStep } from './operation-steps.ts';
import { changeOperation, changeOperations, loadOperations } from './operation-store.ts';
import { SETTLE_MS } from './runner.ts';

/** Wakes the worker while an invitation is under way, in case Chrome stopped it between steps. */
export const OPERATION_ALARM = 'invitations';
const MAX_ATTEMPTS = 6;
/** Waits shorter than this are waited out here; longer ones are left to the alarm. */
const WAIT_HERE_MS = 20_000;

/** Failures that pass by themselves: tried again later, not counted against the step as a refusal. */
const PASSING: string[] = [ErrorCodes.throttled, ErrorCodes.serviceUnavailable, ErrorCodes.network, ErrorCodes.principalNotFound];
const UNCERTAIN: string[] = [ErrorCodes.network, ErrorCodes.serviceUnavailable, ErrorCodes.unknown];
const WAIT_FOR_SIGN_IN: string[] = [ErrorCodes.interactionRequired, ErrorCodes.notSignedIn];

/** Starts an invitation with its grants; the popup may close right after. The steps follow in the order given. */
export async function startOperation(start: InviteStart): Promise<Operation> {
  const settings = await usableSettings();
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  const steps: OperationStep[] = [{ kind: 'invite', state: 'pending' }];
  if (start.azure) steps.push({ kind: 'azureRole', state: 'pending' });
  if (start.powerBi) steps.push({ kind: 'powerBi', state: 'pending' });
  const op: Operation = {
    ...start,
    id: crypto.randomUUID(),
    tenantId: account.tenantId,
    username: account.username,
    createdAt: Date.now(),
    status: 'running',
    steps,
  };
  await changeOperations((ops) => {
    // Starting another closes the card of the last one, as the popup shows one at a time.
    for (const o of ops) o.dismissed = true;
    ops.push(op);
  });
  void driveOperations();
  return op;
}

/** The step to take now, or when the next one is due. */
function nextStep(op: Operation, now: number): { index: number } | { dueAt: number } | null {
  const index = op.steps.findIndex((s) => s.state === 'pending');
  const step = op.steps[index];
  if (!step) return null;
  // A grant needs the guest: after a failed invitation there is no one to grant to.
  if (step.kind !== 'invite' && !op.invited) return { index };
  const dueAt = Math.max(step.notBefore ?? 0, step.sentAt ? step.sentAt + SETTLE_MS : 0);
  return dueAt > now ? { dueAt } : { index };
}

async function takeStep(op: Operation, index: number): Promise<void> {
  const step = op.steps[index] as OperationStep;
  // Checked before every step, as the bulk job is: the step acts on the address, scope and ids it reads here.
  const problem = operationProblem(op);
  if (problem) {
    await changeOperation(op.id, (o) => {
      for (const s of o.steps) if (s.state === 'pending') Object.assign(s, { state: 'failed', error: `Not done: ${problem}.` });
    });
    return;
  }
  const settings = await usableSettings();
  if (step.kind !== 'invite' && !op.invited) {
    await changeOperation(op.id, (o) =>
      Object.assign(o.steps[index] as OperationStep, { state: 'failed', error: 'Not done: the invitation did not go through.' }),
    );
    return;
  }
  const account = await currentAccount(settings);
  if (account?.tenantId !== op.tenantId) {
    await changeOperation(op.id, (o) =>
      Object.assign(o, { status: 'waiting', waitingFor: 'Sign in to the tenant this invitation is for.' }),
    );
    return;
  }
  if (step.kind === 'invite')
    await changeOperation(op.id, (o) => Object.assign(o.steps[index] as OperationStep, { sentAt: Date.now() }));
  try {
    const result = await runStep(settings, op, step);
    await changeOperation(op.id, (o) => {
      Object.assign(o, result);
      Object.assign(o.steps[index] as OperationStep, { state: 'done', error: undefined, notBefore: undefined });
    });
  } catch (e) {
    const code: ErrorCode = e instanceof AppError ? e.code : ErrorCodes.unknown;
    await changeOperation(op.id, (o) => {
      const s = o.steps[index] as OperationStep;
      // Answered with a refusal or throttling, the invitation was not made: the next try need not look for it first.
      // Lost on the way or answered 5xx, it may have been: the next try looks first.
      if (s.kind === 'invite' && !UNCERTAIN.includes(code)) s.sentAt = undefined;
      if (WAIT_FOR_SIGN_IN.includes(code))
        Object.assign(o, { status: 'waiting', waitingFor: 'Your sign-in needs renewing: sign in again and it carries on.' });
      else if (PASSING.includes(code) && (s.attempts ?? 0) + 1 < MAX_ATTEMPTS) {
        s.attempts = (s.attempts ?? 0) + 1;
        s.notBefore = Date.now() + 2000 * 2 ** s.attempts;
      } else
        Object.assign(s, {
          state: 'failed',
          error: errorWords(e),
          code,
          detail: e instanceof AppError ? e.detail : errorWords(e),
        });
    });
  }
}

async function finish(op: Operation): Promise<void> {
  const done = await changeOperation(op.id, (o) => Object.assign(o, { status: 'done', finishedAt: Date.now() }));
  if (done) await recordOperation(done);
}

async function drive(): Promise<void> {
  for (;;) {
    const now = Date.now();
    const running = (await loadOperations()).filter((o) => o.status === 'running');
    if (running.length === 0) return void (await browser.alarms.clear(OPERATION_ALARM));
    await browser.alarms.create(OPERATION_ALARM, { periodInMinutes: 0.5 });
    let soonest = Number.POSITIVE_INFINITY;
    let stepped = false;
    for (const op of running) {
      const next = nextStep(op, now);
      if (next === null) await finish(op);
      else if ('dueAt' in next) soonest = Math.min(soonest, next.dueAt);
      else {
        await takeStep(op, next.index);
        stepped = true;
      }
    }
    if (!stepped && soonest !== Number.POSITIVE_INFINITY) {
      if (soonest - now > WAIT_HERE_MS) return;
      await wait(soonest - now);
    }
  }
}

let driving: Promise<void> | null = null;

/** Runs every invitation under way to its end; one driver per worker, however often it is woken. */
export function driveOperations(): Promise<void> {
  driving ??= drive().finally(() => {
    driving = null;
  });
  return driving;
}

/** After a sign-in (or a session found usable again), invitations that waited for one carry on. */
export async function resumeWaiting(): Promise<void> {
  if (!(await loadOperations()).some((o) => o.status === 'waiting')) return;
  await changeOperations((ops) => {
    for (const o of ops) if (o.status === 'waiting') Object.assign(o, { status: 'running', waitingFor: undefined });
  });
  void driveOperations();
}

export async function dismissOperation(id: string): Promise<void> {
  await changeOperation(id, (o) => {
    o.dismissed = true;
  });
}
