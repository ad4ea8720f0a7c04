import type { AzureAssignment, AzureRoleOption } from '../../shared/azure.ts';
import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { resourceTypeWords, scopeParts } from '../../shared/page-context.ts';
import { type AzureRole, riskyRole, suggestRoles } from '../../shared/role-ranking.ts';
import { arm } from './client.ts';

const AUTH = '/providers/Microsoft.Authorization';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const option = (r: AzureRole): AzureRoleOption => ({
  id: r.name,
  name: r.properties.roleName,
  description: r.properties.description,
  risk: riskyRole(r),
});

/** Roles assignable at this scope: the least privileged for its resource type first, then all of them by name. */
export async function azureRoles(
  settings: Settings,
  scope: string,
): Promise<{ suggested: AzureRoleOption[]; all: AzureRoleOption[] }> {
  const { value } = await arm<{ value: AzureRole[] }>(settings, 'GET', `${scope}${AUTH}/roleDefinitions`, '2022-04-01');
  const type = scopeParts(scope).resourceType ?? 'Microsoft.Resources/resourceGroups';
  const suggested = suggestRoles(value, type);
  const reader = value.find((r) => r.properties.roleName === 'Reader');
  const first = reader && !suggested.includes(reader) ? [reader, ...suggested] : suggested;
  return {
    suggested: first.map(option),
    all: [...value].sort((a, b) => a.properties.roleName.localeCompare(b.properties.roleName)).map(option),
  };
}

/**
 * Active role assignment at exactly this scope. A guest invited a moment ago is not yet visible to ARM
 * (PrincipalNotFound): that case, and only that one, is retried with backoff for up to about half a minute.
 */
export async function assignAzureRole(
  settings: Settings,
  request: { scope: string; roleId: string; principalId: string },
): Promise<AzureAssignment> {
  const sub = scopeParts(request.scope).subscriptionId;
  const body = {
    properties: {
      roleDefinitionId: `/subscriptions/${sub}${AUTH}/roleDefinitions/${request.roleId}`,
      principalId: request.principalId,
      principalType: 'User',
    },
  };
  const name = crypto.randomUUID();
  for (let delay = 1000, waited = 0; ; delay *= 2) {
    try {
      const made = await arm<{ properties: { scope: string } }>(
        settings,
        'PUT',
        `${request.scope}${AUTH}/roleAssignments/${name}`,
        '2022-04-01',
        body,
      );
      return { scope: made.properties.scope, roleId: request.roleId, waitedMs: waited };
    } catch (e) {
      if (!(e instanceof AppError && e.code === ErrorCodes.principalNotFound) || waited > 30_000) throw e;
      await wait(delay);
      waited += delay;
    }
  }
}

export const scopeKind = (scope: string) => {
  const p = scopeParts(scope);
  return p.resourceType ? resourceTypeWords(p.resourceType) : p.resourceGroup ? 'Resource group' : 'Subscription';
};
