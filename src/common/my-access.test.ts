import { describe, expect, it } from 'vitest';
import { myLicensePath, POWER_BI_PPU, POWER_BI_PRO } from '../background/features/invite/license-path.ts';
import {
  type ActivationDraft,
  activationProblem,
  durationMinutes,
  isoMinutes,
  minutesWords,
  type RolePolicy,
} from './my-access.ts';

const policy: RolePolicy = {
  maxMinutes: 120,
  justification: true,
  ticket: false,
  approval: false,
  mfa: false,
  authContext: null,
};
const draft: ActivationDraft = {
  scope: '/subscriptions/11111111-2222-4333-8444-555555555555',
  roleDefinitionId: '',
  roleName: 'Reader',
  eligibilityScheduleId: '',
  minutes: 120,
  justification: 'Quarter-end checks',
  ticketNumber: '',
  ticketSystem: '',
  start: null,
};

describe('activation against its policy', () => {
  it('takes what the policy allows', () => {
    expect(activationProblem(draft, policy, Date.now())).toBeNull();
  });
  it('refuses a duration beyond the maximum, naming it', () => {
    expect(activationProblem({ ...draft, minutes: 180 }, policy, Date.now())).toBe(
      'This role can be active for at most 2 hours; choose that or less.',
    );
  });
  it('refuses a missing justification or ticket when the policy asks for them', () => {
    expect(activationProblem({ ...draft, justification: '  ' }, policy, Date.now())).toMatch(/justification/);
    expect(activationProblem(draft, { ...policy, ticket: true }, Date.now())).toMatch(/ticket number/);
    expect(activationProblem({ ...draft, justification: '' }, { ...policy, justification: false }, Date.now())).toBeNull();
  });
  it('refuses a start that has passed', () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    expect(activationProblem({ ...draft, start }, policy, Date.now())).toMatch(/passed/);
  });
});

describe('durations as ARM writes them', () => {
  it('writes and reads hours and minutes', () => {
    expect([isoMinutes(120), isoMinutes(30), isoMinutes(90)]).toEqual(['PT2H', 'PT30M', 'PT1H30M']);
    expect([durationMinutes('PT8H'), durationMinutes('P1D'), durationMinutes('PT1H30M'), durationMinutes('P')]).toEqual([
      480,
      1440,
      90,
      null,
    ]);
    expect(minutesWords(90)).toBe('1 hour 30 minutes');
  });
});

describe('my licence path', () => {
  const ws = (sku?: string) => ({
    id: 'w',
    name: 'Finance',
    isOnDedicatedCapacity: !!sku,
    capacity: sku ? { id: 'c', name: 'Contoso Premium P1', sku } : undefined,
  });
  it('needs nothing on a Premium capacity', () => {
    expect(myLicensePath(ws('P1'), [])).toMatchObject({ kind: 'capacity', headline: 'No license needed' });
  });
  it('says whether my own licences here cover a Pro or PPU workspace', () => {
    expect(myLicensePath(ws(), [POWER_BI_PRO]).headline).toBe('Covered by your Power BI Pro license here');
    expect(myLicensePath(ws('PP3'), [POWER_BI_PRO]).headline).toBe('Needs Premium Per User: none is assigned to you here');
  });
  it('says plainly when the capacity cannot be read and the home licence cannot be checked', () => {
    const path = myLicensePath(null, []);
    expect(path.kind).toBe('unknown');
    expect(path.reason).toContain('cannot be checked from here');
    expect(myLicensePath(null, [POWER_BI_PPU]).held).toBe(true);
  });
});
