import { describe, expect, it } from 'vitest';
import { type Operation, plannedSteps } from '../../common/operation.ts';
import { type JobMeta, type JobRow, rowSteps } from '../../logic/bulk/job.ts';
import { jobProblem, operationProblem, rowProblem } from './stored-checks.ts';

const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ME = '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e';
const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const week = { kind: 'eligible' as const, start: null, end: { afterDays: 7 } };
const environment = {
  environmentId: '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01',
  environmentName: 'Contoso Sales',
  url: 'https://contoso-sales.crm.dynamics.com/',
  instanceUrl: 'https://contoso-sales.crm.dynamics.com/',
  // As Power Platform's answer spells it.
  securityGroup: { id: '3E9A4D5F-6B7C-4D8E-9FA0-1B2C3D4E5F60', displayName: 'Sales environment users' },
};

/** What the popup sends, as startInvitation stores it (operations.ts's plan), with the engine's own fields. */
const start = {
  invitation: {
    email: 'kim@partner.example',
    redirectUrl: 'https://x.example',
    sendEmail: true,
    userType: 'Guest' as const,
    displayName: 'Kim',
    sponsor: { id: '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c', displayName: 'Lee' },
  },
  azure: { scope: SCOPE, roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', roleName: 'Reader', schedule: week },
  powerBi: { workspaceId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', viewer: true },
  powerPlatform: {
    ...environment,
    role: { id: 'a1b2c3d4-1001-4a01-8b01-000000000001', name: 'Basic User' },
    license: { skuId: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579', name: 'Power Apps Premium' },
    profile: { givenName: 'Kim', surname: 'Berg', usageLocation: 'NL' },
  },
  page: 'https://portal.azure.com/#home',
};
const written = (): Operation => ({
  id: crypto.randomUUID(),
  ...structuredClone(start),
  steps: plannedSteps({ invite: true, roleId: start.azure.roleId, powerBi: true, powerPlatform: start.powerPlatform }),
  tenantId: CONTOSO,
  principalId: ME,
  username: 'megan@contoso.example',
  createdAt: Date.now(),
  status: 'running',
});

describe('a stored single invitation', () => {
  it('passes as the current version writes it, with what its steps and its result card added', () => {
    const op = written();
    Object.assign(op, {
      status: 'done',
      // Graph's id for the new guest, in whatever case it answers.
      invited: {
        guest: {
          id: '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D',
          displayName: 'Kim',
          email: 'kim@partner.example',
          userPrincipalName: '',
          userType: 'Guest',
          state: 'PendingAcceptance',
        },
        status: 'PendingAcceptance',
        redeemUrl: 'https://redeem/kim',
        existing: false,
      },
      license: { skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', usageLocation: 'NL' },
      environment: { systemUserId: '00000000-0000-4000-8000-0000000000aa', roleGiven: true },
      dismissed: true,
    });
    op.steps = [...op.steps.map((s) => ({ ...s, state: 'done' as const, attempts: 1 })), { kind: 'license', state: 'pending' }];
    expect(operationProblem(op)).toBeNull();
  });

  it('is refused when its Azure role schedule is not one the popup sends', () => {
    const op = written();
    op.azure = { ...start.azure, schedule: { ...week, end: { afterDays: 0 } } };
    expect(operationProblem(op)).toBe('its Azure scope or role is not one the extension accepts');
  });

  it('is refused when its sponsor has no name, as the popup never sends one', () => {
    const op = written();
    op.invitation.sponsor = { id: start.invitation.sponsor.id } as never;
    expect(operationProblem(op)).toBe('its invitation is not one the popup sends');
  });

  it('is refused, without throwing, when its Power Platform licence or profile is null', () => {
    for (const part of ['license', 'profile']) {
      const op = written();
      Object.assign(op.powerPlatform ?? {}, { [part]: null });
      expect(() => operationProblem(op)).not.toThrow();
      expect(operationProblem(op)).not.toBeNull();
    }
  });
});

const job = (meta: Partial<JobMeta> = {}): JobMeta => ({
  id: crypto.randomUUID(),
  fileName: 'guests.csv',
  tenantId: CONTOSO,
  principalId: ME,
  username: 'megan@contoso.example',
  status: 'running',
  rowCount: 2,
  defaultRedirectUrl: 'https://x.example',
  roleScope: SCOPE,
  roleSchedule: week,
  environment,
  createdAt: Date.now(),
  sentAt: [],
  pace: [],
  ...meta,
});

describe('a stored bulk job', () => {
  it('passes as the current version writes it, its environment as Power Platform named it', () => {
    expect(jobProblem(job(), 10)).toBeNull();
  });

  it('is refused, without throwing, when its environment has a null licence', () => {
    const meta = job({ environment: { ...environment, license: null } as never });
    expect(() => jobProblem(meta, 10)).not.toThrow();
    expect(jobProblem(meta, 10)).toBe('its license is not a SKU id');
  });

  it('is refused when its role schedule has no end', () => {
    expect(jobProblem(job({ roleSchedule: { ...week, end: null } }), 10)).toMatch(/no end/);
  });
});

describe('a stored bulk row', () => {
  const row = (r: Partial<JobRow> = {}): JobRow => {
    const planned: JobRow = {
      line: 2,
      email: 'kim@partner.example',
      redirectUrl: 'https://x.example',
      sendEmail: true,
      verdict: 'reuse',
      outcome: 'pending',
      // Ids as Graph and Dataverse answered the look-ups.
      userId: '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D',
      groupId: '0B6F1A2C-3D4E-4F5A-8B6C-7D8E9F0A1B2C',
      environmentRoleId: 'A1B2C3D4-1001-4A01-8B01-000000000001',
      licenseSkuId: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579',
      usageLocation: 'NL',
      steps: [],
      ...r,
    };
    return { ...planned, steps: rowSteps(planned) };
  };

  it('passes as the current version writes it', () => {
    expect(rowProblem(row())).toBeNull();
  });

  it('is refused when a step is of a kind an invitation does not take', () => {
    expect(rowProblem({ ...row(), steps: [{ kind: 'approval', state: 'pending' }] })).toBe('its progress is damaged');
  });
});
