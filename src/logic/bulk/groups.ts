import { t } from '../../common/i18n.ts';

/**
 * What a group a bulk file names is, as Graph says (learn: group resource): `groupTypes` holding `Unified` makes it a
 * Microsoft 365 group, `DynamicMembership` a dynamic one; a group that is neither and is security-enabled without mail
 * is a plain security group. `mail` covers mail-enabled security groups and distribution lists.
 */
export interface GroupFacts {
  id: string;
  displayName: string;
  kind: 'security' | 'microsoft365' | 'mail';
  dynamic: boolean;
  roleAssignable: boolean;
}

/** The fields of Graph's group the look-up reads ($select), and that `groupFacts` takes. */
export interface GraphGroup {
  id?: string;
  displayName?: string | null;
  groupTypes?: string[] | null;
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  membershipRule?: string | null;
}

/** Those fields, as a `$select`. */
export const GROUP_FACT_FIELDS = 'id,displayName,groupTypes,securityEnabled,mailEnabled,isAssignableToRole,membershipRule';

export function groupFacts(g: GraphGroup & { id: string }): GroupFacts {
  const types = g.groupTypes ?? [];
  return {
    id: g.id,
    displayName: g.displayName ?? g.id,
    kind: types.includes('Unified') ? 'microsoft365' : g.securityEnabled && !g.mailEnabled ? 'security' : 'mail',
    dynamic: types.includes('DynamicMembership') || !!g.membershipRule,
    roleAssignable: g.isAssignableToRole === true,
  };
}

/**
 * Why guests from a file are not added to this group, or null. Bulk adds to plain security groups only, as the
 * one-guest group search offers security groups only: a Microsoft 365 group brings its mailbox, files and team; a
 * dynamic group's rule decides its members, so Graph refuses a member added by hand; a role-assignable group may hold
 * Entra roles, which a file must not hand out; mail-enabled groups cannot be changed through Graph.
 */
export function bulkGroupRefusal(g: GroupFacts): string | null {
  if (g.roleAssignable) return t('bulkGroupRoleAssignable', g.displayName);
  if (g.kind === 'microsoft365') return t('bulkGroupMicrosoft365', g.displayName);
  if (g.dynamic) return t('bulkGroupDynamic', g.displayName);
  if (g.kind !== 'security') return t('bulkGroupMailEnabled', g.displayName);
  return null;
}
