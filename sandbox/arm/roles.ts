import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../paths.ts';

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
export const builtInRoles = JSON.parse(
  readFileSync(join(sharedDataDir, 'azure-built-in-roles.json'), 'utf8'),
) as RoleDefinition[];

export const roleByName = (name: string) => builtInRoles.find((r) => r.properties.roleName === name);
export const roleById = (guid: string) => builtInRoles.find((r) => r.name === guid.toLowerCase());

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
