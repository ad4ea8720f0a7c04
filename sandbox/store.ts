import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoleDefinition } from './arm/roles.ts';
import type { SandboxAudit } from './audit.ts';
import type { SandboxPowerPlatform } from './powerplatform/model.ts';
import { type ProfileName, profileState } from './profile/profiles.ts';
import type { CollaborationRestrictions, CrossTenantAccess } from './tenant-policies.ts';

export interface SandboxUser {
  id: string;
  displayName: string;
  /** Set when known (an invitation with names, a profile edit); Dataverse builds a systemuser's names from them. */
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName: string;
  mail?: string | null;
  otherMails?: string[];
  password?: string;
  userType: 'Member' | 'Guest';
  externalUserState?: 'PendingAcceptance' | 'Accepted' | null;
  externalUserStateChangeDateTime?: string | null;
  creationType?: string | null;
  createdDateTime?: string;
  usageLocation?: string | null;
  /**
   * `assignedDateTime` is when the licence was assigned (Graph shows it as `licenseAssignmentStates`'
   * `lastUpdatedDateTime`): the environment API refuses the user until it has propagated (add-user.ts).
   */
  assignedLicenses?: { skuId: string; disabledPlans: string[]; assignedDateTime?: string }[];
  directoryRoles: string[];
  /** Ids of the users who sponsor this (guest) user (learn: user-list-sponsors). */
  sponsors?: string[];
  /** Graph's signInActivity (learn: signinactivity); none: never signed in (graph/sign-in-activity.ts). */
  signInActivity?: { lastSignInDateTime?: string | null; lastNonInteractiveSignInDateTime?: string | null };
  /** False: the account is disabled (learn: user-update `accountEnabled`); its sign-in is refused (AADSTS50057). */
  accountEnabled?: boolean;
}

/** A soft-deleted user (learn: user-delete): kept 30 days with what a restore gives back. */
export interface SandboxDeletedUser {
  user: SandboxUser;
  deletedDateTime: string;
  /** Groups (assigned membership) the user was in, and owned; users the user sponsored. */
  memberOf: string[];
  ownerOf: string[];
  sponsorOf: string[];
}

export interface SandboxGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  /** Assigned members; for a dynamic group, the members as last evaluated (sandbox/graph/group-members.ts). */
  members: string[];
  owners: string[];
  description?: string | null;
  createdDateTime?: string;
  /** `DynamicMembership` makes the group's members follow `membershipRule`. */
  groupTypes?: string[];
  membershipRule?: string | null;
  membershipRuleProcessingState?: 'On' | 'Paused' | null;
  /** Set only when the group is made (learn: groups-concept): such a group can hold Entra roles. */
  isAssignableToRole?: boolean | null;
}

export interface SandboxApplication {
  appId: string;
  displayName: string;
  spaRedirectUris: string[];
  /** The API permissions configured on the app registration. */
  requiredScopes: string[];
  /** Those an admin has consented to for the whole tenant. */
  consentedScopes: string[];
  /**
   * What each user consented to for themselves, by user id (Entra's oauth2PermissionGrant with consentType
   * `Principal`): kept across sign-ins and sign-outs, as Entra keeps it, until the grant is removed.
   */
  userConsents?: Record<string, string[]>;
}

export interface SandboxPowerBiApp {
  id: string;
  name: string;
  workspaceId: string;
  description?: string;
  publishedBy?: string;
  lastUpdate?: string;
  /** Entra groups the app is published to. */
  audienceGroupIds?: string[];
}

export interface SandboxWorkspace {
  id: string;
  name: string;
  capacityId?: string;
  users: { identifier: string; principalType: 'User' | 'Group'; groupUserAccessRight: string }[];
}

export interface SandboxCapacity {
  id: string;
  displayName: string;
  sku: string;
  region: string;
  admins: string[];
}

export interface SandboxPowerBi {
  apps: SandboxPowerBiApp[];
  workspaces?: SandboxWorkspace[];
  capacities?: SandboxCapacity[];
}

export interface SandboxRoleAssignment {
  name: string;
  scope: string;
  principalId: string;
  principalType: string;
  roleDefinitionId: string;
  createdOn: string;
  /** A time-bound active assignment (PIM schedule): it holds from its start until its end. */
  startDateTime?: string;
  endDateTime?: string;
  /** How PIM made it: `Activated` by the principal from an eligibility (SelfActivate), else given (`Assigned`). */
  assignmentType?: 'Activated' | 'Assigned';
  /** The eligibility (its name) an activation came from. */
  linkedEligibilityName?: string;
  /** The schedule request that made it. */
  requestName?: string;
}

export interface SandboxEligibility {
  name: string;
  scope: string;
  principalId: string;
  roleDefinitionId: string;
  startDateTime: string;
  endDateTime: string | null;
  requestName: string;
}

/** PIM role settings for end users activating a role at a scope and below it (the nearest one wins). */
export interface SandboxRolePolicy {
  scope: string;
  /** The role definition's GUID. */
  roleDefinitionId: string;
  /** ISO 8601 duration, e.g. `PT2H`. */
  maximumDuration: string;
  enabledRules: ('Justification' | 'Ticketing' | 'MultiFactorAuthentication')[];
  approvalRequired: boolean;
  /** A Conditional Access authentication context the activation needs, as its claim value (`c1`). */
  authenticationContext?: string;
}

