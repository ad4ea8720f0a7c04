import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../paths.ts';
import type { SandboxAzure } from '../store.ts';

export interface RoleDefinition {
  id: string;
  name: string;
  type: string;
  properties: {
    roleName: string;
    description: string;
    type: string;
    assignableScopes: string[];
    permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] }[];
  };
}

/** Azure's built-in roles, Microsoft's own ids and permissions (../shared/data/azure-built-in-roles.json). */
const builtInRoles = JSON.parse(readFileSync(join(sharedDataDir, 'azure-built-in-roles.json'), 'utf8')) as RoleDefinition[];

/**
 * The tenant's custom roles. "Storage Helper" sounds harmless but may assign any role: the extension must judge it
 * by its permissions, asking for a confirmation one guest at a time and refusing it in bulk.
 */
const customRoles: RoleDefinition[] = [
  {
    id: '/providers/Microsoft.Authorization/roleDefinitions/5c0e6a2b-7f3d-4e21-9a8b-3d4c5e6f7a81',
    name: '5c0e6a2b-7f3d-4e21-9a8b-3d4c5e6f7a81',
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: 'Storage Helper',
      description: 'Helps partners with storage accounts.',
      type: 'CustomRole',
      assignableScopes: ['/subscriptions/11111111-2222-4333-8444-555555555555'],
      permissions: [
        {
          actions: ['Microsoft.Storage/*/read', 'Microsoft.Authorization/roleAssignments/*'],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
    },
  },
];

/** The role definitions every tenant's ARM knows: the built-in ones, then the seed's custom one. */
export const allRoles = [...builtInRoles, ...customRoles];

/** A tenant's role definitions: those of every tenant, then its own custom roles (`azure.customRoles`). */
export const rolesOf = (azure: SandboxAzure | undefined): RoleDefinition[] =>
  azure?.customRoles?.length ? [...allRoles, ...azure.customRoles] : allRoles;

export const roleByName = (name: string) => allRoles.find((r) => r.properties.roleName === name);

/** A role definition of the tenant by its guid; looked up without copying the list, as it runs once per assignment. */
export function roleIn(azure: SandboxAzure | undefined, guid: string): RoleDefinition | undefined {
  const name = guid.toLowerCase();
  return allRoles.find((r) => r.name === name) ?? azure?.customRoles?.find((r) => r.name === name);
}

/** Whether `scope` is `outer` or lies below it. */
export function within(scope: string, outer: string): boolean {
  const s = scope.toLowerCase();
  const o = outer.toLowerCase();
  return s === o || s.startsWith(`${o}/`);
}

/** Whether a role may be assigned at `scope`: at or under one of its assignable scopes (a built-in one's is `/`). */
export const assignableAt = (role: RoleDefinition, scope: string) =>
  role.properties.assignableScopes.some((s) => s === '/' || within(scope, s));

/** Whether an action pattern (`*`, `Microsoft.Authorization/*`, …) covers an action. */
function covers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** Whether a role definition allows an action (actions minus notActions). */
export function roleAllows(role: RoleDefinition, action: string): boolean {
  return role.properties.permissions.some(
    (p) => p.actions.some((a) => covers(a, action)) && !p.notActions.some((n) => covers(n, action)),
  );
}

/** The role definition id as ARM shows it under a subscription. */
export const scopedRoleId = (subscriptionId: string, guid: string) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
