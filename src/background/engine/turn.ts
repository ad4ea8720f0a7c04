import { ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import { type OperationStep, stepOf } from '../../common/operation.ts';
import { type EngineSession, type Pool, STOPPED_FOR_SIGN_IN } from './pool.ts';
import { stepDefinition } from './registry.ts';
import { fail, missed, needsSignIn, SETTLE_MS } from './rules.ts';
import { unknownStep } from './steps.ts';

/**
 * The one engine behind single invitations, bulk jobs, activations and guest changes (issue 9). Each is a list of
 * units (an operation, a row) made of steps (common/operation.ts); a pool keeps its units in storage and says what
 * each step acts on. The engine takes every due step of a pool in one turn, each kind together (20 invitations or
 * group joins in one JSON batch, roles side by side), and applies one set of rules to all (rules.ts): a request sent
 * and not answered is looked for before it is sent again, throttling and passing failures wait and are tried a
 * bounded number of times, and an expired sign-in stops the pool until the person signs in again.
 */

/**
 * One turn over a pool: every unit's next step that is due, taken together by kind. Returns 0 when steps were
 * taken (turn again), the instant the next one falls due, Infinity when the pool has nothing left to do, or
 * STOPPED_FOR_SIGN_IN.
 */
export async function turn<U>(pool: Pool<U>, s: EngineSession): Promise<number> {
  const now = Date.now();
  const due = new Map<string, U[]>();
  let soonest = Number.POSITIVE_INFINITY;
  let worked = false;
  for (const u of pool.units) {
    const steps = pool.steps(u);
    const step = steps.find((st) => st.state === 'pending');
    if (!step) continue;
    const at = Math.max(step.notBefore ?? 0, step.sentAt !== undefined ? step.sentAt + SETTLE_MS : 0);
    if (at > now) {
      soonest = Math.min(soonest, at);
      continue;
    }
    const definition = stepDefinition(step.kind) ?? unknownStep;
    const list = due.get(step.kind) ?? [];
    due.set(step.kind, list);
    if (list.length >= definition.limit) continue;
    // Checked before every step: the step acts on the address, scope and ids it reads here.
    const problem = pool.problem(u);
    const orphan = definition.needsGuest && !pool.guestId(u);
    if (problem || orphan) {
      const why = problem ? t('stepNotDoneBecause', problem) : t('stepNotDoneNoInvite');
      // Last first: each step says why, before a failed invitation would end the grants after it in its own words.
      for (const st of [...steps].reverse())
        if (st.state === 'pending') fail(pool, u, st, why, problem ? ErrorCodes.badMessage : ErrorCodes.unknown);
      worked = true;
    } else list.push(u);
  }
  // Each kind on its own: one that fails (a look-up, a batch lost on the way) does not cut the others short.
  const kinds = [...due].filter(([, units]) => units.length);
  const settled = await Promise.allSettled(
    kinds.map(async ([kind, units]) => {
      const back = await (stepDefinition(kind) ?? unknownStep).take(pool, units, s);
      if (back) soonest = Math.min(soonest, back);
      else worked = true;
    }),
  );
  let signIn = false;
  for (const [n, r] of settled.entries()) {
    if (r.status === 'fulfilled') continue;
    worked = true;
    const [kind, units] = kinds[n] as [string, U[]];
    if (needsSignIn(r.reason)) signIn = true;
    // Each unit of the kind waits and tries again; an invitation that may have been made stays sent, to be
    // looked for first.
    else
      for (const u of units) {
        const step = stepOf(pool.steps(u), kind) as OperationStep;
        if (step.state === 'pending') missed(pool, u, step, r.reason);
      }
  }
  if (signIn) {
    pool.signInNeeded(t('signInRenewCarriesOn'));
    await pool.save();
    return STOPPED_FOR_SIGN_IN;
  }
  await pool.save();
  return worked ? 0 : soonest;
}
