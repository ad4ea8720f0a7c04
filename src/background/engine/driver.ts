import { browser } from '../../common/browser.ts';
import type { SignedInAccount } from '../../common/model.ts';
import { currentAccount, forAccount } from '../core/auth.ts';
import { usableSettings } from '../core/settings.ts';
import { graphSession } from '../services/graph/client.ts';
import { wait } from '../services/rest.ts';
import { type EngineSession, type OpenPool, STOPPED_FOR_SIGN_IN } from './pool.ts';
import { operationKinds } from './registry.ts';
import { turn } from './turn.ts';

/** Wakes the worker while anything is under way, in case Chrome stopped it between steps. */
export const WORK_ALARM = 'invitations';
/** Waits shorter than this are waited out here; longer ones are left to the alarm. */
const WAIT_HERE_MS = 20_000;

let wake: (() => void) | null = null;
/** A wait that a new start cuts short: a single invitation does not queue behind a bulk job's Retry-After. */
const nap = (ms: number) =>
  Promise.race([wait(ms), new Promise<void>((resolve) => (wake = resolve))]).finally(() => {
    wake = null;
  });

async function turnAll(session: EngineSession, pools: OpenPool<unknown>[]): Promise<number> {
  let next = Number.POSITIVE_INFINITY;
  let stopped = false;
  for (const pool of pools) {
    const after = await turn(pool, session);
    if (after === STOPPED_FOR_SIGN_IN) stopped = true;
    else next = Math.min(next, after);
    await pool.close();
  }
  // Nothing goes out without a sign-in: until one happens (or the alarm looks again), the driver rests.
  return stopped ? STOPPED_FOR_SIGN_IN : next;
}

async function drive(): Promise<void> {
  let idle = 0;
  for (;;) {
    const settings = await usableSettings().catch(() => null);
    // Not configured (or the configuration was removed): nothing can be sent; the alarm looks again later.
    if (!settings) return;
    // Asked only when something is under way: on most worker starts nothing is, and MSAL need not wake for it.
    let asked: Promise<SignedInAccount | null> | null = null;
    const account = () => {
      asked ??= currentAccount(settings).catch(() => null);
      return asked;
    };
    const pools = (await Promise.all(operationKinds().map((kind) => kind.open(account)))).filter((p) => p !== null);
    if (pools.length === 0) return void (await browser.alarms.clear(WORK_ALARM));
    await browser.alarms.create(WORK_ALARM, { periodInMinutes: 0.5 });
    // The pools hold only this account's units; every token of the turn is its, or none (a sign-in meanwhile).
    const who = await account();
    if (!who) return;
    const bound = forAccount(settings, who.id);
    const next = await turnAll({ settings: bound, graph: graphSession(bound) }, pools);
    if (next === STOPPED_FOR_SIGN_IN) return;
    if (next === 0) {
      idle = 0;
      continue;
    }
    // Nothing due and nothing waiting: the pools closed what ended; if they still open, leave it to the alarm.
    if (next === Number.POSITIVE_INFINITY) {
      if (idle++) return;
      continue;
    }
    if (next - Date.now() > WAIT_HERE_MS) return;
    await nap(next - Date.now());
  }
}

let driving: Promise<void> | null = null;
let again = false;

/**
 * Runs everything under way (every operation kind registered) to its end: one driver per worker, however
 * often it is woken. Woken while it runs, it looks again before it stops.
 */
export function driveWork(): Promise<void> {
  if (driving) {
    again = true;
    wake?.();
    return driving;
  }
  again = false;
  // A failure outside any step (storage refused a write): the alarm tries again; say so where a developer looks.
  driving = drive()
    .catch((e: unknown) => console.error('Invite Here: work stopped until the next alarm', e))
    .finally(() => {
      driving = null;
      if (again) void driveWork();
    });
  return driving;
}
