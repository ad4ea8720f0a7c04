/**
 * The environment resource as the environment API (Microsoft.BusinessAppPlatform) shows it.
 * learn: https://learn.microsoft.com/power-platform/admin/list-environments (the example's shape) and
 * https://learn.microsoft.com/powershell/module/microsoft.powerapps.administration.powershell/get-adminpowerappenvironment
 * (one environment by name; a non-admin reads it without `scopes/admin`).
 */
import type { ApiResponse } from '../api.ts';
import type { SandboxTenant } from '../store.ts';
import type { SandboxEnvironment } from './model.ts';

export const BAP = '/providers/Microsoft.BusinessAppPlatform';

/**
 * The environment API's error body, `{ error: { code, message } }`. The codes come from what the service answers
 * (microsoft/terraform-provider-power-platform's mocks: `EnvironmentNotFound`; microsoft/coe-starter-kit#5449:
 * `UserNotMemberOfCdsSecurityGroup`); Learn documents no error table for this API.
 */
export const bapError = (status: number, code: string, message: string, headers?: Record<string, string>): ApiResponse => ({
  status,
  body: { error: { code, message } },
  ...(headers ? { headers } : {}),
});

export const environmentNotFound = (tenant: SandboxTenant, name: string) =>
  bapError(404, 'EnvironmentNotFound', `The environment '${name}' could not be found in the tenant '${tenant.id}'.`);

/** One environment; `admin` gives the `scopes/admin` id an admin's read shows. */
export function environmentResource(tenant: SandboxTenant, env: SandboxEnvironment, admin: boolean) {
  const dv = env.dataverse;
  return {
    id: `${BAP}${admin ? '/scopes/admin' : ''}/environments/${env.name}`,
    type: 'Microsoft.BusinessAppPlatform/scopes/environments',
    location: env.location,
    name: env.name,
    properties: {
      tenantId: tenant.id,
      azureRegion: env.azureRegion,
      displayName: env.displayName,
      createdTime: env.createdTime,
      environmentSku: env.environmentSku,
      isDefault: env.isDefault,
      provisioningState: 'Succeeded',
      ...(dv
        ? {
            linkedEnvironmentMetadata: {
              type: 'Dynamics365Instance',
              resourceId: dv.resourceId,
              friendlyName: env.displayName,
              uniqueName: dv.uniqueName,
              domainName: dv.domainName,
              version: dv.version,
              instanceUrl: `${dv.instanceUrl}/`,
              instanceApiUrl: `https://${dv.domainName}.api.${new URL(dv.instanceUrl).host.split('.').slice(1).join('.')}`,
              baseLanguage: 1033,
              instanceState: 'Ready',
              createdTime: env.createdTime,
              ...(env.securityGroupId ? { securityGroupId: env.securityGroupId } : {}),
            },
          }
        : {}),
    },
  };
}
