import type { Client } from '@microsoft/microsoft-graph-client';
import type { LicenseDetails, SubscribedSku } from '@microsoft/microsoft-graph-types';
import type { LicenseSku } from '../../../common/powerbi.ts';
import { path } from '../url-path.ts';
import { graphList } from './list.ts';

/** The tenant's licences with enabled and consumed units (`GET /subscribedSkus`). */
export async function subscribedSkus(client: Client): Promise<LicenseSku[]> {
  const { items } = await graphList<SubscribedSku>(
    client,
    client.api('/subscribedSkus').select('skuId,skuPartNumber,prepaidUnits,consumedUnits').get(),
  );
  return items.map((s) => ({
    skuId: s.skuId ?? '',
    skuPartNumber: s.skuPartNumber ?? '',
    enabled: s.prepaidUnits?.enabled ?? 0,
    consumed: s.consumedUnits ?? 0,
  }));
}

export async function userSkuIds(client: Client, userId: string): Promise<string[]> {
  const { items } = await graphList<LicenseDetails>(client, client.api(path`/users/${userId}/licenseDetails`).get());
  return items.flatMap((l) => (l.skuId ? [l.skuId] : []));
}

export async function usageLocation(client: Client, userId: string): Promise<string | null> {
  const user = (await client.api(path`/users/${userId}`).select('id,usageLocation').get()) as { usageLocation?: string | null };
  return user.usageLocation ?? null;
}

/** assignLicense fails for a user without a usage location, and guests have none: set it first. */
export async function setUsageLocation(client: Client, userId: string, country: string): Promise<void> {
  await client.api(path`/users/${userId}`).patch({ usageLocation: country });
}

export async function assignLicense(client: Client, userId: string, skuId: string): Promise<void> {
  await client
    .api(path`/users/${userId}/assignLicense`)
    .post({ addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] });
}
