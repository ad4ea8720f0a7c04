import { t } from '../../common/i18n.ts';
import { INVITATION_STEP_KINDS, type Operation, type OperationStep } from '../../common/operation.ts';
import { isArmScope } from '../../logic/arm-id.ts';
import { azureSchedule } from '../../logic/azure.ts';
import type { JobMeta, JobRow } from '../../logic/bulk/job.ts';
import { emailProblem } from '../../logic/email.ts';
import { isGuid } from '../../logic/guid.ts';
import { httpsUrl, isUsageLocation, LIMITS } from '../../logic/inputs.ts';
import { powerPlatformProblem } from '../features/invite/power-platform-check.ts';

/**
 * The bulk job is read back from storage, and the worker acts on what it reads: a job it did not write (another
 * extension context, a damaged profile) must not make anyone anything. Each check says what the extension itself
 * would never have written. Issue 8, item 2.
 */

const STATUSES = new Set(['preview', 'running', 'paused', 'cancelled', 'done']);

const optGuid = (v: unknown) => v === undefined || isGuid(v);
const optText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/** Bulk roles end: a schedule of the one rule, never open-ended. */
const boundedSchedule = (s: unknown) => azureSchedule(s) && s.end !== null;

const KINDS = new Set<string>(INVITATION_STEP_KINDS);
const STEP_STATES = new Set(['pending', 'done', 'failed']);
/** Steps of kinds and states the engine knows: it would otherwise skip or misread them. */
const stepsKnown = (steps: unknown) =>
  Array.isArray(steps) && steps.every((s: OperationStep) => KINDS.has(s?.kind) && STEP_STATES.has(s?.state));

/** What is wrong with the job as a whole, in words, or null. */
export function jobProblem(meta: JobMeta, maxRows: number): string | null {
  if (!isGuid(meta.id) || !isGuid(meta.tenantId)) return t('checkIdNotGuid');
  if (!STATUSES.has(meta.status)) return t('checkStateUnknown');
  const environment = meta.environment ? powerPlatformProblem(meta.environment) : null;
  if (environment) return environment;
  if (!Number.isInteger(meta.rowCount) || meta.rowCount < 0 || meta.rowCount > maxRows) return t('checkTooManyRows');
  if (!httpsUrl(meta.defaultRedirectUrl)) return t('checkRedirectNotHttps');
  if (!optText(meta.fileName, LIMITS.fileName)) return t('checkFileNameTooLong');
  if (!Array.isArray(meta.sentAt) || !Array.isArray(meta.pace)) return t('checkProgressDamaged');
  if (meta.roleScope !== undefined || meta.roleSchedule !== undefined) {
    if (!isArmScope(meta.roleScope)) return t('checkScopeNotAccepted');
    if (!boundedSchedule(meta.roleSchedule)) return t('checkScheduleUnbounded');
  }
  return null;
}

/**
 * What is wrong with a stored single invitation, in words, or null. Unlike bulk, one guest at a time may get a broad
 * or open-ended role: the popup asked for that confirmation before it started.
 */
export function operationProblem(op: Operation): string | null {
  const { invitation: i, azure, powerBi } = op;
  if (typeof i?.email !== 'string' || emailProblem(i.email)) return t('checkAddressInvalid');
  if (!httpsUrl(i.redirectUrl)) return t('checkRedirectNotHttps');
  if (!optGuid(i.resetRedemptionOf) || !optGuid(i.sponsor?.id) || !isGuid(op.tenantId) || !optGuid(op.invited?.guest.id))
    return t('checkAnIdNotGuid');
  if (!optText(i.message, LIMITS.message) || !optText(i.displayName, LIMITS.displayName)) return t('checkTextTooLong');
  if (azure && (!isArmScope(azure.scope) || !isGuid(azure.roleId))) return t('checkScopeOrRole');
  if (powerBi && (!isGuid(powerBi.workspaceId) || !optGuid(powerBi.group?.id))) return t('checkWorkspaceOrGroup');
  if (
    op.license &&
    (!isGuid(op.license.skuId) || !(op.license.usageLocation === undefined || isUsageLocation(op.license.usageLocation)))
  )
    return t('checkLicenceOrLocation');
  const pp = op.powerPlatform ? powerPlatformProblem(op.powerPlatform) : null;
  if (pp) return pp;
  if (!stepsKnown(op.steps)) return t('checkProgressDamaged');
  return null;
}

/** What is wrong with a row about to be sent or granted, in words, or null. */
export function rowProblem(row: JobRow): string | null {
  if (typeof row.email !== 'string' || emailProblem(row.email)) return t('checkAddressInvalid');
  if (!httpsUrl(row.redirectUrl)) return t('checkRedirectNotHttps');
  if (typeof row.sendEmail !== 'boolean') return t('checkSendFlag');
  if (!optText(row.message, LIMITS.message) || !optText(row.displayName, LIMITS.displayName)) return t('checkTextTooLong');
  if (row.usageLocation !== undefined && !isUsageLocation(row.usageLocation)) return t('checkUsageLocation');
  if (
    !optGuid(row.userId) ||
    !optGuid(row.groupId) ||
    !optGuid(row.roleId) ||
    !optGuid(row.environmentRoleId) ||
    !optGuid(row.licenceSkuId)
  )
    return t('checkAnIdNotGuid');
  if (!stepsKnown(row.steps)) return t('checkProgressDamaged');
  return null;
}
