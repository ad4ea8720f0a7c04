import type { Client } from '@microsoft/microsoft-graph-client';
import type { Organization } from '@microsoft/microsoft-graph-types';

/** The signed-in tenant's display name (`GET /organization`, allowed with User.Read). */
export async function tenantName(client: Client): Promise<string | undefined> {
  const orgs = (await client.api('/organization').select('id,displayName').get()) as { value: Organization[] };
  return orgs.value[0]?.displayName ?? undefined;
}
