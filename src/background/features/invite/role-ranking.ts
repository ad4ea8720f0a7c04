import { t } from '../../../common/i18n.ts';
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

/**
 * Actions that hand out access or lift what limits it. A role allowing any of them is broad whatever it is called:
 * - role assignments (write, and delete, which also decides who has access) and the PIM requests that make them;
 * - role definitions: a holder could add any action to a role they hold;
 * - PIM policies and their assignments: they set the approval, MFA and duration that guard activation;
 * - elevateAccess: a Global Administrator takes User Access Administrator at the root;
 * - deny assignments: removing one gives back access it denied;
 * - policy assignments: a deployIfNotExists or modify policy runs remediation as a managed identity that may hold
 *   any role, so assigning one acts with that identity's rights.
 * Locks are left out: removing one only lets a person do what their role already allows.
 */
export const ELEVATING_ACTIONS = [
  'roleAssignments/write',
  'roleAssignments/delete',
  'roleAssignmentScheduleRequests/write',
  'roleEligibilityScheduleRequests/write',
  'roleDefinitions/write',
  'roleManagementPolicies/write',
  'roleManagementPolicyAssignments/write',
  'elevateAccess/action',
  'denyAssignments/write',
  'denyAssignments/delete',
  'policyAssignments/write',
].map((a) => `Microsoft.Authorization/${a}`);

// An action of every resource provider (`*`, `*/write`, `*/delete`, ...), reading aside.
const everyProvider = (action: string) => /^\*(\/|$)/.test(action) && !/^\*\/read$/i.test(action);

/**
 * Why a role is too broad to suggest (and needs confirmation), or null: judged by what its permissions allow, never
 * by its name, so a custom role that can assign roles is caught however harmless it sounds.
 */
export function riskyRole(role: AzureRole): string | null {
  const name = role.properties.roleName;
  const elevating = ELEVATING_ACTIONS.find((a) => roleAllows(role, a));
  const everything = role.properties.permissions.some((p) => p.actions.some(everyProvider));
  if (elevating && everything) return t('riskEveryAction', name);
  if (elevating) return t('riskChangesAccess', name, elevating);
  // Contributor: every provider's writes, though not access; a narrower role almost always fits.
  if (everything) return t('riskChangesEverything', name);
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

/** Whether an action pattern covers an action, as ARM reads it: `*` stands for any characters, `/` too; any case. */
function covers(pattern: string, action: string): boolean {
  const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i').test(action);
}

/** Whether a role allows an action: in one of its permission blocks, an action covers it and no notAction does. */
export function roleAllows(role: AzureRole, action: string): boolean {
  return role.properties.permissions.some(
    (p) => p.actions.some((a) => covers(a, action)) && !p.notActions.some((n) => covers(n, action)),
  );
}
