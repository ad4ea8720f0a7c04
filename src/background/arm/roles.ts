import type { AzureAssignment, AzureRoleOption, AzureRoles } from '../../shared/azure.ts';
import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { scopeParts } from '../../shared/page-context.ts';
import { type AzureRole, riskyRole, roleAllows, suggestRoles } from '../../shared/role-ranking.ts';
import { currentAccount } from '../auth.ts';
import { wait } from '../rest.ts';
import { arm } from './client.ts';

const AUTH = '/providers/Microsoft.Authorization';

const option = (r: AzureRole): AzureRoleOption => ({
  id: r.name,
  name: r.properties.roleName,
  description: r.properties.description,
  risk: riskyRole(r),
});

/** Roles assignable at this scope: the least privileged for its resource type first, then all of them by name. */
export async function azureRoles(settings: Settings, scope: string): Promise<AzureRoles> {
  const [{ value }, mine, account] = await Promise.all([
    arm<{ value: AzureRole[] }>(settings, 'GET', `${scope}${AUTH}/roleDefinitions`, '2022-04-01'),
    arm<{ value: { properties: { principalId: string; roleDefinitionId: string } }[] }>(
      settings,
      'GET',
      `${scope}${AUTH}/roleAssignments?$filter=atScope()`,
      '2022-04-01',
    ),
    currentAccount(settings),
  ]);
  // May I assign here? Any of my roles at or above this scope that allows roleAssignments/write.
  const mayAssign = mine.value.some((a) => {
    const role = value.find((r) => r.name === a.properties.roleDefinitionId.split('/').pop());
    return (
      a.properties.principalId === account?.id && !!role && roleAllows(role, 'Microsoft.Authorization/roleAssignments/write')
    );
  });
  const type = scopeParts(scope).resourceType ?? 'Microsoft.Resources/resourceGroups';
  const suggested = suggestRoles(value, type);
  const reader = value.find((r) => r.properties.roleName === 'Reader');
  const first = reader && !suggested.includes(reader) ? [reader, ...suggested] : suggested;
  return {
    mayAssign,
    suggested: first.map(option),
    all: [...value].sort((a, b) => a.properties.roleName.localeCompare(b.properties.roleName)).map(option),
  };
}

/**
 * Role at exactly this scope: active now (roleAssignments), or eligible through PIM for a number of days
 * (roleEligibilityScheduleRequests, AdminAssign). A guest invited a moment ago is not yet visible to ARM
 * (PrincipalNotFound): that case, and only that one, is retried with backoff for up to about half a minute.
 */
export async function assignAzureRole(
  settings: Settings,
  request: { scope: string; roleId: string; principalId: string; eligibleDays?: number },
): Promise<AzureAssignment> {
  const sub = scopeParts(request.scope).subscriptionId;
  const roleDefinitionId = `/subscriptions/${sub}${AUTH}/roleDefinitions/${request.roleId}`;
  const name = crypto.randomUUID();
  const start = new Date();
  const eligible = request.eligibleDays !== undefined;
  const [path, version, body] = eligible
    ? [
        `${request.scope}${AUTH}/roleEligibilityScheduleRequests/${name}`,
        '2020-10-01',
        {
          properties: {
            principalId: request.principalId,
            roleDefinitionId,
            requestType: 'AdminAssign',
            justification: 'Invited with Invite Here',
            scheduleInfo: {
              startDateTime: start.toISOString(),
              expiration: { type: 'AfterDuration', duration: `P${request.eligibleDays}D` },
            },
          },
        },
      ]
    : [
        `${request.scope}${AUTH}/roleAssignments/${name}`,
        '2022-04-01',
        { properties: { roleDefinitionId, principalId: request.principalId, principalType: 'User' } },
      ];
  for (let delay = 1000, waited = 0; ; delay *= 2) {
    try {
      const made = await arm<{ properties: { scope: string } }>(settings, 'PUT', path, version, body);
      const end = eligible ? new Date(start.getTime() + (request.eligibleDays as number) * 86_400_000).toISOString() : null;
      return {
        scope: made.properties.scope,
        roleId: request.roleId,
        kind: eligible ? 'eligible' : 'active',
        endDateTime: end,
        waitedMs: waited,
      };
    } catch (e) {
      if (!(e instanceof AppError && e.code === ErrorCodes.principalNotFound) || waited > 30_000) throw e;
      await wait(delay);
      waited += delay;
    }
  }
}
