import type { Client } from '@microsoft/microsoft-graph-client';
import type { Organization } from '@microsoft/microsoft-graph-types';

/**
 * The signed-in tenant's display name and verified domains (`GET /organization`, allowed with User.Read): the domains
 * tell whether a page that names its tenant by domain (the portal's `#@contoso.com`) is this tenant's.
 */
export async function tenantIdentity(client: Client): Promise<{ name?: string; domains: string[] }> {
  const orgs = (await client.api('/organization').select('id,displayName,verifiedDomains').get()) as { value: Organization[] };
  const org = orgs.value[0];
  return {
    name: org?.displayName ?? undefined,
    domains: (org?.verifiedDomains ?? []).flatMap((d) => (d.name ? [d.name.toLowerCase()] : [])),
  };
}

/**
 * The country the tenant is registered in (`countryLetterCode`, allowed with User.Read), or null when it has none:
 * the usage location a guest is offered before a licence, on an environment's page and a Power BI app's alike.
 */
export async function tenantCountry(client: Client): Promise<string | null> {
  const orgs = (await client.api('/organization').select('id,countryLetterCode').get()) as { value: Organization[] };
  return orgs.value[0]?.countryLetterCode ?? null;
}

/** Another organization's name and default domain, as Graph's tenantInformation gives them. */
export interface TenantInformation {
  tenantId: string;
  displayName?: string | null;
  defaultDomainName?: string | null;
}

/**
 * The batch item that reads an organization by its tenant id (learn: tenantrelationship-findtenantinformationbytenantid,
 * CrossTenantInformation.ReadBasic.All; a tenant Entra does not know is answered 404 Directory_ObjectNotFound).
 */
export const tenantInformationItem = (id: string, tenantId: string) => ({
  id,
  method: 'GET' as const,
  url: `/tenantRelationships/findTenantInformationByTenantId(tenantId='${encodeURIComponent(tenantId)}')`,
});
