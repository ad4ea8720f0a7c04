import { describe, expect, it } from 'vitest';
import { licensePath, POWER_BI_PPU, POWER_BI_PRO } from './license-path.ts';

const skus = [
  { skuId: POWER_BI_PRO, skuPartNumber: 'POWER_BI_PRO', enabled: 5, consumed: 2 },
  { skuId: POWER_BI_PPU, skuPartNumber: 'PBI_PREMIUM_PER_USER', enabled: 2, consumed: 2 },
];
const shared = { id: 'w', name: 'Sales Analytics', isOnDedicatedCapacity: false };
const premium = (sku: string) => ({
  id: 'w',
  name: 'Finance',
  isOnDedicatedCapacity: true,
  capacity: { id: 'c', name: 'Contoso capacity', sku },
});

describe('licensePath', () => {
  it('needs no licence on a Premium P capacity, and says why', () => {
    const path = licensePath(premium('P1'), skus);
    expect(path).toMatchObject({ kind: 'capacity', headline: 'No license needed to view' });
    expect(path.reason).toContain('Contoso capacity (P1)');
  });

  it.each([
    ['F64', 'capacity'],
    ['F128', 'capacity'],
    ['F32', 'pro'],
    ['A4', 'pro'],
    ['EM3', 'pro'],
  ])('treats a %s capacity as %s', (sku, kind) => {
    expect(licensePath(premium(sku), skus).kind).toBe(kind);
  });

  it('counts free Pro units on shared capacity', () => {
    expect(licensePath(shared, skus)).toMatchObject({
      kind: 'pro',
      headline: 'Pro license needed: 3 free in this tenant',
      sku: { skuId: POWER_BI_PRO, free: 3 },
    });
  });

  it('says when the tenant has bought no Pro at all', () => {
    expect(licensePath(shared, []).headline).toBe('Pro license needed: none bought in this tenant');
  });

  it('needs Premium Per User in a PPU workspace and counts none free', () => {
    expect(licensePath(premium('PP3'), skus)).toMatchObject({
      kind: 'ppu',
      headline: 'Premium Per User license needed: none free in this tenant',
    });
  });

  it('recognises a guest who already holds Pro, or PPU which includes it', () => {
    expect(licensePath(shared, skus, [POWER_BI_PRO]).held).toBe(true);
    expect(licensePath(shared, skus, [POWER_BI_PPU]).headline).toBe('Has a Power BI Pro license in this tenant');
  });

  it("says the guest's own Pro cannot be checked from here", () => {
    expect(licensePath(shared, skus).reason).toContain('cannot be checked from here');
  });
});
