import type { SandboxAudit } from '../audit.ts';
import type { SandboxGroup, SandboxTenant, SandboxUser } from '../store.ts';
import { compileRule } from './dynamic-rules.ts';

/** Properties Graph returns for a group when no `$select` is given (learn: group resource, "Returned by default"). */
export const DEFAULT_GROUP_PROPERTIES = [
  'id',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'securityEnabled',
  'visibility',
];

export const isDynamic = (g: SandboxGroup) => (g.groupTypes ?? []).includes('DynamicMembership');

export function groupResource(g: SandboxGroup): Record<string, unknown> {
  return {
    id: g.id,
    createdDateTime: g.createdDateTime ?? null,
    description: g.description ?? null,
    displayName: g.displayName,
    groupTypes: g.groupTypes ?? [],
    // Graph answers null for a group made without it, as most are.
    isAssignableToRole: g.isAssignableToRole ?? null,
    mail: null,
    mailEnabled: g.mailEnabled,
    mailNickname: g.mailNickname,
    membershipRule: g.membershipRule ?? null,
    membershipRuleProcessingState: g.membershipRuleProcessingState ?? null,
    securityEnabled: g.securityEnabled,
    visibility: null,
  };
}

/** The group as an audit entry names it among its targets; a security group is an `azureAD` group. */
export const groupTarget = (g: SandboxGroup): SandboxAudit['targetResources'][number] => ({
  id: g.id,
  displayName: g.displayName,
  type: 'Group',
  modifiedProperties: [],
});

/**
 * The group's members now. A dynamic group whose processing is On holds exactly the users its rule admits, evaluated
 * here on every read, so a new guest joins and a deleted user leaves at once (Entra takes minutes: learn
 * groups-dynamic-membership); the result is kept in `members`, which is what a Paused group goes on holding.
 */
export function currentMembers(tenant: SandboxTenant, g: SandboxGroup): string[] {
  if (isDynamic(g) && g.membershipRuleProcessingState === 'On' && g.membershipRule) {
    const admits = ruleOf(g.membershipRule);
    g.members = tenant.users.filter(admits).map((u) => u.id);
  }
  const users = userIds(tenant);
  return g.members.filter((id) => users.has(id));
}

/** The groups among a group's direct members: an assigned security group may hold groups, a dynamic one users only. */
export function memberGroups(tenant: SandboxTenant, g: SandboxGroup): SandboxGroup[] {
  if (isDynamic(g)) return [];
  return tenant.groups.filter((x) => g.members.includes(x.id));
}

/**
 * Everyone under a group, nested groups' members included, and those groups (learn: group-list-transitivemembers):
 * each group is read once, so a cycle ends.
 */
export function transitiveMembers(tenant: SandboxTenant, g: SandboxGroup): { users: string[]; groups: SandboxGroup[] } {
  const users = new Set<string>();
  const seen = new Set<string>([g.id]);
  const groups: SandboxGroup[] = [];
  const walk = (group: SandboxGroup) => {
    for (const id of currentMembers(tenant, group)) users.add(id);
    for (const inner of memberGroups(tenant, group)) {
      if (seen.has(inner.id)) continue;
      seen.add(inner.id);
      groups.push(inner);
      walk(inner);
    }
  };
  walk(g);
  return { users: [...users], groups };
}

/**
 * Whether one user is a member now: a dynamic group's rule is asked about that user alone (a large tenant's guest in
 * 3,000 groups would otherwise have every dynamic rule run over all 25,000 users on each read of their groups).
 */
export function isMemberNow(g: SandboxGroup, user: SandboxUser): boolean {
  if (isDynamic(g) && g.membershipRuleProcessingState === 'On' && g.membershipRule) return ruleOf(g.membershipRule)(user);
  return g.members.includes(user.id);
}

/**
 * The tenant's user ids as a set, kept while the user list is the same (a large tenant has 25,000 users and 3,000
 * groups: a guest's `memberOf` would otherwise compare every member of every group with every user).
 */
const idSets = new WeakMap<SandboxTenant['users'], { length: number; ids: Set<string> }>();
function userIds(tenant: SandboxTenant): Set<string> {
  const known = idSets.get(tenant.users);
  if (known && known.length === tenant.users.length) return known.ids;
  const ids = new Set(tenant.users.map((u) => u.id));
  idSets.set(tenant.users, { length: tenant.users.length, ids });
  return ids;
}

/** A rule compiled once: the large profile's dynamic groups are evaluated on every read of a membership. */
const compiled = new Map<string, ReturnType<typeof compileRule>>();
function ruleOf(rule: string): ReturnType<typeof compileRule> {
  let admits = compiled.get(rule);
  if (!admits) {
    admits = compileRule(rule);
    if (compiled.size > 500) compiled.clear();
    compiled.set(rule, admits);
  }
  return admits;
}

/** Brings every dynamic group up to date after users changed, for readers of `members` other than Graph's. */
export function syncDynamicGroups(tenant: SandboxTenant): void {
  for (const g of tenant.groups) currentMembers(tenant, g);
}