/** A role assignment schedule request (AdminAssign, SelfActivate, SelfDeactivate) as ARM keeps it. */
export interface SandboxAssignmentRequest {
  name: string;
  scope: string;
  principalId: string;
  /** The role definition's GUID. */
  roleDefinitionId: string;
  requestType: string;
  status: 'Provisioned' | 'PendingApproval' | 'Granted' | 'Revoked';
  requestorId: string;
  createdOn: string;
  scheduleInfo?: {
    startDateTime?: string;
    expiration?: { type?: string; duration?: string; endDateTime?: string };
  };
  justification?: string;
  ticketInfo?: { ticketNumber?: string; ticketSystem?: string };
  linkedRoleEligibilityScheduleId?: string;
  approvalId?: string;
  /** The role assignment it made, or ended. */
  assignmentName?: string;
}

export interface SandboxAzure {
  subscriptions: {
    subscriptionId: string;
    displayName: string;
    resourceGroups: { name: string; location: string; resources: { type: string; name: string }[] }[];
  }[];
  roleAssignments: SandboxRoleAssignment[];
  eligibilitySchedules: SandboxEligibility[];
  policies?: SandboxRolePolicy[];
  assignmentRequests?: SandboxAssignmentRequest[];
  /** Role eligibility schedule requests, kept as assignment requests are (`assignmentName`: the eligibility). */
  eligibilityRequests?: SandboxAssignmentRequest[];
  /** The tenant's own custom roles beside ARM's list (the large profile's, sandbox/profile/azure.ts). */
  customRoles?: RoleDefinition[];
  /** Access review schedule definitions at a scope, each with its one instance (sandbox/arm/access-reviews.ts). */
  accessReviews?: SandboxAccessReview[];
}

/** One access review schedule definition as ARM keeps it, its first instance and that instance's decisions. */
export interface SandboxAccessReview {
  name: string;
  /** The scope it was made at, as written in the path. */
  scope: string;
  /** What the PUT said (displayName, descriptions, settings, scope filter, reviewers), kept as sent. */
  properties: Record<string, unknown>;
  createdBy: string;
  createdOn: string;
  instance: { name: string; startDateTime: string; endDateTime: string };
  decisions: SandboxReviewDecision[];
}

export interface SandboxReviewDecision {
  name: string;
  principalId: string;
  /** The role definition GUID of the access under review, and whether it is active or eligible. */
  roleDefinitionId: string;
  assignmentState: 'active' | 'eligible';
  /** How the access reaches them: their own assignment, through a group, or both (absent: direct, as stored before). */
  membershipTypes?: ('direct' | 'indirect')[];
  decision: 'Approve' | 'Deny' | 'NotReviewed' | 'DontKnow';
  justification?: string;
  reviewedBy?: string;
  reviewedDateTime?: string;
  applyResult: 'New' | 'AppliedSuccessfully';
  appliedDateTime?: string;
}

/** One Graph access review definition of a group's members (sandbox/graph/access-reviews.ts), with its one instance. */
export interface SandboxGroupReview {
  id: string;
  /** What the POST said (displayName, descriptions, scope, reviewers, settings), kept as sent. */
  body: Record<string, unknown>;
  /** The group the scope's query names. */
  groupId: string;
  createdBy: string;
  createdDateTime: string;
  instance: { id: string; startDateTime: string; endDateTime: string; status: 'InProgress' | 'Completed' };
  decisions: SandboxGroupDecision[];
}

export interface SandboxGroupDecision {
  id: string;
  principalId: string;
  decision: 'Approve' | 'Deny' | 'NotReviewed' | 'DontKnow';
  justification?: string;
  reviewedBy?: string;
  reviewedDateTime?: string;
  applyResult: 'New' | 'AppliedSuccessfully' | 'AppliedSuccessfullyButObjectNotFound';
  appliedDateTime?: string;
}

export interface SandboxTenant {
  id: string;
  displayName: string;
  initialDomain: string;
  verifiedDomains: string[];
  /** Where the tenant is registered (Graph's organization `countryLetterCode`); unset: the Netherlands, null: none. */
  countryLetterCode?: string | null;
  authorizationPolicy: { allowInvitesFrom: string; guestUserRoleId: string };
  applications: SandboxApplication[];
  users: SandboxUser[];
  groups: SandboxGroup[];
  powerbi?: SandboxPowerBi;
  azure?: SandboxAzure;
  /** Licences bought: Microsoft's SKU ids, with the number of enabled units. */
  subscriptions?: { skuId: string; enabled: number }[];
  /** Entra's directory audit log (sandbox/audit.ts), oldest first. */
  audits?: SandboxAudit[];
  deletedUsers?: SandboxDeletedUser[];
  crossTenantAccess?: CrossTenantAccess;
  collaborationRestrictions?: CollaborationRestrictions;
  /** Power Platform environments and their Dataverse (sandbox/powerplatform/model.ts). */
  powerPlatform?: SandboxPowerPlatform;
  /** The tenant's Entra ID plan (graph/sign-in-activity.ts); none: P1, which the seed's Microsoft 365 E3 includes. */
  entraIdPlan?: EntraIdPlan;
  /** Graph's access review definitions (`/identityGovernance/accessReviews/definitions`) of groups' members. */
  groupReviews?: SandboxGroupReview[];
  /** Whether the tenant has Microsoft Entra ID Governance (graph/lifecycle-policies.ts); none: it has not. */
  idGovernance?: boolean;
  /** Guest lifecycle policies (learn: identitygovernance-guestlifecyclepolicy), in priority order. */
  lifecyclePolicies?: SandboxLifecyclePolicy[];
  /** Every attestation of a guest's continued need: who attested, when (learn: user-attest). */
  attestations?: { userId: string; by: string; at: string }[];
}

