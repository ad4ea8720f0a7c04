import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { CardAzureRole, CardUnreadableRole } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { isArmScope, parseArmId, scopePath } from '../../../logic/arm-id.ts';
import { scopeWords } from '../../../logic/scope-words.ts';
import { arm, armGet, armList } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { AUTH, assignmentPath, confirmGone, holdsOwn, isOwn, PIM } from './guest-role-holder.ts';

interface Instance {
  properties: {
    scope: string;
    roleDefinitionId: string;
    endDateTime?: string | null;
    assignmentType?: string;
    originRoleAssignmentId?: string;
    linkedRoleEligibilityScheduleId?: string | null;
    principalId?: string;
    memberType?: string;
    expandedProperties?: { roleDefinition?: { displayName?: string } };
  };
}

/** At the scope or below it (a resource inside the resource group, the group inside the subscription). */
const within = (scope: string, outer: string) => {
  const s = scope.toLowerCase();
  const o = outer.toLowerCase();
  return s === o || s.startsWith(`${o}/`);
};

const roleNameOf = (i: Instance) =>
  i.properties.expandedProperties?.roleDefinition?.displayName ?? i.properties.roleDefinitionId.split('/').pop() ?? '';

/**
 * The instances at the page's scope or below it, in two lists: those at a scope the grammar reads (in its canonical
 * form: ARM gives a scope as it was written, `resourcegroups`), which can be acted on, and those it cannot read (a
 * DNS record set named `*`), which are only shown. Those above the page's scope are another scope's to take back.
 */
function byScope(instances: Instance[], pageScope: string): { readable: Instance[]; unreadable: Instance[] } {
  const readable: Instance[] = [];
  const unreadable: Instance[] = [];
  for (const i of instances) {
    const scope = parseArmId(i.properties.scope)?.scope;
    if (scope && isArmScope(scope)) {
      if (within(scope, pageScope)) readable.push({ properties: { ...i.properties, scope } });
    } else if (within(i.properties.scope, pageScope)) unreadable.push(i);
  }
  return { readable, unreadable };
}

/**
 * A user's Azure roles at this scope and below it, eligible and active, as PIM's instances list them: with
 * `principalId eq`, ARM lists that principal's at, above and below the scope (learn: Role Eligibility Schedule
 * Instances - List For Scope); those above are another scope's to take back, so they are left out.
 */
export async function rolesAt(
  settings: Settings,
  scope: string,
  principalId: string,
): Promise<{ scopeWords: string; roles: CardAzureRole[]; unreadable: CardUnreadableRole[] }> {
  const filter = `$filter=${encodeURIComponent(`principalId eq '${principalId}'`)}`;
  const base = `${scopePath(scope)}${AUTH}`;
  const [eligible, active, subscription] = await Promise.all([
    armList<Instance>(settings, `${base}/roleEligibilityScheduleInstances?${filter}`, PIM),
    armList<Instance>(settings, `${base}/roleAssignmentScheduleInstances?${filter}`, PIM),
    armGet<{ displayName?: string }>(settings, path`/subscriptions/${scopeParts(scope).subscriptionId}`, '2022-12-01').catch(
      () => ({ displayName: undefined }),
    ),
  ]);
  const role = (i: Instance, removal: CardAzureRole['removal']): CardAzureRole => ({
    removal,
    roleDefinitionId: i.properties.roleDefinitionId,
    roleName: roleNameOf(i),
    scope: i.properties.scope,
    scopeWords: scopeWords(i.properties.scope, subscription.displayName),
    end: i.properties.endDateTime ?? null,
    ...(i.properties.originRoleAssignmentId ? { assignmentId: i.properties.originRoleAssignmentId } : {}),
  });
  const eligibleAt = byScope(eligible.items, scope);
  const activeAt = byScope(active.items, scope);
  // One the guest has through a group or from above is shown, never offered for removal: it is not theirs to lose.
  const mine = (i: Instance) => isOwn(i, principalId);
  // A permanent assignment made outside PIM is a plain role assignment, deleted as one; anything PIM scheduled
  // (an end date, or activated from an eligibility) is ended by a PIM request, as the portal does.
  const plain = (i: Instance) =>
    !i.properties.endDateTime && i.properties.assignmentType !== 'Activated' && !i.properties.linkedRoleEligibilityScheduleId;
  const roles = [
    ...activeAt.readable
      .filter(mine)
      .map((i) => role(i, plain(i) && i.properties.originRoleAssignmentId ? 'assignment' : 'scheduledAssignment')),
    ...eligibleAt.readable.filter(mine).map((i) => role(i, 'eligibility')),
  ];
  const shownOnly = (i: Instance, eligible: boolean): CardUnreadableRole => ({
    roleName: roleNameOf(i),
    scope: i.properties.scope,
    eligible,
    end: i.properties.endDateTime ?? null,
    ...(isOwn(i, principalId) ? {} : { notOwn: true }),
  });
  const unreadable = [
    ...activeAt.readable.filter((i) => !mine(i)).map((i) => shownOnly(i, false)),
    ...eligibleAt.readable.filter((i) => !mine(i)).map((i) => shownOnly(i, true)),
    ...activeAt.unreadable.map((i) => shownOnly(i, false)),
    ...eligibleAt.unreadable.map((i) => shownOnly(i, true)),
  ];
  return { scopeWords: scopeWords(scope, subscription.displayName), roles, unreadable };
}

