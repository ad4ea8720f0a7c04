/**
 * Microsoft's product names for the licenses a guest meets, from Microsoft's "Product names and service plan
 * identifiers for licensing" table (../shared/data/license-skus.json: skuId, skuPartNumber, displayName). Graph
 * answers a license by its part number (`POWER_BI_PRO`); a person reads the product's name (issue 25).
 */
const SKUS: readonly (readonly [skuId: string, partNumber: string, name: string])[] = [
  ['f8a1db68-be16-40ed-86d5-cb42ce701560', 'POWER_BI_PRO', 'Power BI Pro'],
  ['c1d032e0-5619-4761-9b5c-75b6831e1711', 'PBI_PREMIUM_PER_USER', 'Power BI Premium Per User'],
  ['a403ebcc-fae0-4ca2-8c8c-7a907fd6c235', 'POWER_BI_STANDARD', 'Microsoft Fabric (Free)'],
  ['b30411f5-fea1-4a59-9ad9-3db7c7ead579', 'POWERAPPS_PER_USER', 'Power Apps Premium'],
  ['1e1a282c-9c54-43a2-9310-98ef728faace', 'DYN365_ENTERPRISE_SALES', 'Dynamics 365 for Sales Enterprise Edition'],
  ['05e9a617-0261-4cee-bb44-138d3ef5d965', 'SPE_E3', 'Microsoft 365 E3'],
  ['06ebc4ee-1bb5-47dd-8120-11324bc54e06', 'SPE_E5', 'Microsoft 365 E5'],
  ['6fd2c87f-b296-42f0-b197-1e91e994b900', 'ENTERPRISEPACK', 'Office 365 E3'],
  ['078d2b04-f1bd-4111-bbd4-b4b1b354cef4', 'AAD_PREMIUM', 'Microsoft Entra ID P1'],
  ['84a661c4-e949-4bd2-a560-ed7766fcaf2b', 'AAD_PREMIUM_P2', 'Microsoft Entra ID P2'],
];

const BY_ID = new Map(SKUS.map(([id, , name]) => [id, name]));
const BY_PART = new Map(SKUS.map(([, part, name]) => [part, name]));

/** A license by Microsoft's product name; one not in the table keeps the part number Graph gave (or its id). */
export function licenseName(license: { skuId: string; skuPartNumber?: string }): string {
  const part = license.skuPartNumber?.toUpperCase() ?? '';
  return BY_ID.get(license.skuId.toLowerCase()) ?? BY_PART.get(part) ?? (license.skuPartNumber || license.skuId);
}
