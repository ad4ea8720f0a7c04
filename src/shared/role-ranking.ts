import { t } from './i18n.ts';
import { commonJobs } from './role-jobs.ts';

/**
 * Least-privilege ordering of Azure roles for a resource type: a role's breadth counts its actions and data
 * actions, wildcards counted as broad. Roles that can hand out access or do everything are never suggested.
 */
export interface AzureRole {
  name: string;
  properties: {
    roleName: string;
    description: string;
    permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] }[];
  };
}

const NEVER_SUGGESTED = new Set(['Owner', 'User Access Administrator', 'Contributor']);

/** Why a role is too broad to suggest (and needs confirmation), or null. */
export function riskyRole(role: AzureRole): string | null {
  const name = role.properties.roleName;
  const actions = role.properties.permissions.flatMap((p) => p.actions);
  if (name === 'Owner') return t('riskOwner');
  if (name === 'User Access Administrator') return t('riskUserAccessAdmin');
  if (actions.includes('*')) return t('riskEveryAction', name);
  if (
    actions.some(
      (a) =>
        /^Microsoft\.Authorization\/(\*|[^/]+\/\*)\/write$|^Microsoft\.Authorization\/\*$/i.test(a) ||
        /^Microsoft\.Authorization\/roleAssignments\/write$/i.test(a),
    )
  ) {
    return t('riskChangesAccess', name);
  }
  if (NEVER_SUGGESTED.has(name)) return t('riskChangesEverything', name);
  return null;
}

/** How much a role allows: an exact action counts 1, a wildcard segment 10, a namespace wildcard 100, `*` 1000. */
export function breadth(role: AzureRole): number {
  const weigh = (a: string) =>
    a === '*' ? 1000 : /^[^/]+\/\*$/.test(a) ? 100 : a.startsWith('*/') ? 50 : a.includes('*') ? 10 : 1;
  return role.properties.permissions.reduce(
    (sum, p) => sum + [...p.actions, ...p.dataActions].reduce((s, a) => s + weigh(a), 0),
    0,
  );
}

/** Whether a role is about this resource type's namespace (or reads everything, like Reader). */
function relevant(role: AzureRole, resourceType: string): boolean {
  const namespace = resourceType.split('/')[0]?.toLowerCase() ?? '';
  return role.properties.permissions.some((p) =>
    [...p.actions, ...p.dataActions].some((a) => a.toLowerCase().startsWith(`${namespace}/`) || a === '*/read'),
  );
}

const byBreadth = (a: AzureRole, b: AzureRole) =>
  breadth(a) - breadth(b) || a.properties.roleName.localeCompare(b.properties.roleName);

/**
 * Suggested roles for a scope: the common jobs for its resource type (role-jobs.ts), least privileged first;
 * for a type without enough of them, the least privileged roles about its namespace. Risky roles never.
 */
export function suggestRoles(roles: AzureRole[], resourceType: string, atLeast = 3, most = 8): AzureRole[] {
  const jobs = commonJobs(resourceType);
  const safe = roles.filter((r) => !riskyRole(r));
  const common = safe.filter((r) => jobs.has(r.properties.roleName)).sort(byBreadth);
  if (common.length >= atLeast) return common.slice(0, most);
  const more = safe.filter((r) => !common.includes(r) && relevant(r, resourceType)).sort(byBreadth);
  return [...common, ...more].slice(0, Math.max(atLeast, common.length));
}

/** Whether a role allows an action: one of its actions covers it and none of its notActions does. */
export function roleAllows(role: AzureRole, action: string): boolean {
  const covers = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    ).test(action);
  return role.properties.permissions.some((p) => p.actions.some(covers) && !p.notActions.some(covers));
}