/**
 * Takes one role back, once ARM, read again, lists it as the guest's own (guest-role-holder.ts), and says "removed" only
 * once ARM, read again, no longer lists it. A plain assignment is deleted (ARM answers 204 when there is none, so a
 * repeat is harmless); a scheduled one goes by an `AdminRemove` request under a name chosen once: when the last send
 * may have reached ARM, the request is looked up by that name first and never sent twice. Returns what happened.
 */
export async function removeRole(
  settings: Settings,
  role: CardAzureRole,
  principalId: string,
  requestName: string,
  mayExist: boolean,
): Promise<string> {
  const kind = role.removal === 'eligibility' ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
  const at = `${scopePath(role.scope)}${AUTH}/${kind}${path`/${requestName}`}`;
  if (mayExist && role.removal !== 'assignment') {
    const sent = await armGet<{ properties?: { status?: string } }>(settings, at, PIM).catch((e: unknown) => {
      if (hasCode(e, ErrorCodes.notFound)) return null;
      throw e;
    });
    if (sent) return confirmed(settings, role, principalId, removedOrRefused(sent.properties?.status));
  }
  if (!(await holdsOwn(settings, role, principalId)))
    return role.removal === 'assignment' ? 'was no longer assigned' : 'was no longer there';
  if (role.removal === 'assignment' && role.assignmentId) {
    const gone = await arm<unknown>(settings, 'DELETE', assignmentPath(role.assignmentId, role.scope), '2022-04-01');
    return confirmed(settings, role, principalId, gone ? 'removed' : 'was no longer assigned');
  }
  try {
    const made = await arm<{ properties?: { status?: string } }>(settings, 'PUT', at, PIM, {
      properties: { principalId, roleDefinitionId: role.roleDefinitionId, requestType: 'AdminRemove' },
    });
    return confirmed(settings, role, principalId, removedOrRefused(made?.properties?.status ?? 'Revoked'));
  } catch (e) {
    // Nothing to remove: someone took it back meanwhile, which is what was asked.
    if (hasCode(e, ErrorCodes.notFound)) return 'was no longer there';
    throw e;
  }
}

/** The outcome, once ARM no longer lists the role as the guest's. */
async function confirmed(settings: Settings, role: CardAzureRole, principalId: string, outcome: string): Promise<string> {
  await confirmGone(settings, role, principalId);
  return outcome;
}

/** Statuses of a removal request that took the role away (or will, at once). */
const REMOVED = ['Revoked', 'Provisioned', 'Accepted', 'AdminApproved', 'Granted'];

/** A removal request ARM kept under this change's name: done when it removed the role, else refused with its status. */
function removedOrRefused(status: string | undefined): string {
  if (status && REMOVED.includes(status)) return `removed (${status})`;
  throw new AppError(ErrorCodes.policyRefused, t('azureRemovalAnswered', status ?? t('azureNoStatus')));
}
