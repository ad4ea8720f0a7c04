import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxAzure } from '../store.ts';
import { scopedRoleId } from './roles.ts';

const AUTH = '/providers/Microsoft.Authorization/';

export interface ScheduleInfo {
  startDateTime?: string;
  expiration?: { type?: string; duration?: string; endDateTime?: string };
}

/** ISO 8601 durations PIM takes: days and hours (P7D, PT8H, P1DT12H). */
function durationMs(duration: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(duration);
  if (!m || (!m[1] && !m[2])) return null;
  return (Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 3_600_000;
}

/** Start and end of a schedule request, or the error ARM gives for a schedule it cannot take. */
export function readSchedule(info: ScheduleInfo | undefined): { start: string; end: string | null } | ApiResponse {
  const start = info?.startDateTime ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(start))) return invalid('The start time is not a valid date.');
  const exp = info?.expiration ?? { type: 'NoExpiration' };
  if (exp.type === 'NoExpiration') return { start, end: null };
  if (exp.type === 'AfterDateTime') {
    const end = exp.endDateTime ?? '';
    if (Number.isNaN(Date.parse(end)) || Date.parse(end) <= Date.parse(start)) {
      return invalid('The expiration time must come after the start time.');
    }
    return { start, end: new Date(end).toISOString() };
  }
  const ms = exp.type === 'AfterDuration' ? durationMs(exp.duration ?? '') : null;
  if (ms === null) return invalid(`The expiration duration '${exp.duration ?? ''}' is not valid.`);
  return { start, end: new Date(Date.parse(start) + ms).toISOString() };
}

const invalid = (message: string): ApiResponse => ({
  status: 400,
  body: { error: { code: 'InvalidScheduleRequest', message } },
});

/**
 * A PIM schedule request (AdminAssign) once accepted: an eligibility, or a time-bound active assignment that the
 * role assignment list shows while it holds.
 */
export function acceptScheduleRequest(
  azure: SandboxAzure,
  kind: 'roleEligibilityScheduleRequests' | 'roleAssignmentScheduleRequests',
  request: { name: string; scope: string; subscriptionId: string; principalId: string; roleGuid: string; requestType: string },
  schedule: { start: string; end: string | null },
  info: ScheduleInfo | undefined,
): ApiResponse {
  const common = { scope: request.scope, principalId: request.principalId, roleDefinitionId: request.roleGuid };
  if (kind === 'roleEligibilityScheduleRequests') {
    azure.eligibilitySchedules.push({
      ...common,
      name: randomUUID(),
      startDateTime: schedule.start,
      endDateTime: schedule.end,
      requestName: request.name,
    });
  } else {
    azure.roleAssignments.push({
      ...common,
      name: randomUUID(),
      principalType: 'User',
      createdOn: new Date().toISOString(),
      startDateTime: schedule.start,
      ...(schedule.end ? { endDateTime: schedule.end } : {}),
    });
  }
  const type = kind === 'roleEligibilityScheduleRequests' ? 'RoleEligibilityScheduleRequests' : 'RoleAssignmentScheduleRequests';
  return {
    status: 201,
    body: {
      id: `${request.scope}${AUTH}${kind}/${request.name}`,
      name: request.name,
      type: `Microsoft.Authorization/${type}`,
      properties: {
        scope: request.scope,
        roleDefinitionId: scopedRoleId(request.subscriptionId, request.roleGuid),
        principalId: request.principalId,
        principalType: 'User',
        requestType: request.requestType,
        status: 'Provisioned',
        scheduleInfo: { ...info, startDateTime: schedule.start },
        createdOn: new Date().toISOString(),
      },
    },
  };
}

/** Whether a role assignment holds now: plain ones always, time-bound ones between their start and end. */
export function holdsNow(a: { startDateTime?: string; endDateTime?: string }, now = Date.now()): boolean {
  return (!a.startDateTime || Date.parse(a.startDateTime) <= now) && (!a.endDateTime || Date.parse(a.endDateTime) > now);
}
