import type { AzureAssignment } from '../logic/azure.ts';
import type { ErrorCode } from './errors.ts';
import { t } from './i18n.ts';
import type { AzureGrantRequest, InviteStart, LicenseRequest, PowerBiGrantRequest } from './invite-schema.ts';
import type { InvitationResult } from './model.ts';
import type { PowerPlatformGrantRequest } from './power-platform-schema.ts';
import type { PowerBiGrant } from './powerbi.ts';

// A single invitation's request is written once, as the schema the background checks it with.
export type { AzureGrantRequest, InviteStart, LicenseRequest, PowerBiGrantRequest };

/**
 * The steps of one guest's invitation and grants, run by the background from start to end (issue 9). A single
 * invitation and each row of a bulk job are made of these same steps and run by the same engine
 * (background/engine/turn.ts): the popup drafts, starts and watches, and may close at any moment. Each kind has
 * its definition in background/features/registry.ts.
 */
export type StepKind =
  | 'invite'
  | 'group'
  | 'azureRole'
  | 'powerBi'
  | 'license'
  | 'activate'
  | 'deactivate'
  | 'approval'
  | 'change'
  | 'profile'
  | 'envLicense'
  | 'environment'
  | 'reviewCreate';
/**
 * The operation kinds the background runs: single invitations, bulk jobs, activations of one's own roles, changes
 * from a guest's card. Each has its definition in background/features/registry.ts.
 */
/**
 * Whether a single invitation or a bulk row takes steps of the kind (the others are an activation's or a change's
 * from a guest's card): a kind left out does not compile.
 */
const TAKEN_BY_INVITATION: Record<StepKind, boolean> = {
  invite: true,
  profile: true,
  group: true,
  azureRole: true,
  powerBi: true,
  license: true,
  envLicense: true,
  environment: true,
  activate: false,
  deactivate: false,
  approval: false,
  change: false,
  reviewCreate: false,
};
/** The step kinds a single invitation or a bulk row may hold. */
export const INVITATION_STEP_KINDS = (Object.keys(TAKEN_BY_INVITATION) as StepKind[]).filter((k) => TAKEN_BY_INVITATION[k]);

