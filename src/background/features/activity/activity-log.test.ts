import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../../common/activity-entry.ts';
import type { Activation } from '../../../common/my-access.ts';
import type { Operation, OperationStep, StepKind } from '../../../common/operation.ts';
import { recordActivation, recordOperation } from './activity-log.ts';
// The worker's start installs every step kind's definition, whose Activity entry the recording reads.
import '../registry.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));

const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ME = '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e';
const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const FINISHED = Date.UTC(2026, 11, 7, 9, 30);
const KINDS: StepKind[] = ['invite', 'profile', 'group', 'azureRole', 'powerBi', 'license', 'envLicense', 'environment'];

/** A single invitation that took every step an invitation can take, each ended as `states` says (done by default). */
function finished(states: Partial<Record<StepKind, OperationStep>> = {}): Operation {
  return {
    id: 'op-1',
    tenantId: CONTOSO,
    principalId: ME,
    username: 'megan@contoso.example',
    createdAt: FINISHED - 60_000,
    finishedAt: FINISHED,
    status: 'done',
    steps: KINDS.map((kind) => states[kind] ?? { kind, state: 'done' }),
    invitation: {
      email: 'ada@fabrikam.example',
      redirectUrl: 'https://myapps.microsoft.com',
      sendEmail: true,
      userType: 'Guest',
    },
    azure: {
      scope: SCOPE,
      roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      roleName: 'Reader',
      schedule: { kind: 'eligible', start: null, end: { afterDays: 30 } },
    } as Operation['azure'],
    powerBi: {
      workspaceId: '22222222-3333-4444-8555-666666666666',
      viewer: true,
      group: { id: '33333333-4444-4555-8666-777777777777', displayName: 'Sales readers' },
    },
    powerPlatform: {
      environmentId: 'env-1',
      environmentName: 'Sales (prod)',
      url: 'https://sales.crm.dynamics.com',
      instanceUrl: 'https://sales.crm.dynamics.com',
      role: { id: '44444444-5555-4666-8777-888888888888', name: 'Basic User' },
      license: { skuId: '55555555-6666-4777-8888-999999999999', name: 'Dynamics 365 Sales' },
      profile: { givenName: 'Ada', surname: 'Lovelace', usageLocation: 'GB' },
    },
    license: { skuId: '66666666-7777-4888-8999-aaaaaaaaaaaa', usageLocation: 'GB' },
    invited: {
      guest: {
        id: '77777777-8888-4999-8aaa-bbbbbbbbbbbb',
        displayName: 'Ada',
        email: 'ada@fabrikam.example',
        userPrincipalName: '',
        userType: 'Guest',
        state: 'PendingAcceptance',
      },
      status: 'PendingAcceptance',
      redeemUrl: 'https://login.microsoftonline.com/redeem?id=1',
      existing: false,
    },
    assignment: {
      scope: SCOPE,
      roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      kind: 'eligible',
      startDateTime: '2026-12-07T09:00:00Z',
      endDateTime: '2027-01-06T09:00:00Z',
      waitedMs: 0,
      roleName: 'Reader',
    },
    granted: {
      viewer: true,
      licensePath: {
        kind: 'pro',
        headline: 'Pro license needed',
        reason: '',
        sku: { skuId: '66666666-7777-4888-8999-aaaaaaaaaaaa', name: 'Power BI Pro', free: 3 },
        held: false,
      },
    } as Operation['granted'],
    environment: { systemUserId: '88888888-9999-4aaa-8bbb-cccccccccccc', roleGiven: true },
  };
}

const recorded = () => (storage.get('activity') ?? []) as ActivityEntry[];
const who = { username: 'megan@contoso.example', tenantId: CONTOSO, principalId: ME, subject: 'ada@fabrikam.example' };

