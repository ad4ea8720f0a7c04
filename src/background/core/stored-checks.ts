import { t } from '../../common/i18n.ts';
import { azureGrantRequest, invitationRequest, licenseRequest, powerBiGrantRequest } from '../../common/invite-schema.ts';
import { INVITATION_STEP_KINDS, type Operation } from '../../common/operation.ts';
import { powerPlatformProblem } from '../../common/power-platform-schema.ts';
import { array, integer, isRecord, literal, object, optional, string } from '../../common/schema.ts';
import { isArmScope } from '../../logic/arm-id.ts';
import { azureSchedule } from '../../logic/azure.ts';
import type { JobMeta, JobRow } from '../../logic/bulk/job.ts';
import { emailProblem } from '../../logic/email.ts';
import { isGuid } from '../../logic/guid.ts';
import { httpsUrl, isUsageLocation, LIMITS } from '../../logic/inputs.ts';

/**
 * The bulk job and the single invitation are read back from storage, and the worker acts on what it reads: a record
 * it did not write (another extension context, a damaged profile) must not make anyone anything. What a message
 * carried is held to that message's schema (src/common/invite-schema.ts, power-platform-schema.ts); beside it, only
 * what holds once stored, each rule saying what the extension itself would never have written. Issue 8, item 2.
 */

/**
 * Ids the background got from a service or chose itself (the tenant, the guest Graph made, a row's user, group and
 * role): GUIDs in either case, as Microsoft spells them, unlike the lower-case ids a message carries.
 */
const optGuid = optional(isGuid);

/** Bulk roles end: a schedule of the one rule, never open-ended. */
const boundedSchedule = (s: unknown) => azureSchedule(s) && s.end !== null;

/** Steps of the kinds an invitation takes, in states the engine knows: it would otherwise skip or misread them. */
const knownSteps = array(
  object({
    kind: literal(...INVITATION_STEP_KINDS),
    state: literal('pending', 'done', 'failed'),
  }),
  // A bound only: an invitation plans each kind once, and a licence asked for later replaces its step.
  { max: 100 },
);

/** What is wrong with the job as a whole, in words, or null. */
export function jobProblem(meta: JobMeta, maxRows: number): string | null {
  if (!isGuid(meta.id) || !isGuid(meta.tenantId)) return t('checkIdNotGuid');
  if (!literal('preview', 'running', 'paused', 'cancelled', 'done')(meta.status)) return t('checkStateUnknown');
  // Built by the background from the environment's page (bulk-environment.ts), held to the popup's grant rule.
  const environment = meta.environment ? powerPlatformProblem(meta.environment) : null;
  if (environment) return environment;
  if (!integer(0, maxRows)(meta.rowCount)) return t('checkTooManyRows');
  if (!httpsUrl(meta.defaultRedirectUrl)) return t('checkRedirectNotHttps');
  if (!optional(string(LIMITS.fileName))(meta.fileName)) return t('checkFileNameTooLong');
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
  const i: unknown = op.invitation;
  // The rules startInvitation adds to the message's schema before it stores the invitation.
  if (!isRecord(i) || typeof i.email !== 'string' || emailProblem(i.email)) return t('checkAddressInvalid');
  if (!httpsUrl(i.redirectUrl)) return t('checkRedirectNotHttps');
  if (!isGuid(op.tenantId) || !optGuid(op.invited?.guest.id)) return t('checkAnIdNotGuid');
  // The invitation and its grants, as the popup sent them and the message's schema let them in.
  if (!invitationRequest(i)) return t('checkInvitationNotSent');
  if (op.azure !== undefined && !azureGrantRequest(op.azure)) return t('checkScopeOrRole');
  if (op.powerBi !== undefined && !powerBiGrantRequest(op.powerBi)) return t('checkWorkspaceOrGroup');
  // Added from the result card's message (assignLicense), after the invitation.
  if (op.license !== undefined && !licenseRequest(op.license)) return t('checkLicenseOrLocation');
  const pp = op.powerPlatform !== undefined ? powerPlatformProblem(op.powerPlatform) : null;
  if (pp) return pp;
  if (!knownSteps(op.steps)) return t('checkProgressDamaged');
  return null;
}

/** What is wrong with a row about to be sent or granted, in words, or null. */
export function rowProblem(row: JobRow): string | null {
  if (typeof row.email !== 'string' || emailProblem(row.email)) return t('checkAddressInvalid');
  if (!httpsUrl(row.redirectUrl)) return t('checkRedirectNotHttps');
  if (typeof row.sendEmail !== 'boolean') return t('checkSendFlag');
  if (!optional(string(LIMITS.message))(row.message) || !optional(string(LIMITS.displayName))(row.displayName))
    return t('checkTextTooLong');
  if (!optional(isUsageLocation)(row.usageLocation)) return t('checkUsageLocation');
  if (![row.userId, row.groupId, row.roleId, row.environmentRoleId, row.licenseSkuId].every(optGuid))
    return t('checkAnIdNotGuid');
  if (!knownSteps(row.steps)) return t('checkProgressDamaged');
  return null;
}
