import { isArmScope, isRoleDefinitionId } from '../logic/arm-id.ts';
import { azureSchedule } from '../logic/azure.ts';
import { isEnvironmentId } from '../logic/environment-id.ts';
import { isOwnGuid } from '../logic/guid.ts';
import { LIMITS } from '../logic/inputs.ts';
import { isReviewScope, reviewDraft } from './access-review-schema.ts';
import { FEATURE_SCOPES, type Feature } from './config.ts';
import { isPartnerDomain } from './guest-card.ts';
import { changedGuest, guestChange } from './guest-change-schema.ts';
import { audienceGroup, inviteStart, licenseRequestFields } from './invite-schema.ts';
import { activationDraft, deactivationDraft } from './my-access-schema.ts';
import { OPERATION_KINDS } from './operation.ts';
import { pageContext } from './page-context-schema.ts';
import { array, boolean, integer, isRecord, literal, nullable, object, optional, type Schema, string, union } from './schema.ts';

/**
 * One schema per message the background takes (issue 24): the protocol's request types are read from these
 * (src/common/protocol.ts), and the background checks every payload with its own before any handler runs.
 */

/** A request that carries nothing: any object, whatever it holds, is read as nothing. */
const empty = (v: unknown): v is Record<string, never> => isRecord(v);
/** A request that must carry nothing at all. */
const nothing = (v: unknown): v is Record<string, never> => isRecord(v) && Object.keys(v).length === 0;

/** A feature of the scope table. */
const feature = (v: unknown): v is Feature => FEATURE_SCOPES.some((s) => s.feature === v);
/** At least one feature, and no more than the table holds. */
const features = object({ features: array(feature, { min: 1, max: FEATURE_SCOPES.length }) });

const queued = object({ pool: literal(...OPERATION_KINDS), id: isOwnGuid });

/** Ten thousand rows with long messages stay well under this; anything larger is not a bulk-invite file. */
const MAX_CSV_CHARS = 20_000_000;

export const backgroundRequests = {
  openSession: empty,
  signIn: empty,
  signOut: object({ clearData: optional(boolean) }),
  getQueued: empty,
  discardQueued: queued,
  runQueued: queued,
  getPageInfo: object({ tabId: optional(integer()) }),
  // The page is read from sender.url; a content script has nothing to say about it.
  pageChanged: nothing,
  precheck: object({ email: optional(string(LIMITS.email)) }),
  startInvitation: inviteStart,
  getOperation: empty,
  dismissOperation: object({ id: isOwnGuid }),
  getActivity: object({ show: literal('all', 'succeeded', 'failed') }),
  getActivityCsv: empty,
  clearActivity: empty,
  getPage: object({ context: nullable(pageContext), part: literal('name', 'grants') }),
  searchGroups: object({ text: string(LIMITS.search) }),
  rememberAudience: object({ appId: isOwnGuid, group: audienceGroup }),
  assignLicense: object({ operationId: isOwnGuid, ...licenseRequestFields }),
  prepareBulk: object({
    fileName: string(LIMITS.fileName),
    text: string(MAX_CSV_CHARS),
    defaultRedirectUrl: string(LIMITS.url),
    scope: optional(isArmScope),
    environmentId: optional(isEnvironmentId),
    audienceGroupId: optional(isOwnGuid),
  }),
  getBulkJob: empty,
  controlBulk: object({
    action: literal('start', 'pause', 'resume', 'cancel'),
    roleSchedule: optional(azureSchedule),
    acknowledged: optional(isOwnGuid),
    stopOwedGrants: optional(boolean),
  }),
  getBulkRows: object({
    /** `custom`: rows whose invitation carries the file's own message or display name. */
    show: literal('all', 'problems', 'custom', 'toSend', 'sent', 'skipped', 'failed'),
    offset: integer(0, 1e6),
    limit: integer(0, 1000),
  }),
  getBulkResults: empty,
  retryFailedBulk: empty,
  clearBulk: empty,
  getMyAccess: empty,
  getRolePolicy: object({ scope: isArmScope, roleDefinitionId: isRoleDefinitionId }),
  getActivations: empty,
  startActivation: activationDraft,
  startDeactivation: deactivationDraft,
  confirmActivationSignIn: object({ id: isOwnGuid }),
  searchDirectory: object({ text: string(LIMITS.search), only: optional(literal('Member', 'Guest')) }),
  getRecentInvitations: empty,
  getPendingGuests: empty,
  // Issue 27: who from outside can get in at this Azure scope.
  getExternalAccess: object({ scope: isArmScope }),
  // The same on a Power BI app or workspace, or a Power Platform environment: the page as the detector made it.
  getExternalAccessPlace: object({ context: pageContext }),
  // Issue 27: the tenant's guests who never redeemed after N days, or have not signed in for N days.
  getInactiveGuests: object({ redeemDays: integer(1, 3650), signInDays: integer(1, 3650) }),
  getGuestCard: object({
    id: isOwnGuid,
    allWorkspaces: optional(boolean),
    readAudiencesAgain: optional(boolean),
  }),
  getExternalSettings: empty,
  previewPartnerGroup: object({ domain: isPartnerDomain }),
  getDeletedUser: object({ id: isOwnGuid }),
  startGuestChange: object({ guest: changedGuest, change: guestChange }),
  getGuestChanges: empty,
  // Issue 27: guest lifecycle policies, and one guest's standing under them.
  getLifecyclePolicies: empty,
  getGuestLifecycle: object({ id: isOwnGuid }),
  // An Azure scope, or a page whose group is reviewed (a Power BI app's audience, an environment's security group).
  getReviewsHere: union(object({ scope: isReviewScope }), object({ page: pageContext })),
  startAccessReview: reviewDraft,
  getAccessReviews: empty,
  applyReviewDecisions: object({ scope: isReviewScope, id: isOwnGuid, instanceId: isOwnGuid }),
  getSettings: empty,
  saveSettings: object({ cloud: literal('sandbox', 'microsoft'), tenant: string(256), clientId: string(64) }),
  checkSetup: empty,
  getConsent: features,
  consent: features,
} satisfies Record<string, Schema<unknown>>;

/** What the offscreen document sends: MSAL's cookie jar, kept by the background. */
export const offscreenRequests = {
  readCookieJar: empty,
  writeCookieJar: object({ jar: string(64_000) }),
} satisfies Record<string, Schema<unknown>>;
