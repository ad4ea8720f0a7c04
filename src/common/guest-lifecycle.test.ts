import { describe, expect, it } from 'vitest';
import type { ExternalPerson } from './external-access.ts';
import { type Governed, type GuestPolicy, personStandingWords, policyWords, standings } from './guest-lifecycle.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-08T12:00:00Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const POLICY: GuestPolicy = {
  id: 'p',
  displayName: 'Guests keep access while their sponsors attest',
  isEnabled: true,
  gracePeriodInDays: 30,
  deleteAfterDays: 30,
  attestationDays: 90,
  minimumSponsors: 1,
  inactiveDays: 90,
  redemptionDays: null,
};
const governed = (o: Partial<Governed> = {}): Governed => ({
  kind: 'governed',
  policy: POLICY,
  complianceState: 'compliant',
  lastAttestation: ago(80),
  since: ago(400),
  ...o,
});
const person = { sponsors: 1, lastSignIn: ago(3), signIn: 'read' as const };

describe("a guest's standing under their lifecycle policy", () => {
  it('is an attestation due a period after the last one, and nothing else while all is well', () => {
    expect(standings(governed(), person, NOW)).toEqual([{ kind: 'due', on: NOW + 10 * DAY }]);
  });

  it('counts a guest never attested from the account’s creation, and says the attestation overdue once passed', () => {
    expect(standings(governed({ lastAttestation: null }), person, NOW)).toEqual([{ kind: 'overdue', since: NOW - 310 * DAY }]);
  });

  it('is not overdue for a rule broken elsewhere: a non-compliant guest whose attestation is still due says due', () => {
    expect(standings(governed({ complianceState: 'nonCompliant' }), { ...person, sponsors: 0 }, NOW)).toEqual([
      { kind: 'due', on: NOW + 10 * DAY },
      { kind: 'noSponsor' },
    ]);
  });

  it('is inactive past the rule’s days without a sign-in, and says nothing of it when sign-in activity was not read', () => {
    expect(standings(governed(), { ...person, lastSignIn: ago(120) }, NOW)).toContainEqual({
      kind: 'inactive',
      lastSignIn: ago(120),
    });
    expect(standings(governed(), { ...person, lastSignIn: null, signIn: 'needsP1' }, NOW)).toHaveLength(1);
  });

  it('beside a row of External access here, in words; nothing for a guest no policy governs', () => {
    const row = { sponsors: [], lastSignIn: null, governance: governed() } as unknown as ExternalPerson;
    expect(personStandingWords(row, 'read', NOW)).toMatch(/^Attestation due on .+ · Inactive: never signed in · No sponsor$/);
    expect(personStandingWords({ ...row, governance: { kind: 'notGoverned' } }, 'read', NOW)).toBeNull();
  });
});

describe('a guest lifecycle policy in words', () => {
  it('says how often guests attest, what keeps them in standing, and what happens to those who fall out of it', () => {
    expect(policyWords(POLICY)).toBe(
      'Guests attest every 90 days by their sponsors; each guest needs sponsors: at least 1; guests not signed in for 90 days fall out of compliance; guests out of compliance are disabled after 30 days, then deleted after 30 more',
    );
  });
});
