import { isArmScope, isRoleDefinitionId } from '../shared/arm-id.ts';
import { FEATURE_SCOPES } from '../shared/config.ts';
import { isEnvironmentId } from '../shared/environment-id.ts';
import { isPartnerDomain } from '../shared/guest-card.ts';
import { isUsageLocation, LIMITS } from '../shared/inputs.ts';
import { powerPlatformProblem } from '../shared/power-platform-check.ts';
import type { BackgroundProtocol, OffscreenToBackgroundProtocol } from '../shared/protocol.ts';
import { guestChangeShape } from './guest-shapes.ts';
import { pageContext } from './page-context-shape.ts';
import { guid, obj, optGuid, text } from './shape-parts.ts';

/** Shape checks for every incoming payload: a message that does not fit is refused before any handler runs. */
type Guards<P> = { [N in keyof P]: (payload: unknown) => boolean };

const empty = (v: unknown) => obj(v);
const optText = (v: unknown, max: number) => v === undefined || text(v, max);

const group = (v: unknown) => obj(v) && guid(v.id) && text(v.displayName, LIMITS.displayName);

const isoDate = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

/** A role schedule: its kind, a start (null: now) and an end (days, a date, or null: none). */
function schedule(v: unknown): boolean {
  if (!obj(v) || (v.kind !== 'eligible' && v.kind !== 'active')) return false;
  if (v.start !== null && !isoDate(v.start)) return false;
  if (v.end === null) return true;
  if (!obj(v.end)) return false;
  if ('afterDays' in v.end)
    return Number.isInteger(v.end.afterDays) && (v.end.afterDays as number) >= 1 && (v.end.afterDays as number) <= 365;
  return isoDate(v.end.at);
}

/** Features of the scope table: at least one, and no more than the table holds. */
const features = (v: unknown) =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.length <= FEATURE_SCOPES.length &&
  v.every((f) => FEATURE_SCOPES.some((s) => s.feature === f));

/** An invitation as the popup drafts it. */
const invitation = (p: unknown) =>
  obj(p) &&
  text(p.email, LIMITS.email) &&
  text(p.redirectUrl, LIMITS.url) &&
  typeof p.sendEmail === 'boolean' &&
  (p.userType === 'Guest' || p.userType === 'Member') &&
  optText(p.displayName, LIMITS.displayName) &&
  optText(p.message, LIMITS.message) &&
  optGuid(p.resetRedemptionOf) &&
  (p.sponsor === undefined || group(p.sponsor));

/** An Azure role to give with it: exactly at a scope of the grammar. */
const azureGrant = (p: unknown) =>
  obj(p) && isArmScope(p.scope) && guid(p.roleId) && text(p.roleName, LIMITS.displayName) && schedule(p.schedule);

const powerBiGrant = (p: unknown) =>
  obj(p) && guid(p.workspaceId) && typeof p.viewer === 'boolean' && (p.group === undefined || group(p.group));

/** Ten thousand rows with long messages stay well under this; anything larger is not a bulk-invite file. */
const MAX_CSV_CHARS = 20_000_000;
const SHOWS = ['all', 'problems', 'custom', 'pending', 'invited', 'reused', 'failed', 'skipped'];
const count = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

const QUEUED_POOLS = ['operation', 'activation', 'guestChange', 'bulk'];
const queued = (p: unknown) => obj(p) && QUEUED_POOLS.includes(p.pool as string) && guid(p.id);

// The page feature's message (features/page), kept apart until the schemas take it in.
const pageShapes = {
  getPage: (p: unknown) => obj(p) && (p.context === null || pageContext(p.context)) && (p.part === 'name' || p.part === 'grants'),
};

