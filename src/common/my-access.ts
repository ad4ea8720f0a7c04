import { formatDuration, formatNumber } from '../logic/format.ts';
import type { ReadExtent } from '../logic/listed.ts';
import { t } from './i18n.ts';
import type { ActivationDraft, DeactivationDraft } from './my-access-schema.ts';
import type { OperationRecord } from './operation.ts';
import type { LicensePath } from './powerbi.ts';

export type { ActivationDraft, DeactivationDraft };

/**
 * What a person holds in the tenant they are signed in to (issue 10, "My access"): read as themselves, never as
 * an admin, so a guest sees exactly what the tenant gives them.
 */

export interface Me {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  userType: 'Member' | 'Guest' | string;
  /** Guests only: Accepted once redeemed. */
  externalUserState: string | null;
}

export interface ReachableTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  /** 'Home' is the account's own organization; the others invited it. */
  category: string;
}

/** An Azure role of mine: eligible (to activate) or active now (assigned, or activated until its end). */
export interface MyRole {
  kind: 'eligible' | 'active';
  roleId: string;
  /** Full role definition id, as ARM names it in requests. */
  roleDefinitionId: string;
  roleName: string;
  /** What it lets me do, in the words the owner's picker uses; empty when the role is not a common one. */
  words: string;
  scope: string;
  /** The scope in words, with the names ARM gives ("Storage account stdata01 · resource group rg-data"). */
  scopeWords: string;
  start: string | null;
  end: string | null;
  /** Eligible: the eligibility schedule an activation links to. */
  eligibilityScheduleId?: string;
  /** Active: 'Activated' (from an eligibility, may be ended early) or 'Assigned'. */
  assignmentType?: string;
}

/** What the role's policy asks of an activation (roleManagementPolicyAssignments → effectiveRules). */
export interface RolePolicy {
  maxMinutes: number;
  justification: boolean;
  ticket: boolean;
  approval: boolean;
  mfa: boolean;
  /** An authentication context (Conditional Access) the sign-in must meet: asked for by ARM as a claims challenge. */
  authContext: string | null;
}

export interface MyApp {
  id: string;
  name: string;
  description: string;
  workspaceId: string | null;
  licensePath: LicensePath;
}

export interface MyAccess {
  me: Me;
  tenants: ReachableTenant[];
  eligible: MyRole[];
  active: MyRole[];
  apps: MyApp[];
  licenses: { skuId: string; skuPartNumber: string }[];
  groups: { id: string; displayName: string }[];
  /** How much of my groups was read: all, or the first ones to a stated cap. */
  groupsRead: ReadExtent;
  /** A section that could not be read, in words (the rest is still shown). */
  problems: { section: 'tenants' | 'roles' | 'apps' | 'directory'; message: string }[];
}

/** An activation or early deactivation, run by the background like any other operation (background/features/my-access/activations.ts). */
export interface Activation extends OperationRecord {
  /** The request's name at ARM, chosen once: a request sent again after a lost answer is looked up by it first. */
  requestName: string;
  kind: 'activate' | 'deactivate';
  draft: ActivationDraft | DeactivationDraft;
  /** The sign-in was renewed with the claims ARM asked for: the request is sent once more, not again after that. */
  claimsMet?: boolean;
  /** ARM's answer: Provisioned, PendingApproval, Granted, Revoked… and the window it gives. */
  result?: { status: string; start: string | null; end: string | null };
}

/** ARM's ISO 8601 duration for a number of minutes: PT2H, PT30M, PT1H30M. */
export function isoMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

/** Minutes in an ISO 8601 duration of days, hours and minutes (P1D, PT8H, PT1H30M), or null. */
export function durationMinutes(duration: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** "2 hours", "1 hour 30 minutes", "45 minutes", in the browser's language. */
export function minutesWords(minutes: number): string {
  if (minutes > 0) return formatDuration(minutes * 60);
  return formatNumber(0, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
}

/** Azure refuses to end an activation in its first five minutes (ActiveDurationTooShort). */
export const MIN_ACTIVE_MS = 5 * 60_000;

/** What is wrong with an activation for this policy, in words naming the rule, or null. */
export function activationProblem(d: ActivationDraft, policy: RolePolicy, now: number): string | null {
  if (!Number.isInteger(d.minutes) || d.minutes < 5) return t('myAccessTooShort', minutesWords(5));
  if (d.minutes > policy.maxMinutes) return t('myAccessTooLong', minutesWords(policy.maxMinutes));
  if (policy.justification && !d.justification.trim()) return t('myAccessNeedsJustification');
  if (policy.ticket && !d.ticketNumber.trim()) return t('myAccessNeedsTicket');
  if (d.justification.length > 500) return t('myAccessJustificationTooLong', formatNumber(500));
  if (d.ticketNumber.length > 100 || d.ticketSystem.length > 100) return t('myAccessTicketTooLong', formatNumber(100));
  if (d.start !== null) {
    const at = Date.parse(d.start);
    if (Number.isNaN(at)) return t('myAccessStartNotDate');
    if (at < now - 60_000) return t('myAccessStartPassed');
  }
  return null;
}
