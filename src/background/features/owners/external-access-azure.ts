import type { Client } from '@microsoft/microsoft-graph-client';
import type { Settings } from '../../../common/config.ts';
import type { AccessPath, AzureGrant, ExternalAccess } from '../../../common/external-access.ts';
import type { CardAzureRole } from '../../../common/guest-card.ts';
import { scopeParts } from '../../../common/page-context.ts';
import { isArmScope, parseArmId, scopePath } from '../../../logic/arm-id.ts';
import { placeWords, scopeWords } from '../../../logic/scope-words.ts';
import { armGet, armList } from '../../services/arm/client.ts';
import { path } from '../../services/url-path.ts';
import { type AzureRole, riskyRole } from '../invite/role-ranking.ts';
import { atMost, externalPeople, groupMembers, type Membership } from './external-people.ts';

/**
 * Everyone from outside the tenant who can get in at an Azure scope (issue 27), each once per path. ARM gives the
 * grants that apply here with `$filter=atScope()`: those at the scope and those inherited from a scope above (not
 * those below it, which reach only part of it). The active ones are read as PIM's assignment schedule instances,
 * which list every role assignment (a plain one with its `originRoleAssignmentId`) with PIM's end dates; the eligible
 * ones as eligibility schedule instances. A group's grant reaches each of its members (transitively); a user's, that
 * user. Every list is read to its end; groups are expanded a few at a time, and at most `GROUPS_CAP` of them.
 */

const AUTH = '/providers/Microsoft.Authorization';
const PIM = '2020-10-01';
/** Groups expanded at once, and at most: a scope granted to more groups than this says which it did not read. */
const GROUPS_AT_ONCE = 4;
export const GROUPS_CAP = 50;

interface Instance {
  properties: {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    principalType?: string;
    endDateTime?: string | null;
    assignmentType?: string;
    originRoleAssignmentId?: string;
    linkedRoleEligibilityScheduleId?: string | null;
    expandedProperties?: { principal?: { displayName?: string }; roleDefinition?: { displayName?: string } };
  };
}

const guidOf = (id: string) => id.split('/').pop()?.toLowerCase() ?? '';

/** The grant as the guest card's removal takes it: a plain assignment is deleted, a PIM schedule ended by request. */
function cardRole(i: Instance, eligible: boolean, subscription: string | undefined): CardAzureRole {
  const p = i.properties;
  const scope = parseArmId(p.scope)?.scope ?? p.scope;
  const plain = !p.endDateTime && p.assignmentType !== 'Activated' && !p.linkedRoleEligibilityScheduleId;
  return {
    removal: eligible ? 'eligibility' : plain && p.originRoleAssignmentId ? 'assignment' : 'scheduledAssignment',
    roleDefinitionId: p.roleDefinitionId,
    roleName: p.expandedProperties?.roleDefinition?.displayName ?? guidOf(p.roleDefinitionId),
    scope,
    scopeWords: scopeWords(scope, subscription),
    place: placeWords(scope),
    end: p.endDateTime ?? null,
    ...(!eligible && p.originRoleAssignmentId ? { assignmentId: p.originRoleAssignmentId } : {}),
  };
}

/** Read and put together; `client` is Graph's, for the people and the groups. */
export async function externalAccessAzure(
  settings: Settings,
  client: Client,
  scope: string,
): Promise<ExternalAccess<AzureGrant>> {
  const base = `${scopePath(scope)}${AUTH}`;
  const atScope = `$filter=${encodeURIComponent('atScope()')}`;
  const [active, eligible, definitions, subscription] = await Promise.all([
    armList<Instance>(settings, `${base}/roleAssignmentScheduleInstances?${atScope}`, PIM),
    armList<Instance>(settings, `${base}/roleEligibilityScheduleInstances?${atScope}`, PIM),
    armList<AzureRole>(settings, `${base}/roleDefinitions`, '2022-04-01'),
    armGet<{ displayName?: string }>(settings, path`/subscriptions/${scopeParts(scope).subscriptionId}`, '2022-12-01').catch(
      () => ({ displayName: undefined }),
    ),
  ]);
  const broad = new Map(definitions.items.map((d) => [d.name.toLowerCase(), riskyRole(d)]));
  const here = scope.toLowerCase();
  const grants = [
    ...active.items.map((i) => ({ i, eligible: false })),
    ...eligible.items.map((i) => ({ i, eligible: true })),
  ].filter(({ i }) => isArmScope(parseArmId(i.properties.scope)?.scope));
  const groupIds = [
    ...new Set(grants.filter(({ i }) => i.properties.principalType === 'Group').map(({ i }) => i.properties.principalId)),
  ];
  const expanded = groupIds.slice(0, GROUPS_CAP);
  const members = new Map(await atMost(expanded, GROUPS_AT_ONCE, async (id) => [id, await groupMembers(client, id)] as const));
  // Each person's paths: their own grant (here or above), or each group's.
  const paths = new Map<string, AzureGrant[]>();
  const seen = new Set<string>();
  for (const { i, eligible: isEligible } of grants) {
    const role = cardRole(i, isEligible, subscription.displayName);
    const above = role.scope.toLowerCase() !== here;
    const isGroup = i.properties.principalType === 'Group';
    const holder = {
      id: i.properties.principalId,
      displayName: i.properties.expandedProperties?.principal?.displayName ?? i.properties.principalId,
    };
    const reached: Membership[] = isGroup
      ? (members.get(i.properties.principalId) ?? [])
      : [{ userId: i.properties.principalId }];
    for (const { userId: person, nested } of reached) {
      const how: AccessPath = isGroup
        ? { kind: 'group', group: holder, ...(nested ? { nested } : {}) }
        : above
          ? { kind: 'inherited', scopeWords: role.scopeWords }
          : { kind: 'direct' };
      // Once per path: the same role, reached the same way, at the same scope, in the same state.
      const key = [person, how.kind, i.properties.principalId, nested?.id, role.scope, guidOf(role.roleDefinitionId), isEligible]
        .join('|')
        .toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const grant: AzureGrant = {
        path: how,
        role,
        eligible: isEligible,
        broad: broad.get(guidOf(role.roleDefinitionId)) ?? null,
      };
      paths.set(person, [...(paths.get(person) ?? []), grant]);
    }
  }
  const { people, signIn } = await externalPeople(client, [...paths.keys()]);
  return {
    scope,
    scopeWords: scopeWords(scope, subscription.displayName),
    people: people
      .map((p) => ({ ...p, grants: paths.get(p.id) ?? [] }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    signIn,
    groupsNotRead: groupIds.slice(GROUPS_CAP),
  };
}
