import type { BackgroundProtocol, OffscreenToBackgroundProtocol } from '../shared/protocol.ts';

/** Shape checks for every incoming payload: a message that does not fit is refused before any handler runs. */
type Guards<P> = { [N in keyof P]: (payload: unknown) => boolean };

type Obj = Record<string, unknown>;
const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const empty = (v: unknown) => obj(v);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const optGuid = (v: unknown) => v === undefined || (typeof v === 'string' && GUID.test(v));
const optItem = (p: Obj) =>
  (p.itemType === undefined || p.itemType === 'report' || p.itemType === 'dashboard') && optGuid(p.itemId);

const group = (v: unknown) => obj(v) && typeof v.id === 'string' && GUID.test(v.id) && str(v.displayName);

const isoDate = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));

const armScope = (v: unknown) => typeof v === 'string' && v.startsWith('/subscriptions/') && v.length < 2048;

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

/** A page context as the content script reports it: only the known kinds, with well-formed ids. */
function pageContext(v: unknown): boolean {
  if (!obj(v)) return false;
  switch (v.kind) {
    case 'powerbi-app':
      return typeof v.appId === 'string' && GUID.test(v.appId) && optGuid(v.workspaceId) && optGuid(v.tenantId) && optItem(v);
    case 'powerbi-workspace':
      return typeof v.workspaceId === 'string' && GUID.test(v.workspaceId) && optGuid(v.tenantId) && optItem(v);
    case 'azure-resource':
      return (
        typeof v.scope === 'string' &&
        v.scope.startsWith('/subscriptions/') &&
        v.scope.length < 2048 &&
        typeof v.subscriptionId === 'string' &&
        GUID.test(v.subscriptionId) &&
        optStr(v.resourceGroup) &&
        optStr(v.tenant)
      );
    default:
      return false;
  }
}

/** Ten thousand rows with long messages stay well under this; anything larger is not a bulk-invite file. */
const MAX_CSV_CHARS = 20_000_000;
const SHOWS = ['all', 'problems', 'pending', 'invited', 'reused', 'failed', 'skipped'];
const count = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

export const backgroundShapes: Guards<BackgroundProtocol> = {
  getSession: empty,
  signIn: empty,
  signOut: empty,
  getPageInfo: (p) => obj(p) && (p.tabId === undefined || Number.isInteger(p.tabId)),
  pageChanged: (p) => obj(p) && str(p.url) && (p.url as string).length < 8192 && (p.context === null || pageContext(p.context)),
  precheck: (p) => obj(p) && optStr(p.email) && ((p.email as string | undefined)?.length ?? 0) < 320,
  inviteGuest: (p) =>
    obj(p) &&
    str(p.email) &&
    str(p.redirectUrl) &&
    typeof p.sendEmail === 'boolean' &&
    (p.userType === 'Guest' || p.userType === 'Member') &&
    optStr(p.displayName) &&
    optStr(p.message),
  describeAzureScope: (p) =>
    obj(p) && typeof p.scope === 'string' && p.scope.startsWith('/subscriptions/') && p.scope.length < 2048,
  getAzureRoles: (p) => obj(p) && typeof p.scope === 'string' && p.scope.startsWith('/subscriptions/') && p.scope.length < 2048,
  assignAzureRole: (p) =>
    obj(p) &&
    typeof p.scope === 'string' &&
    p.scope.startsWith('/subscriptions/') &&
    typeof p.roleId === 'string' &&
    GUID.test(p.roleId) &&
    typeof p.principalId === 'string' &&
    GUID.test(p.principalId) &&
    schedule(p.schedule),
  getPowerBiPage: (p) => obj(p) && pageContext(p.context),
  searchGroups: (p) => obj(p) && str(p.text) && (p.text as string).length <= 120,
  rememberAudience: (p) => obj(p) && typeof p.appId === 'string' && GUID.test(p.appId) && group(p.group),
  grantPowerBiAccess: (p) =>
    obj(p) &&
    optGuid(p.workspaceId) &&
    typeof p.workspaceId === 'string' &&
    typeof p.userId === 'string' &&
    GUID.test(p.userId) &&
    str(p.email) &&
    typeof p.viewer === 'boolean' &&
    (p.group === undefined || group(p.group)),
  assignLicense: (p) =>
    obj(p) &&
    typeof p.userId === 'string' &&
    GUID.test(p.userId) &&
    typeof p.skuId === 'string' &&
    GUID.test(p.skuId) &&
    optStr(p.usageLocation),
  prepareBulk: (p) =>
    obj(p) &&
    str(p.fileName) &&
    (p.fileName as string).length <= 260 &&
    str(p.text) &&
    (p.text as string).length <= MAX_CSV_CHARS &&
    str(p.defaultRedirectUrl) &&
    (p.defaultRedirectUrl as string).length < 8192 &&
    (p.scope === undefined || armScope(p.scope)),
  getBulkJob: empty,
  controlBulk: (p) =>
    obj(p) &&
    ['start', 'pause', 'resume', 'cancel'].includes(p.action as string) &&
    (p.roleSchedule === undefined || schedule(p.roleSchedule)),
  getBulkRows: (p) => obj(p) && SHOWS.includes(p.show as string) && count(p.offset, 1e6) && count(p.limit, 1000),
  getBulkResults: empty,
  clearBulk: empty,
  getSettings: empty,
  saveSettings: (p) => obj(p) && (p.cloud === 'sandbox' || p.cloud === 'microsoft') && str(p.tenant) && str(p.clientId),
};

export const offscreenShapes: Guards<OffscreenToBackgroundProtocol> = {
  readCookieJar: empty,
  writeCookieJar: (p) => obj(p) && str(p.jar),
};
