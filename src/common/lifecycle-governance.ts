/**
 * The guest lifecycle shapes "External access here" carries in its rows (common/external-access.ts) and the guest
 * card reads (common/guest-lifecycle.ts, which says them in words): apart, so neither file imports the other's.
 */

/** A guest lifecycle policy, as far as the extension says it (learn: identitygovernance-guestlifecyclepolicy). */
export interface GuestPolicy {
  id: string;
  displayName: string;
  isEnabled: boolean;
  /** Days between a rule broken and the enforcement action. */
  gracePeriodInDays: number;
  /** The enforcement action: disable, then delete after this many days (disableThenDeleteEnforcementAction); else null. */
  deleteAfterDays: number | null;
  /** Each enabled rule's threshold (learn: identitygovernance-lifecyclepolicyrule and its derived types); null: no such rule. */
  attestationDays: number | null;
  minimumSponsors: number | null;
  inactiveDays: number | null;
  redemptionDays: number | null;
}

/** How the policies stand to one guest: governed by a policy (and their attestation), or why nothing is said. */
export type Governance =
  | {
      kind: 'governed';
      policy: GuestPolicy;
      /** Graph's userIdentityLifecycle.complianceState (compliant, warning, warningNotify, nonCompliant). */
      complianceState: string | null;
      lastAttestation: string | null;
      /** Where a first attestation period starts for a guest never attested (the account's creation). */
      since: string | null;
    }
  | { kind: 'notGoverned' }
  | { kind: 'unlicensed' }
  | { kind: 'notPermitted'; message: string };

export type Governed = Extract<Governance, { kind: 'governed' }>;
