import { describe, expect, it } from 'vitest';
import { type Operation, type OperationStep, type StepKind, stepWords, waitingWords } from './operation.ts';

const ALL: StepKind[] = [
  'invite',
  'profile',
  'group',
  'azureRole',
  'powerBi',
  'license',
  'envLicense',
  'environment',
  'activate',
  'deactivate',
  'approval',
  'change',
];

const op = {
  invitation: { email: 'ada@fabrikam.example', redirectUrl: 'https://myapps.microsoft.com', sendEmail: true, userType: 'Guest' },
  azure: { scope: '/subscriptions/1', roleId: 'r', roleName: 'Reader', schedule: { kind: 'active', start: null, end: null } },
  powerBi: { workspaceId: 'w', viewer: true, group: { id: 'g', displayName: 'Sales readers' } },
  powerPlatform: {
    environmentId: 'env-1',
    environmentName: 'Sales (prod)',
    url: 'https://sales.crm.dynamics.com',
    instanceUrl: 'https://sales.crm.dynamics.com',
    role: { id: 'role', name: 'Basic User' },
    license: { skuId: 'sku', name: 'Dynamics 365 Sales' },
  },
} as unknown as Operation;
/** The same invitation with nothing named: a reset, no group, no viewer, an environment without a role. */
const bare = {
  invitation: { ...op.invitation, resetRedemptionOf: 'guest' },
  powerBi: { workspaceId: 'w', viewer: false },
  powerPlatform: { environmentId: 'env-1', environmentName: '', url: 'https://x.example' },
} as unknown as Operation;

const words = (o: Operation) => ALL.map((kind) => stepWords(o, { kind, state: 'pending' }));

describe('the progress list', () => {
  it('names each step by what it does', () => {
    expect(words(op)).toEqual([
      'Invite ada@fabrikam.example',
      'Set first and last name',
      'Add to Sales readers',
      'Give Reader (Azure)',
      'Workspace Viewer role and license path',
      'Assign the license',
      'Assign Dynamics 365 Sales',
      'Add to Sales (prod) as Basic User',
      // Not steps of an invitation: never in its progress list, named by their kind.
      'activate',
      'deactivate',
      'approval',
      'change',
    ]);
    expect(words(bare).slice(0, 8)).toEqual([
      'Reset redemption for ada@fabrikam.example',
      'Set first and last name',
      'Add to the group',
      'Give the role (Azure)',
      'License path',
      'Assign the license',
      'Assign the license',
      'Add to the environment',
    ]);
  });

  it('says what a waiting step waits for', () => {
    const waiting = (kind: StepKind, code: string): OperationStep => ({
      kind,
      state: 'pending',
      waiting: { code: code as never, since: 0, looks: 1 },
    });
    const azure = 'Azure has not seen the new guest yet; this usually takes a minute or two.';
    const dataverse = 'Dataverse has not synchronised the new guest yet; this usually takes a minute or two.';
    expect(ALL.map((kind) => waitingWords(waiting(kind, 'principal_not_found')))).toEqual([
      ...Array(7).fill(azure),
      dataverse,
      ...Array(4).fill(azure),
    ]);
    expect(waitingWords(waiting('envLicense', 'user_not_licensed'))).toBe(
      'The license is still reaching Power Platform; this can take several minutes.',
    );
    expect(waitingWords(waiting('azureRole', 'throttled'))).toBeUndefined();
    expect(waitingWords({ kind: 'azureRole', state: 'done' })).toBeUndefined();
  });
});