export const backgroundShapes: Guards<BackgroundProtocol> = {
  ...pageShapes,
  getSession: empty,
  signIn: empty,
  signOut: (p) => obj(p) && (p.clearData === undefined || typeof p.clearData === 'boolean'),
  getQueued: empty,
  discardQueued: (p) => queued(p),
  runQueued: (p) => queued(p),
  getPageInfo: (p) => obj(p) && (p.tabId === undefined || Number.isInteger(p.tabId)),
  // The page is read from sender.url; a content script has nothing to say about it.
  pageChanged: (p) => obj(p) && Object.keys(p).length === 0,
  precheck: (p) => obj(p) && optText(p.email, LIMITS.email),
  startInvitation: (p) =>
    obj(p) &&
    invitation(p.invitation) &&
    (p.azure === undefined || azureGrant(p.azure)) &&
    (p.powerBi === undefined || powerBiGrant(p.powerBi)) &&
    (p.powerPlatform === undefined || (obj(p.powerPlatform) && powerPlatformProblem(p.powerPlatform as never) === null)) &&
    optText(p.page, LIMITS.url),
  getOperation: empty,
  dismissOperation: (p) => obj(p) && guid(p.id),
  getActivity: (p) => obj(p) && ['all', 'succeeded', 'failed'].includes(p.show as string),
  getActivityCsv: empty,
  clearActivity: empty,
  searchGroups: (p) => obj(p) && text(p.text, LIMITS.search),
  rememberAudience: (p) => obj(p) && guid(p.appId) && group(p.group),
  assignLicense: (p) =>
    obj(p) && guid(p.operationId) && guid(p.skuId) && (p.usageLocation === undefined || isUsageLocation(p.usageLocation)),
  prepareBulk: (p) =>
    obj(p) &&
    text(p.fileName, LIMITS.fileName) &&
    text(p.text, MAX_CSV_CHARS) &&
    text(p.defaultRedirectUrl, LIMITS.url) &&
    (p.scope === undefined || isArmScope(p.scope)) &&
    (p.environmentId === undefined || isEnvironmentId(p.environmentId)),
  getBulkJob: empty,
  controlBulk: (p) =>
    obj(p) &&
    ['start', 'pause', 'resume', 'cancel'].includes(p.action as string) &&
    (p.roleSchedule === undefined || schedule(p.roleSchedule)) &&
    optGuid(p.acknowledged) &&
    (p.stopOwedGrants === undefined || typeof p.stopOwedGrants === 'boolean'),
  getBulkRows: (p) => obj(p) && SHOWS.includes(p.show as string) && count(p.offset, 1e6) && count(p.limit, 1000),
  getBulkResults: empty,
  clearBulk: empty,
  getMyAccess: empty,
  getRolePolicy: (p) => obj(p) && isArmScope(p.scope) && isRoleDefinitionId(p.roleDefinitionId),
  getActivations: empty,
  startActivation: (p) =>
    obj(p) &&
    isArmScope(p.scope) &&
    isRoleDefinitionId(p.roleDefinitionId) &&
    text(p.roleName, LIMITS.displayName) &&
    text(p.eligibilityScheduleId, LIMITS.url) &&
    Number.isInteger(p.minutes) &&
    text(p.justification, 500) &&
    text(p.ticketNumber, 100) &&
    text(p.ticketSystem, 100) &&
    (p.start === null || isoDate(p.start)),
  startDeactivation: (p) =>
    obj(p) && isArmScope(p.scope) && isRoleDefinitionId(p.roleDefinitionId) && text(p.roleName, LIMITS.displayName),
  confirmActivationSignIn: (p) => obj(p) && guid(p.id),
  searchDirectory: (p) =>
    obj(p) && text(p.text, LIMITS.search) && (p.only === undefined || p.only === 'Member' || p.only === 'Guest'),
  getGuestCard: (p) =>
    obj(p) &&
    guid(p.id) &&
    (p.scope === undefined || isArmScope(p.scope)) &&
    (p.allWorkspaces === undefined || typeof p.allWorkspaces === 'boolean') &&
    (p.readAudiencesAgain === undefined || typeof p.readAudiencesAgain === 'boolean'),
  getExternalSettings: empty,
  previewPartnerGroup: (p) => obj(p) && isPartnerDomain(p.domain),
  startGuestChange: guestChangeShape,
  getGuestChanges: empty,
  getSettings: empty,
  checkSetup: empty,
  getConsent: (p) => obj(p) && features(p.features),
  consent: (p) => obj(p) && features(p.features),
  saveSettings: (p) =>
    obj(p) && (p.cloud === 'sandbox' || p.cloud === 'microsoft') && text(p.tenant, 256) && text(p.clientId, 64),
};

export const offscreenShapes: Guards<OffscreenToBackgroundProtocol> = {
  readCookieJar: empty,
  writeCookieJar: (p) => obj(p) && text(p.jar, 64_000),
};
