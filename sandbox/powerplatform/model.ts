/**
 * The sandbox's Power Platform: environments (the environment API at api.bap.microsoft.com) and, for those with a
 * Dataverse, the instance's users and security roles (the Dataverse Web API at the instance host).
 */
import type { SandboxTenant, SandboxUser } from '../store.ts';

/** A Dataverse `systemuser`, kept with the Entra object it was synchronised from. */
export interface SandboxSystemUser {
  systemuserid: string;
  azureactivedirectoryobjectid: string;
  fullname: string;
  firstname: string | null;
  lastname: string | null;
  /** The user's UPN (learn: reference/entities/systemuser, DomainName). */
  domainname: string;
  internalemailaddress: string | null;
  isdisabled: boolean;
  /** `roleid`s held (the systemuserroles_association relationship). */
  roles: string[];
  /** Not readable before this instant (ms): Dataverse's sync after "add user" is not instant (a test's fault). */
  visibleFrom?: number;
}

/** The systemusers Dataverse shows now: those whose sync has come through. */
export const syncedUsers = (dv: SandboxDataverse) => dv.users.filter((u) => (u.visibleFrom ?? 0) <= Date.now());

/** A security role; `roletemplateid` for Microsoft's standard roles, `privileges` by name (prvAssignRole, ...). */
export interface SandboxRole {
  roleid: string;
  name: string;
  roletemplateid?: string;
  privileges?: string[];
}

export interface SandboxDataverse {
  instanceUrl: string;
  /** The Dataverse organization id (`linkedEnvironmentMetadata.resourceId`). */
  resourceId: string;
  uniqueName: string;
  domainName: string;
  version: string;
  /** The root business unit, which owns every role here. */
  businessUnitId: string;
  roles: SandboxRole[];
  users: SandboxSystemUser[];
}

export interface SandboxEnvironment {
  /** The environment's name, a GUID, or `Default-{tenantId}` for the default environment. */
  name: string;
  displayName: string;
  /** The environment's geography, e.g. `unitedstates`, `europe`. */
  location: string;
  azureRegion: string;
  environmentSku: 'Default' | 'Developer' | 'Production' | 'Sandbox' | 'Teams' | 'Trial';
  isDefault: boolean;
  createdTime: string;
  /** The Entra security group that restricts who may enter the environment, if any. */
  securityGroupId?: string;
  dataverse?: SandboxDataverse;
}

export interface SandboxPowerPlatform {
  environments: SandboxEnvironment[];
  /** The tenant settings the sandbox keeps (learn: power-platform/admin/list-tenantsettings). */
  tenantSettings: { enableGuestsToMake: boolean; disableShareWithEveryone: boolean };
}

/**
 * Directory roles that make a user a Power Platform admin of every environment in the tenant (learn:
 * power-platform/admin/use-service-admin-role-manage-tenant): Global, Power Platform and Dynamics 365 Administrator.
 */
export const POWER_PLATFORM_ADMIN_ROLES = new Set([
  '62e90394-69f5-4237-9190-012177145e10',
  '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  '44367163-eba1-44c3-98af-f5787879f96a',
]);

export const isPowerPlatformAdmin = (user: SandboxUser | undefined) =>
  !!user?.directoryRoles.some((r) => POWER_PLATFORM_ADMIN_ROLES.has(r));

export const SYSTEM_ADMINISTRATOR = 'System Administrator';

/** Whether `user` may enter the environment: no security group restricts it, or they are a member of it. */
export function mayEnter(tenant: SandboxTenant, env: SandboxEnvironment, userId: string): boolean {
  if (!env.securityGroupId) return true;
  return !!tenant.groups.find((g) => g.id === env.securityGroupId)?.members.includes(userId);
}

/** The environment, of any tenant, whose Dataverse answers at `host`. */
export function environmentAtHost(
  tenants: SandboxTenant[],
  host: string,
): { tenant: SandboxTenant; env: SandboxEnvironment; dataverse: SandboxDataverse } | undefined {
  for (const tenant of tenants) {
    for (const env of tenant.powerPlatform?.environments ?? []) {
      if (env.dataverse && new URL(env.dataverse.instanceUrl).host === host) return { tenant, env, dataverse: env.dataverse };
    }
  }
  return undefined;
}

/** An audience without its trailing slash: Entra issues `https://service.powerapps.com/` and without, as asked. */
export const sameAudience = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
