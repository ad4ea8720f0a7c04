import { formatDate } from '../logic/format.ts';
import type { ExternalPerson, SignInRead } from './external-access.ts';
import { t } from './i18n.ts';
import type { Governance, Governed, GuestPolicy } from './lifecycle-governance.ts';

export type { Governance, Governed, GuestPolicy };

/**
 * Guest lifecycle policies (issue 27, "Sponsors keep guests honest"): the tenant's policies in words and a guest's
 * standing under the one that governs them. Read by background/features/guest-lifecycle/, shown on the guest card,
 * the Guests tab and beside each guest of "External access here".
 */

/** What reading the tenant's policies gave: the policies, or why not (the licence, or the caller's role or consent). */
export type PoliciesRead =
  | { kind: 'read'; policies: GuestPolicy[] }
  | { kind: 'unlicensed' }
  | { kind: 'notPermitted'; message: string };

/** What counts without the licence too: sponsors, and inactivity from sign-in activity. */
export interface PersonFacts {
  sponsors: number;
  lastSignIn: string | null;
  signIn: SignInRead;
}

/** One guest: the policies' view of them, and the facts their standing is derived from. */
export interface GuestLifecycle {
  governance: Governance;
  person: PersonFacts;
}

/** A guest's standing under their policy, each said in words beside them. */
export type Standing =
  | { kind: 'due'; on: number }
  | { kind: 'overdue'; since: number }
  | { kind: 'inactive'; lastSignIn: string | null }
  | { kind: 'noSponsor' };

const DAY = 86_400_000;

/**
 * Learn exposes a guest's last attestation and compliance state (userIdentityLifecycle), not the next attestation
 * date: it is derived here from documented inputs, the last attestation (else the account's creation) plus the
 * policy's attestation interval; inactivity from sign-in activity against the inactivity rule; sponsors against the
 * sponsor rule.
 */
export function standings(l: Governed, person: PersonFacts, now: number): Standing[] {
  const out: Standing[] = [];
  const p = l.policy;
  const from = l.lastAttestation ?? l.since;
  if (p.attestationDays !== null && from) {
    const due = Date.parse(from) + p.attestationDays * DAY;
    // complianceState says the guest broke some rule, not which: the attestation's own date decides this one.
    out.push(due < now ? { kind: 'overdue', since: due } : { kind: 'due', on: due });
  }
  if (p.inactiveDays !== null && person.signIn === 'read') {
    const seen = person.lastSignIn ?? l.since;
    if (!seen || Date.parse(seen) + p.inactiveDays * DAY < now) out.push({ kind: 'inactive', lastSignIn: person.lastSignIn });
  }
  if (p.minimumSponsors !== null && person.sponsors < p.minimumSponsors) out.push({ kind: 'noSponsor' });
  return out;
}

export function standingWords(s: Standing): string {
  switch (s.kind) {
    case 'due':
      return t('lifecycleDue', formatDate(s.on));
    case 'overdue':
      return t('lifecycleOverdue', formatDate(s.since));
    case 'inactive':
      return s.lastSignIn ? t('lifecycleInactiveSince', formatDate(s.lastSignIn)) : t('lifecycleNeverSignedIn');
    case 'noSponsor':
      return t('lifecycleNoSponsor');
  }
}

/** "Guests attest every 90 days by their sponsors; unattested guests are disabled after 30 days, then deleted after 30 more." */
export function policyWords(p: GuestPolicy): string {
  const parts: string[] = [];
  if (p.attestationDays !== null) parts.push(t('lifecyclePolicyAttest', p.attestationDays));
  if (p.minimumSponsors !== null) parts.push(t('lifecyclePolicySponsors', p.minimumSponsors));
  if (p.inactiveDays !== null) parts.push(t('lifecyclePolicyInactive', p.inactiveDays));
  if (p.redemptionDays !== null) parts.push(t('lifecyclePolicyRedeem', p.redemptionDays));
  const action =
    p.deleteAfterDays !== null
      ? t('lifecyclePolicyDisableThenDelete', p.gracePeriodInDays, p.deleteAfterDays)
      : t('lifecyclePolicyEnforced', p.gracePeriodInDays);
  return `${parts.join('; ')}; ${action}`;
}

/**
 * A row of "External access here" under the policies, in words: the guest's standing where a policy governs them
 * ("Attestation due on 18 Dec 2026 · No sponsor"), else null. The row's own sponsors and sign-in are the facts.
 */
export function personStandingWords(p: ExternalPerson, signIn: SignInRead, now: number): string | null {
  if (p.governance?.kind !== 'governed') return null;
  const s = standings(p.governance, { sponsors: p.sponsors.length, lastSignIn: p.lastSignIn, signIn }, now);
  return s.length ? s.map(standingWords).join(' · ') : t('lifecycleInGoodStanding');
}

/** Whether the list met a tenant without Microsoft Entra ID Governance (said once, above the rows). */
export const listUnlicensed = (people: ExternalPerson[]) => people.some((p) => p.governance?.kind === 'unlicensed');
