import { recordAudit, type SandboxAudit, userTarget } from '../audit.ts';
import { type Caller, roleDetails, scopeDetails } from './caller.ts';

type Span = 'permanent' | 'timebound';

/**
 * The activities PIM logs for Azure resource roles, in category ResourceManagement, as Entra's audit activity
 * reference names them (learn: entra/identity/monitoring-health/reference-audit-activities, "Privileged Identity
 * Management (PIM)"). `timebound` or `permanent` says whether the eligibility or assignment had an end.
 */
export type PimActivity =
  | `Add eligible member to role in PIM completed (${Span})`
  | `Add member to role in PIM completed (${Span})`
  | `Remove eligible member from role in PIM completed (${Span})`
  | `Remove member from role in PIM completed (${Span})`
  | 'Add member to role completed (PIM activation)'
  | 'Add member to role requested (PIM activation)'
  | 'Add member to role approval requested (PIM activation)'
  | 'Remove member from role completed (PIM deactivate)';

export const span = (end: string | null | undefined): Span => (end ? 'timebound' : 'permanent');

/** What a PIM request was about: the request, who, which role (its GUID), where, and when. */
export interface PimSubject {
  name: string;
  scope: string;
  principalId: string;
  roleDefinitionId: string;
  justification?: string;
  start?: string;
  end?: string | null;
}

function principalTarget(c: Caller, id: string): SandboxAudit['targetResources'][number] {
  const user = c.tenant.users.find((u) => u.id === id);
  if (user) return userTarget(user);
  const group = c.tenant.groups.find((g) => g.id === id);
  return group ? { id, displayName: group.displayName, type: 'Group' } : { id, displayName: null, type: 'User' };
}

/**
 * Records, in Entra's directory audit log, one PIM request the sandbox carried out, initiated by the caller: PIM
 * logs these with loggedByService 'PIM' and the role, the principal and the resource among the targets (the
 * reference above). Plain RBAC role assignments (PUT or DELETE roleAssignments) are not PIM's and are not recorded
 * here: Azure keeps them in its activity log, not in the directory audit log. The additionalDetails keys are the
 * sandbox's own reading of PIM's entries, unverified.
 */
export function auditPim(c: Caller, activity: PimActivity, s: PimSubject): void {
  const by = c.tenant.users.find((u) => u.id === c.token.userId);
  if (!by) return;
  const role = roleDetails(c.azure, s.scope, s.roleDefinitionId);
  const where = scopeDetails(c.azure, s.scope);
  const details: [string, string | null | undefined][] = [
    ['RequestId', s.name],
    ['Scope', s.scope],
    ['Justification', s.justification],
    ['StartTime', s.start],
    ['ExpirationTime', s.end],
  ];
  recordAudit(c.tenant, by, {
    category: 'ResourceManagement',
    activityDisplayName: activity,
    loggedByService: 'PIM',
    // The directory audit's own operation types; PIM's finer ones (e.g. ActivateRole) are not among the sandbox's.
    operationType: activity.startsWith('Remove') ? 'Unassign' : 'Assign',
    targetResources: [
      { id: role.id, displayName: role.displayName, type: 'Role' },
      principalTarget(c, s.principalId),
      { id: s.scope, displayName: where.displayName, type: 'Other' },
    ],
    additionalDetails: details.flatMap(([key, value]) => (value ? [{ key, value }] : [])),
  });
}
