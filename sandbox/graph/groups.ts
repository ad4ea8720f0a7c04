import type { SandboxAudit } from '../audit.ts';
import type { SandboxGroup, SandboxTenant } from '../store.ts';
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
    const admits = compileRule(g.membershipRule);
    g.members = tenant.users.filter(admits).map((u) => u.id);
  }
  return g.members.filter((id) => tenant.users.some((u) => u.id === id));
}

/** Brings every dynamic group up to date after users changed, for readers of `members` other than Graph's. */
export function syncDynamicGroups(tenant: SandboxTenant): void {
  for (const g of tenant.groups) currentMembers(tenant, g);
}
