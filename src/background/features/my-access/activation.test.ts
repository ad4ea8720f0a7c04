import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { Activation } from '../../../common/my-access.ts';

const calls: { method: string; path: string }[] = [];
let answers: (() => unknown)[] = [];
const next = (method: string, path: string) => {
  calls.push({ method, path });
  const answer = answers.shift();
  if (!answer) throw new Error(`unexpected ${method} ${path}`);
  return Promise.resolve(answer());
};
vi.mock('../../services/arm/client.ts', () => ({
  arm: (_s: unknown, method: string, path: string) => next(method, path),
  armGet: (_s: unknown, path: string) => next('GET', path),
}));
const { sendSelfRequest } = await import('./activation.ts');

const scope = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-web';
const activation: Activation = {
  id: 'a',
  requestName: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  kind: 'activate',
  draft: {
    scope,
    roleDefinitionId:
      '/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    eligibilityScheduleId: `${scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/e1`,
    minutes: 60,
    justification: 'why',
    ticketNumber: '',
    ticketSystem: '',
    start: null,
  },
  tenantId: 't',
  principalId: 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d',
  username: 'pat@partner.example',
  createdAt: 0,
  status: 'running',
  steps: [],
};
const made = { properties: { status: 'Provisioned', scheduleInfo: { startDateTime: '2026-12-02T10:00:00Z' } } };

describe('an activation request, sent once under its name', () => {
  beforeEach(() => {
    calls.length = 0;
    answers = [];
  });

  it('is looked up by its name before it is sent again after a lost answer, and not sent when it is there', async () => {
    answers = [() => made];
    const answer = await sendSelfRequest(SANDBOX_SETTINGS, activation, true);
    expect(calls.map((c) => c.method)).toEqual(['GET']);
    expect(calls[0]?.path).toContain(`/roleAssignmentScheduleRequests/${activation.requestName}`);
    expect(answer).toEqual({ status: 'Provisioned', start: '2026-12-02T10:00:00Z', end: '2026-12-02T11:00:00.000Z' });
  });

  it('is sent when the look-up finds nothing', async () => {
    answers = [
      () => {
        throw new AppError(ErrorCodes.notFound);
      },
      () => made,
    ];
    await sendSelfRequest(SANDBOX_SETTINGS, activation, true);
    expect(calls.map((c) => c.method)).toEqual(['GET', 'PUT']);
  });

  it('takes its own request when Azure answers that one exists, and refuses when the one there is not its own', async () => {
    answers = [
      () => {
        throw new AppError(ErrorCodes.roleAssignmentExists);
      },
      () => made,
    ];
    expect((await sendSelfRequest(SANDBOX_SETTINGS, activation, false)).status).toBe('Provisioned');
    answers = [
      () => {
        throw new AppError(ErrorCodes.requestPending);
      },
      () => {
        throw new AppError(ErrorCodes.notFound);
      },
    ];
    await expect(sendSelfRequest(SANDBOX_SETTINGS, activation, false)).rejects.toMatchObject({ code: ErrorCodes.requestPending });
  });
});
