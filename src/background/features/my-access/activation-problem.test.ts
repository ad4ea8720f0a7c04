import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../common/my-access.ts';
import { activationProblem } from './activation-problem.ts';

const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const ROLE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';
/** As the popup sends it (startActivation); ARM's eligibility id keeps the case ARM gave it. */
const draft = {
  scope: SCOPE,
  roleDefinitionId: ROLE,
  roleName: 'Reader',
  eligibilityScheduleId: `${SCOPE}/providers/Microsoft.Authorization/roleEligibilitySchedules/8F2A6C1E-4B3D-4E5F-9A70-1B2C3D4E5F01`,
  minutes: 120,
  justification: 'Month-end report',
  ticketNumber: '',
  ticketSystem: '',
  start: null,
};
/** As activations.ts plans it, with the engine's own fields. */
const stored = (a: Partial<Activation> = {}): Activation => ({
  id: crypto.randomUUID(),
  requestName: crypto.randomUUID(),
  kind: 'activate',
  draft,
  steps: [{ kind: 'activate', state: 'pending' }],
  tenantId: '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c',
  principalId: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
  username: 'megan@contoso.example',
  createdAt: Date.now(),
  status: 'running',
  ...a,
});

describe('a stored activation', () => {
  it('passes as the current version writes it, and an early end too', () => {
    expect(activationProblem(stored())).toBeNull();
    const end = { scope: SCOPE, roleDefinitionId: ROLE, roleName: 'Reader' };
    expect(
      activationProblem(stored({ kind: 'deactivate', draft: end, steps: [{ kind: 'deactivate', state: 'pending' }] })),
    ).toBeNull();
  });

  it('is refused for an eligibility of another scope, or a duration Azure does not give', () => {
    const elsewhere = {
      ...draft,
      eligibilityScheduleId: `${SCOPE}-other/providers/Microsoft.Authorization/roleEligibilitySchedules/x`,
    };
    expect(activationProblem(stored({ draft: elsewhere }))).toMatch(/eligibility/);
    expect(activationProblem(stored({ draft: { ...draft, minutes: 24 * 60 + 1 } }))).toMatch(/duration/);
  });

  it('is refused, without throwing, when its eligibility is missing', () => {
    const { eligibilityScheduleId: _, ...without } = draft;
    const a = stored({ draft: without as never });
    expect(() => activationProblem(a)).not.toThrow();
    expect(activationProblem(a)).not.toBeNull();
  });

  it('is refused when its draft is not one the popup sends (an early end without the role it ends)', () => {
    const end = { scope: SCOPE, roleDefinitionId: ROLE };
    expect(activationProblem(stored({ kind: 'deactivate', draft: end as never }))).not.toBeNull();
  });
});
