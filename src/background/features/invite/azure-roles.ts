import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { scopePath } from '../../../logic/arm-id.ts';
import {
  type AzureAssignment,
  type AzureRoleOption,
  type AzureRoles,
  type AzureSchedule,
  scheduleEnd,
} from '../../../logic/azure.ts';
import { currentAccount } from '../../core/auth.ts';
import { arm, armList } from '../../services/arm/client.ts';
import { commonJobs, roleWords } from './role-jobs.ts';
import { type AzureRole, riskyRole, roleAllows, suggestRoles } from './role-ranking.ts';

const AUTH = '/providers/Microsoft.Authorization';

const option =
  (jobs: Map<string, string>) =>
  (r: AzureRole): AzureRoleOption => ({
    id: r.name,
    name: r.properties.roleName,
    description: r.properties.description,
    words: roleWords(r.properties.roleName, r.properties.description, jobs),
    risk: riskyRole(r),
  });

/** Roles assignable at this scope: the least privileged for its resource type first, then all of them by name. */
export async function azureRoles(settings: Settings, scope: string): Promise<AzureRoles> {
  // Both read to their end: every role is offered, and any assignment may be the one that lets me assign.
  const [{ items: value }, mine, account] = await Promise.all([
    armList<AzureRole>(settings, `${scopePath(scope)}${AUTH}/roleDefinitions`, '2022-04-01'),
    armList<{ properties: { principalId: string; roleDefinitionId: string } }>(
      settings,
      `${scopePath(scope)}${AUTH}/roleAssignments?$filter=atScope()`,
      '2022-04-01',
    ),
    currentAccount(settings),
  ]);
  // May I assign here? Any of my roles at or above this scope that allows roleAssignments/write.
  const mayAssign = mine.items.some((a) => {
    const role = value.find((r) => r.name === a.properties.roleDefinitionId.split('/').pop());
    return (
      a.properties.principalId === account?.id && !!role && roleAllows(role, 'Microsoft.Authorization/roleAssignments/write')
    );
  });
  const parts = scopeParts(scope);
  const type =
    parts.resourceType ?? (parts.resourceGroup ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions');
  const words = option(commonJobs(type));
  return {
    mayAssign,
    suggested: suggestRoles(value, type).map(words),
    all: [...value].sort((a, b) => a.properties.roleName.localeCompare(b.properties.roleName)).map(words),
  };
}

function expiration(schedule: AzureSchedule) {
  if (schedule.end === null) return { type: 'NoExpiration' };
  if ('at' in schedule.end) return { type: 'AfterDateTime', endDateTime: new Date(schedule.end.at).toISOString() };
  return { type: 'AfterDuration', duration: `P${schedule.end.afterDays}D` };
}

/**
 * The ARM request for a schedule: a plain role assignment when active from now with no end; otherwise a PIM
 * schedule request (AdminAssign) for an eligibility or a time-bound active assignment.
 */
function assignmentRequest(request: AzureRoleRequest, roleDefinitionId: string, start: Date) {
  const name = crypto.randomUUID();
  const { schedule } = request;
  if (schedule.kind === 'active' && schedule.start === null && schedule.end === null) {
    return {
      path: `${scopePath(request.scope)}${AUTH}/roleAssignments/${name}`,
      version: '2022-04-01',
      body: { properties: { roleDefinitionId, principalId: request.principalId, principalType: 'User' } },
    };
  }
  const kind = schedule.kind === 'eligible' ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
  return {
    path: `${scopePath(request.scope)}${AUTH}/${kind}/${name}`,
    version: '2020-10-01',
    body: {
      properties: {
        principalId: request.principalId,
        roleDefinitionId,
        requestType: 'AdminAssign',
        justification: 'Invited with Invite Here',
        scheduleInfo: { startDateTime: start.toISOString(), expiration: expiration(schedule) },
      },
    },
  };
}

export interface AzureRoleRequest {
  scope: string;
  roleId: string;
  principalId: string;
  schedule: AzureSchedule;
}

/**
 * Role at exactly this scope, on the chosen schedule, in one request. A guest invited a moment ago is not yet
 * visible to ARM (PrincipalNotFound): the engine tries again a little later (engine/rules.ts), rather than this
 * call waiting, so a bulk job's invitations do not queue behind one guest's role.
 */
export async function assignAzureRole(settings: Settings, request: AzureRoleRequest): Promise<AzureAssignment> {
  const sub = scopeParts(request.scope).subscriptionId;
  const roleDefinitionId = `/subscriptions/${sub}${AUTH}/roleDefinitions/${request.roleId}`;
  const start = request.schedule.start ? new Date(Math.max(Date.parse(request.schedule.start), Date.now())) : new Date();
  const { path, version, body } = assignmentRequest(request, roleDefinitionId, start);
  const made = await arm<{ properties: { scope: string } }>(settings, 'PUT', path, version, body);
  return {
    scope: made.properties.scope,
    roleId: request.roleId,
    kind: request.schedule.kind,
    startDateTime: start.toISOString(),
    endDateTime: scheduleEnd(request.schedule, start),
    waitedMs: 0,
  };
}

/**
 * The role is there afterwards, given now or before (ARM's RoleAssignmentExists): safe to ask again after a worker
 * stopped between sending and hearing back. Bulk rows and single invitations give roles through this one rule.
 */
export async function ensureAzureRole(settings: Settings, request: AzureRoleRequest): Promise<AzureAssignment> {
  try {
    return await assignAzureRole(settings, request);
  } catch (e) {
    if (!(e instanceof AppError && e.code === ErrorCodes.roleAssignmentExists)) throw e;
    const start = request.schedule.start ? new Date(request.schedule.start) : new Date();
    return {
      scope: request.scope,
      roleId: request.roleId,
      kind: request.schedule.kind,
      startDateTime: start.toISOString(),
      endDateTime: scheduleEnd(request.schedule, start),
      waitedMs: 0,
    };
  }
}
