import type { ApiResponse } from '../api.ts';
import type { SandboxEligibility, SandboxRoleAssignment } from '../store.ts';
import { AUTH, ancestors, type Caller, expanded, mayDo, refusal, related, roleDetails } from './caller.ts';
import { principalMatcher, readFilter } from './filters.ts';
import { scheduleId } from './requests.ts';
import { holdsNow } from './schedules.ts';

export type InstanceKind = 'roleEligibilityScheduleInstances' | 'roleAssignmentScheduleInstances';

/**
 * How an instance reaches the principal it is listed for (ARM's `memberType`: Direct, Group or Inherited). Listed for
 * a user through one of their groups (assignedTo, asTarget) it is that user's, by `Group`: the group's to take back,
 * not theirs (Graph's unifiedRoleScheduleInstanceBase: memberType "can further imply whether the schedule can be
 * managed by the caller"; that ARM names the user, not the group, as principalId then is not verified). One at a
 * scope above the listing's is `Inherited`; the rest `Direct`.
 */
interface Membership {
  principalId: string;
  memberType: 'Direct' | 'Group' | 'Inherited';
}

function eligibilityInstance(c: Caller, e: SandboxEligibility, m: Membership) {
  return {
    id: `${e.scope}${AUTH}roleEligibilityScheduleInstances/${e.name}`,
    name: e.name,
    type: 'Microsoft.Authorization/roleEligibilityScheduleInstances',
    properties: {
      scope: e.scope,
      roleDefinitionId: roleDetails(c.azure, e.scope, e.roleDefinitionId).id,
      principalId: m.principalId,
      principalType: m.memberType !== 'Group' && c.tenant.groups.some((g) => g.id === e.principalId) ? 'Group' : 'User',
      roleEligibilityScheduleId: `${e.scope}${AUTH}roleEligibilitySchedules/${e.name}`,
      status: 'Provisioned',
      startDateTime: e.startDateTime,
      endDateTime: e.endDateTime,
      memberType: m.memberType,
      createdOn: e.startDateTime,
      expandedProperties: expanded(c, e.scope, e.principalId, e.roleDefinitionId),
    },
  };
}

function assignmentInstance(c: Caller, a: SandboxRoleAssignment, m: Membership) {
  const linked = a.linkedEligibilityName && c.azure.eligibilitySchedules.find((e) => e.name === a.linkedEligibilityName);
  return {
    id: `${a.scope}${AUTH}roleAssignmentScheduleInstances/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignmentScheduleInstances',
    properties: {
      scope: a.scope,
      roleDefinitionId: roleDetails(c.azure, a.scope, a.roleDefinitionId).id,
      principalId: m.principalId,
      principalType: m.memberType === 'Group' ? 'User' : a.principalType,
      roleAssignmentScheduleId: scheduleId(a),
      originRoleAssignmentId: `${a.scope}${AUTH}roleAssignments/${a.name}`,
      status: 'Provisioned',
      startDateTime: a.startDateTime ?? a.createdOn,
      endDateTime: a.endDateTime ?? null,
      ...(linked
        ? {
            linkedRoleEligibilityScheduleId: `${linked.scope}${AUTH}roleEligibilitySchedules/${linked.name}`,
            linkedRoleEligibilityScheduleInstanceId: `${linked.scope}${AUTH}roleEligibilityScheduleInstances/${linked.name}`,
          }
        : {}),
      assignmentType: a.assignmentType ?? 'Assigned',
      memberType: m.memberType,
      createdOn: a.createdOn,
      expandedProperties: expanded(c, a.scope, a.principalId, a.roleDefinitionId),
    },
  };
}

/**
 * PIM's schedule instances at a scope (empty: the tenant root). `$filter=asTarget()` shows only the caller's own —
 * at the root, all of theirs in the tenant — and needs no permission; any other listing shows those at, above and
 * below the scope (`atScope()`: at and above), everyone's or, with `principalId eq '{id}'` / `assignedTo('{id}')`,
 * that principal's (the swagger's `$filter` description), to someone who may read them there, and is refused at the
 * root as ARM refuses it.
 */
export function listInstances(c: Caller, kind: InstanceKind, scope: string, filter: string): ApiResponse {
  const f = readFilter(filter);
  const action = `Microsoft.Authorization/${kind}/read`;
  if (!f.asTarget && (!scope || !mayDo(c, scope, action))) return refusal(c, action, scope);
  const who = principalMatcher(c, f);
  const where = (s: string) => !scope || (f.atScope ? ancestors(scope).includes(s.toLowerCase()) : related(s, scope));
  const shown = (x: { scope: string; principalId: string }) => who(x.principalId) && where(x.scope);
  const user = f.asTarget ? c.token.userId.toLowerCase() : f.assignedTo;
  const membership = (x: { scope: string; principalId: string }): Membership => {
    if (user && x.principalId.toLowerCase() !== user) return { principalId: user, memberType: 'Group' };
    const above = !!scope && x.scope.toLowerCase() !== scope.toLowerCase() && ancestors(scope).includes(x.scope.toLowerCase());
    return { principalId: x.principalId, memberType: above ? 'Inherited' : 'Direct' };
  };
  const now = Date.now();
  const value =
    kind === 'roleEligibilityScheduleInstances'
      ? c.azure.eligibilitySchedules
          .filter((e) => shown(e) && (!e.endDateTime || Date.parse(e.endDateTime) > now))
          .map((e) => eligibilityInstance(c, e, membership(e)))
      : c.azure.roleAssignments.filter((a) => shown(a) && holdsNow(a, now)).map((a) => assignmentInstance(c, a, membership(a)));
  return { status: 200, body: { value } };
}
