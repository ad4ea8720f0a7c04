import { isArmScope, isGuid } from '../../shared/arm-id.ts';
import { MAX_SCHEDULE_DAYS } from '../../shared/azure.ts';
import type { JobMeta, JobRow } from '../../shared/bulk/job.ts';
import { emailProblem } from '../../shared/email.ts';
import { httpsUrl, isUsageLocation, LIMITS } from '../../shared/inputs.ts';
import type { Operation, OperationStep } from '../../shared/operation.ts';
import { powerPlatformProblem } from '../../shared/power-platform-check.ts';

/**
 * The bulk job is read back from storage, and the worker acts on what it reads: a job it did not write (another
 * extension context, a damaged profile) must not make anyone anything. Each check says what the extension itself
 * would never have written. Issue 8, item 2.
 */

const STATUSES = new Set(['preview', 'running', 'paused', 'cancelled', 'done']);

const optGuid = (v: unknown) => v === undefined || isGuid(v);
const optText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/** Bulk roles end: eligible or active for 1–365 days or until a date, never open-ended. */
function boundedSchedule(s: JobMeta['roleSchedule']): boolean {
  if (!s || (s.kind !== 'eligible' && s.kind !== 'active') || s.end === null || typeof s.end !== 'object') return false;
  if (s.start !== null && (typeof s.start !== 'string' || Number.isNaN(Date.parse(s.start)))) return false;
  if ('afterDays' in s.end)
    return Number.isInteger(s.end.afterDays) && s.end.afterDays >= 1 && s.end.afterDays <= MAX_SCHEDULE_DAYS;
  return typeof s.end.at === 'string' && !Number.isNaN(Date.parse(s.end.at));
}

const KINDS = new Set(['invite', 'group', 'azureRole', 'powerBi', 'license', 'profile', 'envLicense', 'environment']);
const STEP_STATES = new Set(['pending', 'done', 'failed']);
/** Steps of kinds and states the engine knows: it would otherwise skip or misread them. */
const stepsKnown = (steps: unknown) =>
  Array.isArray(steps) && steps.every((s: OperationStep) => KINDS.has(s?.kind) && STEP_STATES.has(s?.state));

/** What is wrong with the job as a whole, in words, or null. */
export function jobProblem(meta: JobMeta, maxRows: number): string | null {
  if (!isGuid(meta.id) || !isGuid(meta.tenantId)) return 'its id or tenant is not a GUID';
  if (!STATUSES.has(meta.status)) return 'its state is unknown';
  const environment = meta.environment ? powerPlatformProblem(meta.environment) : null;
  if (environment) return environment;
  if (!Number.isInteger(meta.rowCount) || meta.rowCount < 0 || meta.rowCount > maxRows) return 'it has too many rows';
  if (!httpsUrl(meta.defaultRedirectUrl)) return 'its redirect URL is not an https:// address';
  if (!optText(meta.fileName, LIMITS.fileName)) return 'its file name is too long';
  if (!Array.isArray(meta.sentAt) || !Array.isArray(meta.pace)) return 'its progress is damaged';
  if (meta.roleScope !== undefined || meta.roleSchedule !== undefined) {
    if (!isArmScope(meta.roleScope)) return 'its Azure scope is not one the extension accepts';
    if (!boundedSchedule(meta.roleSchedule)) return 'its role schedule has no end or is not one the extension offers';
  }
  return null;
}

/**
 * What is wrong with a stored single invitation, in words, or null. Unlike bulk, one guest at a time may get a broad
 * or open-ended role: the popup asked for that confirmation before it started.
 */
export function operationProblem(op: Operation): string | null {
  const { invitation: i, azure, powerBi } = op;
  if (typeof i?.email !== 'string' || emailProblem(i.email)) return 'its address is not valid';
  if (!httpsUrl(i.redirectUrl)) return 'its redirect URL is not an https:// address';
  if (!optGuid(i.resetRedemptionOf) || !optGuid(i.sponsor?.id) || !isGuid(op.tenantId) || !optGuid(op.invited?.guest.id))
    return 'an id in it is not a GUID';
  if (!optText(i.message, LIMITS.message) || !optText(i.displayName, LIMITS.displayName)) return 'a text in it is too long';
  if (azure && (!isArmScope(azure.scope) || !isGuid(azure.roleId)))
    return 'its Azure scope or role is not one the extension accepts';
  if (powerBi && (!isGuid(powerBi.workspaceId) || !optGuid(powerBi.group?.id))) return 'its workspace or group is not a GUID';
  if (
    op.license &&
    (!isGuid(op.license.skuId) || !(op.license.usageLocation === undefined || isUsageLocation(op.license.usageLocation)))
  )
    return 'its licence or usage location is not one the extension accepts';
  const pp = op.powerPlatform ? powerPlatformProblem(op.powerPlatform) : null;
  if (pp) return pp;
  if (!stepsKnown(op.steps)) return 'its progress is damaged';
  return null;
}

/** What is wrong with a row about to be sent or granted, in words, or null. */
export function rowProblem(row: JobRow): string | null {
  if (typeof row.email !== 'string' || emailProblem(row.email)) return 'its address is not valid';
  if (!httpsUrl(row.redirectUrl)) return 'its redirect URL is not an https:// address';
  if (typeof row.sendEmail !== 'boolean') return 'its send flag is not true or false';
  if (!optText(row.message, LIMITS.message) || !optText(row.displayName, LIMITS.displayName)) return 'a text in it is too long';
  if (row.usageLocation !== undefined && !isUsageLocation(row.usageLocation)) return 'its usage location is not a country code';
  if (
    !optGuid(row.userId) ||
    !optGuid(row.groupId) ||
    !optGuid(row.roleId) ||
    !optGuid(row.environmentRoleId) ||
    !optGuid(row.licenceSkuId)
  )
    return 'an id in it is not a GUID';
  if (!stepsKnown(row.steps)) return 'its progress is damaged';
  return null;
}
