/** Microsoft's host names the sandbox answers at; the test browser maps each of them to the sandbox. */
export const LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';
export const ARM_HOST = 'management.azure.com';
export const POWERBI_API_HOST = 'api.powerbi.com';
export const POWERBI_HOSTS = ['app.powerbi.com', 'app.fabric.microsoft.com'];
export const PORTAL_HOST = 'portal.azure.com';
/** The Power Platform environment API (Microsoft.BusinessAppPlatform). */
export const BAP_HOST = 'api.bap.microsoft.com';
/**
 * The seeded environments' Dataverse instances. Listed one by one: Chromium's --host-resolver-rules and the
 * certificate's SANs take each name (a wildcard is not allowed there); keep in step with seed.json.
 */
export const DATAVERSE_HOSTS = ['contoso-sales.crm.dynamics.com', 'contoso-dev.crm.dynamics.com'];
export const POWER_PLATFORM_ADMIN_HOST = 'admin.powerplatform.microsoft.com';
export const POWER_APPS_MAKER_HOST = 'make.powerapps.com';

export const SANDBOX_HOSTS = [
  LOGIN_HOST,
  GRAPH_HOST,
  ARM_HOST,
  POWERBI_API_HOST,
  ...POWERBI_HOSTS,
  PORTAL_HOST,
  BAP_HOST,
  ...DATAVERSE_HOSTS,
  POWER_PLATFORM_ADMIN_HOST,
  POWER_APPS_MAKER_HOST,
];

/** The `--host-resolver-rules` value that sends every sandbox host to the local port. */
export function hostResolverRules(port: number): string {
  return SANDBOX_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}