describe('the Activity entries of a single invitation', () => {
  beforeEach(() => {
    storage.clear();
  });

  it('lists each step it took, in order, in the words the list shows', async () => {
    await recordOperation(finished());
    expect(recorded()).toEqual([
      {
        at: FINISHED,
        ...who,
        action: 'invited',
        detail: 'as Guest',
        outcome: 'succeeded',
        redeemUrl: 'https://login.microsoftonline.com/redeem?id=1',
      },
      { at: FINISHED, ...who, action: 'group', detail: 'group Sales readers', outcome: 'succeeded' },
      {
        at: FINISHED,
        ...who,
        action: 'role',
        detail: 'Reader at Resource group rg-data, eligible (PIM) from Dec 7, 2026 until Jan 6, 2027',
        scope: SCOPE,
        outcome: 'succeeded',
      },
      { at: FINISHED, ...who, action: 'workspace', detail: 'workspace Viewer', outcome: 'succeeded' },
      { at: FINISHED, ...who, action: 'license', detail: 'Power BI Pro, usage location GB', outcome: 'succeeded' },
      { at: FINISHED, ...who, action: 'license', detail: 'Dynamics 365 Sales', outcome: 'succeeded' },
      { at: FINISHED, ...who, action: 'environment', detail: 'Sales (prod) as Basic User', outcome: 'succeeded' },
    ]);
  });

  it('says which steps failed, with why, and the other words of a reset, a held role and no viewer', async () => {
    const failed = (kind: StepKind, error?: string): OperationStep => ({ kind, state: 'failed', error });
    const op = finished({
      group: failed('group', 'Graph refused the group'),
      license: failed('license'),
      environment: failed('environment', 'Dataverse did not answer'),
    });
    op.invitation.resetRedemptionOf = '77777777-8888-4999-8aaa-bbbbbbbbbbbb';
    op.invitation.userType = 'Member';
    op.powerBi = { workspaceId: '22222222-3333-4444-8555-666666666666', viewer: false };
    op.environment = { systemUserId: '88888888-9999-4aaa-8bbb-cccccccccccc', roleGiven: false };
    op.granted = undefined;
    op.assignment = undefined;
    op.license = { skuId: '66666666-7777-4888-8999-aaaaaaaaaaaa' };
    await recordOperation(op);
    expect(recorded()).toEqual([
      {
        at: FINISHED,
        ...who,
        action: 'reset',
        detail: 'as Member',
        outcome: 'succeeded',
        redeemUrl: 'https://login.microsoftonline.com/redeem?id=1',
      },
      { at: FINISHED, ...who, action: 'group', detail: 'group ', outcome: 'failed', error: 'Graph refused the group' },
      {
        at: FINISHED,
        ...who,
        action: 'role',
        detail: 'Reader at Resource group rg-data, eligible (PIM)',
        scope: SCOPE,
        outcome: 'succeeded',
      },
      {
        at: FINISHED,
        ...who,
        action: 'license',
        detail: '66666666-7777-4888-8999-aaaaaaaaaaaa',
        outcome: 'failed',
        error: 'Not done.',
      },
      { at: FINISHED, ...who, action: 'license', detail: 'Dynamics 365 Sales', outcome: 'succeeded' },
      {
        at: FINISHED,
        ...who,
        action: 'environment',
        detail: 'Sales (prod) as Basic User (already held)',
        outcome: 'failed',
        error: 'Dataverse did not answer',
      },
    ]);
  });

  it('records each ended step once', async () => {
    const op = finished();
    await recordOperation(op);
    await recordOperation(op);
    expect(recorded()).toHaveLength(7);
    expect(op.steps.every((s) => s.logged)).toBe(true);
  });
});

describe('the Activity entry of an activation', () => {
  beforeEach(() => {
    storage.clear();
  });

  const activation = (kind: Activation['kind'], status: string, end: string | null): Activation => ({
    id: 'act-1',
    tenantId: CONTOSO,
    principalId: ME,
    username: 'pat@partner.example',
    createdAt: FINISHED - 60_000,
    finishedAt: FINISHED,
    status: 'done',
    steps: [{ kind: 'activate', state: 'done' }],
    requestName: 'r-1',
    kind,
    draft: {
      scope: SCOPE,
      roleDefinitionId: `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/r`,
      roleName: 'Reader',
    },
    result: { status, start: null, end },
  });

  it("says an ended role is Removed, in Microsoft's word, and its end as every date is shown", async () => {
    await recordActivation(activation('activate', 'Provisioned', '2026-12-07T11:30:00Z'));
    await recordActivation(activation('deactivate', 'Revoked', null));
    const [on, off] = recorded().map((e) => e.detail);
    expect(on).toMatch(/^Reader at Resource group rg-data, until Dec 7, 2026, \d{1,2}:30 [AP]M \(Active\)$/);
    expect(off).toBe('Reader at Resource group rg-data (Removed)');
  });
});
