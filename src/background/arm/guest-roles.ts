import { isArmScope, parseArmId, scopePath } from '../../shared/arm-id.ts';
import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../shared/errors.ts';
import type { CardAzureRole } from '../../shared/guest-card.ts';
import { t } from '../../shared/i18n.ts';
import { scopeParts } from '../../shared/page-context.ts';
import { path } from '../../shared/url-path.ts';
import { assignmentOf } from '../guests/change-problem.ts';
import { arm, armGet } from './client.ts';
import { scopeWords } from './scope.ts';

const AUTH = '/providers/Microsoft.Authorization';
const PIM = '2020-10-01';

interface Instance {
  properties: {
    scope: string;
    roleDefinitionId: string;
    endDateTime?: string | null;
    assignmentType?: string;
    originRoleAssignmentId?: string;
    linkedRoleEligibilityScheduleId?: string | null;
    expandedProperties?: { roleDefinition?: { displayName?: string } };
  };
}

/** At the scope or below it (a resource inside the resource group, the group inside the subscription). */
const within = (scope: string, outer: string) => {
  const s = scope.toLowerCase();
  const o = outer.toLowerCase();
  return s === o || s.startsWith(`${o}/`);
};

/**
 * A user's Azure roles at this scope and below it, eligible and active, as PIM's instances list them: with
 * `principalId eq`, ARM lists that principal's at, above and below the scope (learn: Role Eligibility Schedule
 * Instances - List For Scope); those above are another scope's to take back, so they are left out.
 */
export async function rolesAt(
  settings: Settings,
  scope: string,
  principalId: string,
): Promise<{ scopeWords: string; roles: CardAzureRole[] }> {
  const filter = `$filter=${encodeURIComponent(`principalId eq '${principalId}'`)}`;
  const base = `${scopePath(scope)}${AUTH}`;
  const [eligible, active, subscription] = await Promise.all([
    armGet<{ value: Instance[] }>(settings, `${base}/roleEligibilityScheduleInstances?${filter}`, PIM),
    armGet<{ value: Instance[] }>(settings, `${base}/roleAssignmentScheduleInstances?${filter}`, PIM),
    armGet<{ displayName?: string }>(settings, path`/subscriptions/${scopeParts(scope).subscriptionId}`, '2022-12-01').catch(
      () => ({ displayName: undefined }),
    ),
  ]);
  const role = (i: Instance, removal: CardAzureRole['removal']): CardAzureRole => ({
    removal,
    roleDefinitionId: i.properties.roleDefinitionId,
    roleName:
      i.properties.expandedProperties?.roleDefinition?.displayName ?? i.properties.roleDefinitionId.split('/').pop() ?? '',
    scope: i.properties.scope,
    scopeWords: scopeWords(i.properties.scope, subscription.displayName),
    end: i.properties.endDateTime ?? null,
    ...(i.properties.originRoleAssignmentId ? { assignmentId: i.properties.originRoleAssignmentId } : {}),
  });
  // ARM gives a scope as it was written (`resourcegroups`): read in its canonical form, or not shown at all.
  for (const i of [...eligible.value, ...active.value]) i.properties.scope = parseArmId(i.properties.scope)?.scope ?? '';
  const shown = (i: Instance) => isArmScope(i.properties.scope) && within(i.properties.scope, scope);
  // A permanent assignment made outside PIM is a plain role assignment, deleted as one; anything PIM scheduled
  // (an end date, or activated from an eligibility) is ended by a PIM request, as the portal does.
  const plain = (i: Instance) =>
    !i.properties.endDateTime && i.properties.assignmentType !== 'Activated' && !i.properties.linkedRoleEligibilityScheduleId;
  const roles = [
    ...active.value
      .filter(shown)
      .map((i) => role(i, plain(i) && i.properties.originRoleAssignmentId ? 'assignment' : 'scheduledAssignment')),
    ...eligible.value.filter(shown).map((i) => role(i, 'eligibility')),
  ];
  return { scopeWords: scopeWords(scope, subscription.displayName), roles };
}

/**
 * Takes one role back. A plain assignment is deleted (ARM answers 204 when there is none, so a repeat is harmless);
 * a scheduled one goes by an `AdminRemove` request under a name chosen once: when the last send may have reached
 * ARM, the request is looked up by that name first and never sent twice. Returns what happened, in words.
 */
export async function removeRole(
  settings: Settings,
  role: CardAzureRole,
  principalId: string,
  requestName: string,
  mayExist: boolean,
): Promise<string> {
  if (role.removal === 'assignment' && role.assignmentId) {
    const gone = await arm<unknown>(settings, 'DELETE', assignmentPath(role.assignmentId, role.scope), '2022-04-01');
    return gone ? 'removed' : 'was no longer assigned';
  }
  const kind = role.removal === 'eligibility' ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
  const at = `${scopePath(role.scope)}${AUTH}/${kind}${path`/${requestName}`}`;
  if (mayExist) {
    const sent = await armGet<{ properties?: { status?: string } }>(settings, at, PIM).catch((e: unknown) => {
      if (hasCode(e, ErrorCodes.notFound)) return null;
      throw e;
    });
    if (sent) return removedOrRefused(sent.properties?.status);
  }
  try {
    const made = await arm<{ properties?: { status?: string } }>(settings, 'PUT', at, PIM, {
      properties: { principalId, roleDefinitionId: role.roleDefinitionId, requestType: 'AdminRemove' },
    });
    return removedOrRefused(made?.properties?.status ?? 'Revoked');
  } catch (e) {
    // Nothing to remove: someone took it back meanwhile, which is what was asked.
    if (hasCode(e, ErrorCodes.notFound)) return 'was no longer there';
    throw e;
  }
}

/** Statuses of a removal request that took the role away (or will, at once). */
const REMOVED = ['Revoked', 'Provisioned', 'Accepted', 'AdminApproved', 'Granted'];

/** A removal request ARM kept under this change's name: done when it removed the role, else refused with its status. */
function removedOrRefused(status: string | undefined): string {
  if (status && REMOVED.includes(status)) return `removed (${status})`;
  throw new AppError(ErrorCodes.policyRefused, t('azureRemovalAnswered', status ?? t('azureNoStatus')));
}

/** The assignment's own path, rebuilt from its scope and GUID name so that only a scope of the grammar is used. */
function assignmentPath(assignmentId: string, scope: string): string {
  const name = assignmentOf(scope, assignmentId);
  if (!name) throw new AppError(ErrorCodes.badMessage, 'the assignment is not of its scope');
  return `${scopePath(scope)}${AUTH}${path`/roleAssignments/${name}`}`;
}