/** A guest lifecycle policy as Graph shows it, its rules and enforcement action as Learn's JSON representations. */
export interface SandboxLifecyclePolicy {
  id: string;
  displayName: string;
  description: string | null;
  isEnabled: boolean;
  gracePeriodInDays: number;
  enforcementAction: Record<string, unknown> & { '@odata.type': string };
  createdDateTime: string;
  lastModifiedDateTime: string;
  rules: (Record<string, unknown> & { '@odata.type': string; id: string; isEnabled: boolean })[];
}

export type EntraIdPlan = 'Free' | 'P1' | 'P2';

export interface SandboxState {
  tenants: SandboxTenant[];
  /** The profile the state was made from (sandbox/profile/profiles.ts); none: the seed as it is (`small`). */
  profile?: ProfileName;
}

const here = dirname(fileURLToPath(import.meta.url));
export const seedFile = join(here, 'seed.json');

function readSeed(): SandboxState {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SandboxState & { about?: string };
  return { tenants: seed.tenants };
}

/** The sandbox's directory. Every change is written through to `file`, so state survives restarts. */
export class Store {
  state: SandboxState;

  constructor(readonly file: string) {
    const saved = existsSync(file);
    this.state = saved ? (JSON.parse(readFileSync(file, 'utf8')) as SandboxState) : readSeed();
    if (!saved) this.flush();
  }

  /** Back to the start of a profile: the one named, else the one the state was made from. */
  reset(profile: ProfileName = this.state.profile ?? 'small'): void {
    this.state = profileState(readSeed(), profile);
    this.flush();
  }

  private pending: NodeJS.Timeout | null = null;
  /** How long the last write took: writing the large profile's 13 MB blocks the server for a tenth of a second. */
  private lastFlushMs = 0;

  /**
   * Writes soon: a burst of changes (a bulk invitation run) makes one write, not one per change. The wait grows with
   * what a write costs, so that writing never takes more than about a tenth of the server's time.
   */
  save(): void {
    this.pending ??= setTimeout(() => this.flush(), Math.max(100, this.lastFlushMs * 10));
  }

  flush(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    const started = performance.now();
    mkdirSync(dirname(this.file), { recursive: true });
    // No indentation: it would make the large profile's file half as large again and its write that much slower.
    writeFileSync(this.file, JSON.stringify(this.state));
    this.lastFlushMs = performance.now() - started;
  }

  tenant(id: string): SandboxTenant | undefined {
    const key = id.toLowerCase();
    return this.state.tenants.find((t) => t.id === key || t.verifiedDomains.some((d) => d.toLowerCase() === key));
  }

  /**
   * Who signs in with this name at this tenant: a member with a password here, or a guest, whose password is their
   * home account's (a member of another tenant), as Entra sends a guest to their home tenant to sign in.
   */
  signInAccount(tenant: SandboxTenant, name: string): { user: SandboxUser; password?: string } | undefined {
    const key = name.trim().toLowerCase();
    const member = tenant.users.find((u) => u.password && u.userPrincipalName.toLowerCase() === key);
    if (member) return { user: member, password: member.password };
    const guest = tenant.users.find(
      (u) => u.userType === 'Guest' && [u.mail, ...(u.otherMails ?? [])].some((m) => m?.toLowerCase() === key),
    );
    return guest && { user: guest, password: this.homeOf(tenant, guest)?.user.password };
  }

  /** A guest's home account: the member of another tenant whose sign-in name is the guest's address. */
  homeOf(tenant: SandboxTenant, guest: SandboxUser): { tenant: SandboxTenant; user: SandboxUser } | undefined {
    if (guest.userType !== 'Guest') return undefined;
    const key = (guest.mail ?? '').toLowerCase();
    for (const t of this.state.tenants) {
      if (t.id === tenant.id) continue;
      const user = t.users.find((u) => u.userType === 'Member' && u.userPrincipalName.toLowerCase() === key);
      if (user) return { tenant: t, user };
    }
    return undefined;
  }

  application(tenant: SandboxTenant, appId: string): SandboxApplication | undefined {
    return tenant.applications.find((a) => a.appId === appId);
  }
}
