import { t } from '../../../common/i18n.ts';
import type { LicensePath, LicenseSku, PowerBiWorkspace } from '../../../common/powerbi.ts';
import { formatNumber } from '../../../logic/format.ts';

/** Microsoft's SKU ids (../shared/data/license-skus.json). */
export const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
export const POWER_BI_PPU = 'c1d032e0-5619-4761-9b5c-75b6831e1711';

/**
 * Capacities where people without a paid licence may view content: Premium P SKUs and Fabric F64 and above.
 * Smaller F SKUs, A (Azure embedded) and EM SKUs still need Pro for viewers (learn: Power BI licensing for users).
 */
function freeViewing(sku: string): boolean {
  if (/^P\d/i.test(sku)) return true;
  const f = /^F(\d+)$/i.exec(sku);
  return !!f && Number(f[1]) >= 64;
}

const freeUnits = (skus: LicenseSku[], skuId: string) => {
  const s = skus.find((x) => x.skuId === skuId);
  return s ? Math.max(0, s.enabled - s.consumed) : undefined;
};

/**
 * The licence path for the person signed in, from what they may read: the workspace when they hold a role in it
 * (null when they do not: an app audience alone cannot see its capacity), and their own licences here.
 */
export function myLicensePath(workspace: PowerBiWorkspace | null, mySkuIds: string[]): LicensePath {
  const ppu = mySkuIds.includes(POWER_BI_PPU);
  const pro = ppu || mySkuIds.includes(POWER_BI_PRO);
  const sku = workspace?.capacity?.sku ?? '';
  if (workspace?.isOnDedicatedCapacity && freeViewing(sku))
    return {
      kind: 'capacity',
      headline: t('myPathNoLicense'),
      reason: t('myPathCapacityReason', workspace.name, workspace.capacity?.name ?? '', sku),
      held: true,
    };
  if (workspace?.isOnDedicatedCapacity && /^PP/i.test(sku))
    return {
      kind: 'ppu',
      headline: ppu ? t('myPathHasPpu') : t('myPathNeedsPpu'),
      reason: t('myPathPpuReason', workspace.name),
      held: ppu,
    };
  if (workspace)
    return {
      kind: 'pro',
      headline: pro ? t('myPathHasPro') : t('myPathNeedsPro'),
      reason: t('myPathProReason', workspace.name),
      held: pro,
    };
  return {
    kind: 'unknown',
    headline: ppu ? t('myPathHasPpu') : pro ? t('myPathHasProUnlessPpu') : t('myPathNoneAssigned'),
    reason: t('myPathUnknownReason'),
    held: ppu,
  };
}

/** Which of the three ways a guest may view this workspace's apps applies, and why. */
export function licensePath(workspace: PowerBiWorkspace, skus: LicenseSku[], guestSkuIds: string[] = []): LicensePath {
  const sku = workspace.capacity?.sku ?? '';
  if (workspace.isOnDedicatedCapacity && freeViewing(sku)) {
    return {
      kind: 'capacity',
      headline: t('pathNoLicense'),
      reason: t('pathCapacityReason', workspace.name, workspace.capacity?.name ?? '', sku),
      held: true,
    };
  }
  if (workspace.isOnDedicatedCapacity && /^PP/i.test(sku)) {
    const free = freeUnits(skus, POWER_BI_PPU);
    const held = guestSkuIds.includes(POWER_BI_PPU);
    return {
      kind: 'ppu',
      headline: held ? t('pathHasPpu') : free ? t('pathNeedsPpu', formatNumber(free)) : t('pathNeedsPpuNone'),
      reason: t('pathPpuReason', workspace.name),
      sku: free === undefined ? undefined : { skuId: POWER_BI_PPU, name: 'Power BI Premium Per User', free },
      held,
    };
  }
  const free = freeUnits(skus, POWER_BI_PRO);
  const held = guestSkuIds.includes(POWER_BI_PRO) || guestSkuIds.includes(POWER_BI_PPU);
  return {
    kind: 'pro',
    headline: held ? t('pathHasPro') : free === undefined ? t('pathNeedsProNone') : t('pathNeedsPro', formatNumber(free)),
    reason: workspace.isOnDedicatedCapacity
      ? t('pathProReasonCapacity', workspace.name, workspace.capacity?.name ?? '', sku)
      : t('pathProReasonShared', workspace.name),
    sku: free === undefined ? undefined : { skuId: POWER_BI_PRO, name: 'Power BI Pro', free },
    held,
  };
}