/** The operation kinds, as messages and stored records name them (each defined in background/features/registry.ts). */
export const OPERATION_KINDS = ['operation', 'bulk', 'activation', 'guestChange', 'accessReview'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type StepState = 'pending' | 'done' | 'failed';

export interface OperationStep {
  kind: StepKind;
  state: StepState;
  /** Set just before the request leaves, so a worker stopped mid-request checks before sending it again. */
  sentAt?: number;
  /** A request sent and not answered was looked for once and not found: the next look is the last. */
  looked?: boolean;
  /** The address was looked up before the first send (a member is not invited; a guest is invited again). */
  guarded?: boolean;
  /** Who that look-up found: the guest the invitation goes to again. */
  found?: FoundUser;
  attempts?: number;
  /** A request waiting for an approver was looked at this many times (not failed tries). */
  looks?: number;
  /** When it was first tried: a role given after Azure saw the new guest says how long that took. */
  firstTriedAt?: number;
  /** A step that met throttling or a passing failure waits until then (ms). */
  notBefore?: number;
  /**
   * A failure that passes with time (Azure not seeing a new guest yet, a licence still on its way): since when it
   * has been waited out and how often it was met. The popup says what is awaited.
   */
  waiting?: { code: ErrorCode; since: number; looks: number };
  /** Its end is in the activity list. */
  logged?: boolean;
  /** Why it failed: in words for the activity list, and as the error code and detail the popup shows. */
  error?: string;
  code?: ErrorCode;
  detail?: string;
}

/** A user of this tenant found by address. */
export interface FoundUser {
  id: string;
  mail: string;
  displayName: string;
  userPrincipalName: string;
  userType: string;
  /** A guest, or a member who came in by invitation. */
  invited: boolean;
}

export type OperationStatus = 'running' | 'waiting' | 'done';

/** What every operation the background runs has: who started it, where it stands, its steps. */
export interface OperationRecord {
  id: string;
  tenantId: string;
  /**
   * The account (object id in `tenantId`) that confirmed it: only that account's sign-in sends its steps, and only
   * that account sees it (another sees "queued by", issue 21). Older records without one belong to nobody.
   */
  principalId: string;
  /** Who was signed in when it started. */
  username: string;
  createdAt: number;
  finishedAt?: number;
  status: OperationStatus;
  /** Why it waits (the sign-in needs renewing), in words. */
  waitingFor?: string;
  steps: OperationStep[];
}

export interface Operation extends InviteStart, OperationRecord {
  /** Asked for on the result card, after the invitation: a step added to the same operation. */
  license?: LicenseRequest;
  invited?: InvitationResult;
  assignment?: GivenRole;
  /** The guest was added to the audience group now (false: already a member). */
  joined?: boolean;
  granted?: PowerBiGrant;
  /** The guest's Dataverse user in the environment, and whether the role was given now. */
  environment?: { systemUserId: string; roleGiven: boolean };
  /** The person closed the result card, or started another from the popup. */
  dismissed?: boolean;
}

/**
 * The Azure role an invitation gave, with the subscription's name as ARM gave it to the inviter (null: it could not
 * be read; absent in records of earlier versions and in bulk rows, which do not ask), so the card names the scope.
 */
export type GivenRole = AzureAssignment & { roleName: string; subscriptionName?: string | null };

/** The steps an invitation with these grants takes, in order. */
export function plannedSteps(start: {
  invite: boolean;
  groupId?: string;
  roleId?: string;
  powerBi?: boolean;
  /** A licence for the Power BI path, assigned with the invitation (its usage location set first). */
  license?: boolean;
  powerPlatform?: PowerPlatformGrantRequest;
}): OperationStep[] {
  const kinds: StepKind[] = [];
  const pp = start.powerPlatform;
  if (start.invite) kinds.push('invite');
  // The names first; the usage location goes with the licence, set only for a guest who has none.
  if (pp?.profile && (pp.profile.givenName.trim() || pp.profile.surname.trim())) kinds.push('profile');
  if (start.groupId) kinds.push('group');
  if (start.roleId) kinds.push('azureRole');
  if (start.powerBi) kinds.push('powerBi');
  if (start.license) kinds.push('license');
  if (pp?.license) kinds.push('envLicense');
  if (pp?.instanceUrl && pp.role) kinds.push('environment');
  return kinds.map((kind) => ({ kind, state: 'pending' }));
}

export const stepOf = (steps: OperationStep[] | undefined, kind: string) => steps?.find((s) => s.kind === kind);

function environmentStep(pp: PowerPlatformGrantRequest | undefined): string {
  const role = pp?.role?.name;
  if (pp?.environmentName) return role ? t('stepAddToAs', pp.environmentName, role) : t('stepAddTo', pp.environmentName);
  return role ? t('stepAddToEnvironmentAs', role) : t('stepAddToEnvironment');
}

/**
 * Whose sight of a new guest a step of each kind awaits under principal_not_found: Dataverse's sync of the guest for
 * the environment (powerplatform-access.ts), Azure's replication for the rest. A kind left out does not compile.
 */
const AWAITS: Record<StepKind, 'azure' | 'dataverse'> = {
  invite: 'azure',
  profile: 'azure',
  group: 'azure',
  azureRole: 'azure',
  powerBi: 'azure',
  license: 'azure',
  envLicense: 'azure',
  environment: 'dataverse',
  activate: 'azure',
  deactivate: 'azure',
  approval: 'azure',
  change: 'azure',
  reviewCreate: 'azure',
};

/**
 * Assigning the licence needs a usage location the guest lacks: a question for the person, answered with a country
 * on the result card, not a failure (Activity lists it as waiting, never as a failed licence).
 */
export const asksCountry = (step: OperationStep | undefined): boolean =>
  step?.kind === 'license' &&
  step.state === 'failed' &&
  (step.code === 'usage_location_required' || step.code === 'invalid_usage_location');

/** What a step waits for, in words, while it waits out a failure that passes with time (background/engine/rules.ts WAITED_OUT). */
export function waitingWords(step: OperationStep): string | undefined {
  if (step.state !== 'pending' || !step.waiting) return undefined;
  if (step.waiting.code === 'user_not_licensed') return t('stepWaitLicense');
  if (step.waiting.code !== 'principal_not_found') return undefined;
  return AWAITS[step.kind] === 'dataverse' ? t('stepWaitDataverse') : t('stepWaitAzure');
}

/** How the progress list names a step of each kind, from its invitation. */
export type StepWords<K extends string = StepKind> = { [P in K]: (op: Operation) => string };

/**
 * Step names as the progress list shows them: a kind without its words does not compile
 * (background/features/registry.test-d.ts shows it). The popup reads them, so they live here, not in the step files.
 */
export const STEP_WORDS = {
  invite: (op) => (op.invitation.resetRedemptionOf ? t('stepReset', op.invitation.email) : t('stepInvite', op.invitation.email)),
  group: (op) => (op.powerBi?.group ? t('stepAddTo', op.powerBi.group.displayName) : t('stepAddToGroup')),
  azureRole: (op) => (op.azure ? t('stepGiveRole', op.azure.roleName) : t('stepGiveTheRole')),
  powerBi: (op) => (op.powerBi?.viewer ? t('stepViewerAndPath') : t('stepLicensePath')),
  license: () => t('stepAssignTheLicense'),
  profile: () => t('stepProfile'),
  envLicense: (op) => (op.powerPlatform?.license ? t('stepAssign', op.powerPlatform.license.name) : t('stepAssignTheLicense')),
  environment: (op) => environmentStep(op.powerPlatform),
  // Steps of other operations than an invitation, never in its progress list: named by their kind.
  activate: () => 'activate',
  deactivate: () => 'deactivate',
  approval: () => 'approval',
  change: () => 'change',
  reviewCreate: () => 'reviewCreate',
} satisfies StepWords;

/** Step names as the progress list shows them; a kind this version did not write, by its name. */
export const stepWords = (op: Operation, step: OperationStep): string =>
  (STEP_WORDS as Partial<StepWords>)[step.kind]?.(op) ?? step.kind;
