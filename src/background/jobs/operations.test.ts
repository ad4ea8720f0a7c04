import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../shared/activity.ts';
import type { Operation, OperationStep } from '../../shared/operation.ts';

// The worker's surroundings, faked: storage and alarms, the signed-in account, and each step's call to Microsoft.
vi.mock('../../shared/browser.ts', () => import('../../../test/support/fake-extension.ts'));
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
vi.mock('../settings.ts', () => ({ usableSettings: async () => ({}) }));
vi.mock('../auth.ts', () => ({ currentAccount: async () => ({ tenantId: CONTOSO, username: 'megan@contoso.example' }) }));
vi.mock('../rest.ts', () => ({ wait: async (ms: number) => void vi.setSystemTime(Date.now() + ms) }));

/** What each step was asked, with the step as the runner handed it over, and how it is to answer. */
const calls: { kind: string; sentAt?: number }[] = [];
let answers: Record<string, (() => unknown)[]> = {};
vi.mock('./operation-steps.ts', () => ({
  runStep: async (_settings: unknown, _op: Operation, step: OperationStep) => {
    calls.push({ kind: step.kind, sentAt: step.sentAt });
    const next = answers[step.kind]?.shift();
    if (next) return next();
    if (step.kind === 'invite')
      return { invited: { guest: { id: 'g1', email: 'kim@partner.example' }, redeemUrl: 'https://redeem/1' } };
    return step.kind === 'azureRole' ? { assignment: { roleName: 'Reader' } } : { granted: {} };
  },
}));

/** The error class of the fresh worker (a class from before the reset would not match its checks). */
let errors: typeof import('../../shared/errors.ts');
let ops: typeof import('./operations.ts');
const stored = () => (storage.get('operations') as Operation[])[0] as Operation;
const activity = () => (storage.get('activity') as ActivityEntry[] | undefined) ?? [];

const start = {
  invitation: { email: 'kim@partner.example', redirectUrl: 'https://x.example', sendEmail: true, userType: 'Guest' as const },
  azure: {
    scope: '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data',
    roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    schedule: { kind: 'eligible' as const, start: null, end: { afterDays: 7 } },
  },
};

beforeEach(async () => {
  vi.resetModules();
  ops = await import('./operations.ts');
  errors = await import('../../shared/errors.ts');
  vi.useFakeTimers({ toFake: ['Date'] });
  storage.clear();
  calls.length = 0;
  answers = {};
});

describe('a single invitation run by the background', () => {
  it('invites, then gives the role, and keeps the redeem link and an activity entry for each', async () => {
    await ops.startOperation(start);
    await ops.driveOperations();
    expect(calls.map((c) => c.kind)).toEqual(['invite', 'azureRole']);
    expect(stored()).toMatchObject({ status: 'done', invited: { redeemUrl: 'https://redeem/1' } });
    expect(activity().map((e) => [e.action, e.outcome, e.redeemUrl])).toEqual([
      ['invited', 'succeeded', 'https://redeem/1'],
      ['role', 'succeeded', undefined],
    ]);
  });

  it('looks for an invitation cut off by a stopped worker before sending it again, after letting it settle', async () => {
    const sentAt = Date.now();
    await ops.startOperation(start);
    await ops.driveOperations();
    // As a worker stopped mid-invitation leaves it: sent, no answer kept.
    storage.set('operations', [{ ...stored(), status: 'running', steps: [{ kind: 'invite', state: 'pending', sentAt }] }]);
    calls.length = 0;
    vi.resetModules();
    ops = await import('./operations.ts');
    await ops.driveOperations();
    expect(calls[0]).toEqual({ kind: 'invite', sentAt });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(10_000);
  });

  it('waits out throttling and a guest Azure does not see yet, then carries on', async () => {
    const busy = () => Promise.reject(new errors.AppError(errors.ErrorCodes.throttled));
    const unseen = () => Promise.reject(new errors.AppError(errors.ErrorCodes.principalNotFound));
    answers = { invite: [busy], azureRole: [unseen, unseen] };
    await ops.startOperation(start);
    await ops.driveOperations();
    expect(calls.map((c) => c.kind)).toEqual(['invite', 'invite', 'azureRole', 'azureRole', 'azureRole']);
    expect(stored().steps.map((s) => s.state)).toEqual(['done', 'done']);
  });

  it('keeps the invitation when the role is refused, and says why in the step and the activity', async () => {
    answers = { azureRole: [() => Promise.reject(new errors.AppError(errors.ErrorCodes.forbidden, 'AuthorizationFailed'))] };
    await ops.startOperation(start);
    await ops.driveOperations();
    expect(stored().steps[1]).toMatchObject({ state: 'failed', code: 'forbidden', detail: 'AuthorizationFailed' });
    expect(stored().invited?.redeemUrl).toBe('https://redeem/1');
    expect(activity()[1]).toMatchObject({ action: 'role', outcome: 'failed' });
  });

  it('gives nothing when the invitation is refused, and waits for a sign-in rather than failing when it expired', async () => {
    answers = { invite: [() => Promise.reject(new errors.AppError(errors.ErrorCodes.interactionRequired))] };
    await ops.startOperation(start);
    await ops.driveOperations();
    expect(stored()).toMatchObject({ status: 'waiting' });
    await ops.resumeWaiting();
    await ops.driveOperations();
    expect(stored()).toMatchObject({ status: 'done' });
    expect(calls.map((c) => c.kind)).toEqual(['invite', 'invite', 'azureRole']);
  });

  it('runs no step of a stored invitation the extension would not have written', async () => {
    await ops.startOperation(start);
    await ops.driveOperations();
    const forged = {
      ...stored(),
      steps: [
        { kind: 'invite', state: 'pending' },
        { kind: 'azureRole', state: 'pending' },
      ],
    };
    storage.set('operations', [{ ...forged, status: 'running', azure: { ...start.azure, scope: `${start.azure.scope}/../..` } }]);
    calls.length = 0;
    await ops.driveOperations();
    expect(calls).toEqual([]);
    expect(stored().steps.map((s) => s.error)).toEqual([
      'Not done: its Azure scope or role is not one the extension accepts.',
      'Not done: its Azure scope or role is not one the extension accepts.',
    ]);
  });

  it('looks for an invitation lost on the way before sending it again, but not one Graph throttled', async () => {
    const lost = () => Promise.reject(new errors.AppError(errors.ErrorCodes.network));
    const busy = () => Promise.reject(new errors.AppError(errors.ErrorCodes.throttled));
    answers = { invite: [lost, busy] };
    await ops.startOperation({ invitation: start.invitation });
    await ops.driveOperations();
    expect(calls.map((c) => c.sentAt !== undefined)).toEqual([false, true, false]);
  });
});
