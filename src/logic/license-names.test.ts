import { describe, expect, it } from 'vitest';
import { licenseName } from './license-names.ts';

describe('license names', () => {
  it("names a license by Microsoft's product name, found by its SKU id or its part number", () => {
    expect(licenseName({ skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560', skuPartNumber: 'POWER_BI_PRO' })).toBe('Power BI Pro');
    expect(licenseName({ skuId: 'F8A1DB68-BE16-40ED-86D5-CB42CE701560', skuPartNumber: '' })).toBe('Power BI Pro');
    expect(licenseName({ skuId: '00000000-0000-4000-8000-000000000000', skuPartNumber: 'AAD_PREMIUM_P2' })).toBe(
      'Microsoft Entra ID P2',
    );
    expect(licenseName({ skuId: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235', skuPartNumber: 'POWER_BI_STANDARD' })).toBe(
      'Microsoft Fabric (Free)',
    );
  });

  it('keeps the part number, or the id, of a license it does not know', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(licenseName({ skuId: id, skuPartNumber: 'CONTOSO_SPECIAL' })).toBe('CONTOSO_SPECIAL');
    expect(licenseName({ skuId: id, skuPartNumber: '' })).toBe(id);
  });
});
