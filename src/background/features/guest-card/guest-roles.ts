import type { Settings } from '../../../common/config.ts';
import type { CardAzureRole, CardUnreadableRole } from '../../../common/guest-card.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { isArmScope, parseArmId, scopePath } from '../../../logic/arm-id.ts';
import { placeWords, scopeWords } from '../../../logic/scope-words.ts';
import { armGet, armList } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { AUTH, isOwn, PIM } from './guest-role-holder.ts';

interface Instance {
  properties: {
    scope: string;
    roleDefinitionId: string;
    endDateTime?: string | null;
    assignmentType?: string;
    originRoleAssignmentId?: string;
    roleEligibilityScheduleId?: string;
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
 * The instances at the scope or below it, in two lists: those at a scope the grammar reads (in its canonical form:
 * ARM gives a scope as it was written, `resourcegroups`), which can be acted on, and those it cannot read (a DNS
 * record set named `*`), which are only shown. Those above the scope are another scope's to take back.
 */
function byScope(instances: Instance[], outer: string): { readable: Instance[]; unreadable: Instance[] } {
  const readable: Instance[] = [];
  const unreadable: Instance[] = [];
  for (const i of instances) {
    const scope = parseArmId(i.properties.scope)?.scope;
    if (scope && isArmScope(scope)) {
      if (within(scope, outer)) readable.push({ properties: { ...i.properties, scope } });
    } else if (within(i.properties.scope, outer)) unreadable.push(i);
  }
  return { readable, unreadable };
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && a.toLowerCase() === b?.toLowerCase();

/**
 * A user's Azure roles at this scope and below it, eligible and active, as PIM's instances list them with
 * `assignedTo('{id}')` (the user's own and those through their groups; learn: Role Eligibility / Assignment Schedule
 * Instances - List For Scope). The assignment instances include plain RBAC assignments (with their
 * `originRoleAssignmentId`), which Role Assignments - List would give without PIM's end dates and activation links.
 * Those above the scope are another scope's to take back, so they are left out. The subscription's name is ARM's
 * when not given.
 */
export async function rolesAt(
  settings: Settings,
  scope: string,
  principalId: string,
  subscriptionName?: string,
): Promise<{ scopeWords: string; roles: CardAzureRole[]; unreadable: CardUnreadableRole[] }> {
  const filter = `$filter=${encodeURIComponent(`assignedTo('${principalId}')`)}`;
  const base = `${scopePath(scope)}${AUTH}`;
  const [eligible, active, subscription] = await Promise.all([
    armList<Instance>(settings, `${base}/roleEligibilityScheduleInstances?${filter}`, PIM),
    armList<Instance>(settings, `${base}/roleAssignmentScheduleInstances?${filter}`, PIM),
    subscriptionName !== undefined
      ? { displayName: subscriptionName }
      : armGet<{ displayName?: string }>(settings, path`/subscriptions/${scopeParts(scope).subscriptionId}`, '2022-12-01').catch(
          () => ({ displayName: undefined }),
        ),
  ]);
  const role = (i: Instance, removal: CardAzureRole['removal']): CardAzureRole => ({
    removal,
    roleDefinitionId: i.properties.roleDefinitionId,
    roleName: roleNameOf(i),
    scope: i.properties.scope,
    scopeWords: scopeWords(i.properties.scope, subscription.displayName),
    place: placeWords(i.properties.scope),
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
  // An eligibility's running activation: the active instance PIM links to its schedule.
  const activationOf = (e: Instance): CardAzureRole['activation'] => {
    const a = activeAt.readable.find(
      (i) => mine(i) && same(i.properties.linkedRoleEligibilityScheduleId, e.properties.roleEligibilityScheduleId),
    );
    return a ? { scope: a.properties.scope, end: a.properties.endDateTime ?? null } : undefined;
  };
  const roles = [
    ...activeAt.readable
      .filter(mine)
      .map((i) => role(i, plain(i) && i.properties.originRoleAssignmentId ? 'assignment' : 'scheduledAssignment')),
    ...eligibleAt.readable.filter(mine).map((i) => {
      const activation = activationOf(i);
      return { ...role(i, 'eligibility'), ...(activation ? { activation } : {}) };
    }),
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
