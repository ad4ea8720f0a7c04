import { describe, expect, it } from 'vitest';
import type { OperationStep, StepKind } from '../../common/operation.ts';
import { countOutcomes, describeRow, type JobRow, rowSteps } from './job.ts';

const GRANTS = { groupId: 'g1', roleId: 'r1', licenseSkuId: 's1', environmentRoleId: 'e1' };
const row = (steps: [StepKind, OperationStep['state'], string?][]): JobRow =>
  ({
    line: 2,
    email: 'ada@partner.example',
    verdict: 'invite',
    outcome: 'invited',
    redeemUrl: 'https://login.example/redeem',
    ...GRANTS,
    group: 'Sales readers',
    role: 'Reader',
    license: 'Dynamics 365 Sales',
    environmentRole: 'Basic User',
    steps: steps.map(([kind, state, error]) => ({ kind, state, error })),
  }) as JobRow;

describe("a bulk row's grants", () => {
  it('are planned in the order they run, after the invitation when there is one', () => {
    expect(rowSteps({ verdict: 'invite', ...GRANTS }).map((s) => s.kind)).toEqual([
      'invite',
      'group',
      'azureRole',
      'envLicense',
      'environment',
    ]);
    expect(rowSteps({ verdict: 'reuse', roleId: 'r1', environmentRoleId: 'e1' })).toEqual([
      { kind: 'azureRole', state: 'pending' },
      { kind: 'environment', state: 'pending' },
    ]);
    expect(rowSteps({ verdict: 'member', ...GRANTS })).toEqual([]);
  });

  it('are said in the results, each done or failed with why', () => {
    const done = row([
      ['invite', 'done'],
      ['group', 'done'],
      ['azureRole', 'done'],
      ['envLicense', 'done'],
      ['environment', 'done'],
    ]);
    expect(describeRow(done)).toBe(
      'Invited; added to Sales readers; Reader given; Dynamics 365 Sales assigned; in the environment as Basic User',
    );
    const failed = row([
      ['invite', 'done'],
      ['group', 'failed', 'no such group'],
      ['azureRole', 'failed', 'forbidden'],
      ['envLicense', 'failed', 'none left'],
      ['environment', 'pending'],
    ]);
    expect(describeRow(failed)).toBe(
      'Invited; not added to Sales readers: no such group; Reader not given: forbidden; Dynamics 365 Sales not assigned: none left',
    );
  });

  it('are counted while any is still owed', () => {
    const owed = row([
      ['invite', 'done'],
      ['environment', 'pending'],
    ]);
    expect(countOutcomes([owed, row([['invite', 'done']])]).granting).toBe(1);
  });
});
