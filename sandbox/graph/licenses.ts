import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiResponse } from '../api.ts';
import { sharedDataDir } from '../paths.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { badRequest } from './errors.ts';

interface SkuData {
  skuId: string;
  skuPartNumber: string;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

/** Microsoft's own SKU and service-plan ids (../shared/data/license-skus.json). */
const skus = JSON.parse(readFileSync(join(sharedDataDir, 'license-skus.json'), 'utf8')) as SkuData[];
const skuData = (skuId: string) => skus.find((s) => s.skuId === skuId);
/** A SKU's part number (POWER_BI_PRO), or its id when Microsoft's list does not have it. */
export const skuPartNumber = (skuId: string) => skuData(skuId)?.skuPartNumber ?? skuId;

const plans = (skuId: string) =>
  (skuData(skuId)?.servicePlans ?? []).map((p) => ({
    servicePlanId: p.servicePlanId,
    servicePlanName: p.servicePlanName,
    provisioningStatus: 'Success',
    appliesTo: 'User',
  }));

const consumed = (tenant: SandboxTenant, skuId: string) =>
  tenant.users.filter((u) => (u.assignedLicenses ?? []).some((l) => l.skuId === skuId)).length;

/** `GET /subscribedSkus`: what the tenant bought, with units consumed counted from the users who hold them. */
export function subscribedSkus(tenant: SandboxTenant): Record<string, unknown>[] {
  return (tenant.subscriptions ?? []).map((s) => ({
    id: `${tenant.id}_${s.skuId}`,
    accountId: tenant.id,
    accountName: tenant.displayName,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumed(tenant, s.skuId),
    skuId: s.skuId,
    skuPartNumber: skuData(s.skuId)?.skuPartNumber ?? null,
    subscriptionIds: [],
    prepaidUnits: { enabled: s.enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: plans(s.skuId),
  }));
}

export function licenseDetails(user: SandboxUser): Record<string, unknown>[] {
  return (user.assignedLicenses ?? []).map((l) => ({
    id: `${user.id}_${l.skuId}`,
    skuId: l.skuId,
    skuPartNumber: skuData(l.skuId)?.skuPartNumber ?? null,
    servicePlans: plans(l.skuId),
  }));
}

interface AssignBody {
  addLicenses?: { skuId?: string; disabledPlans?: string[] }[];
  removeLicenses?: string[];
}

/** `POST /users/{id}/assignLicense`: refused, as Graph does, without a usage location or a free unit. */
export function assignLicense(tenant: SandboxTenant, user: SandboxUser, body: AssignBody): ApiResponse | null {
  if (!Array.isArray(body.addLicenses) || !Array.isArray(body.removeLicenses)) {
    return badRequest('addLicenses and removeLicenses are required.');
  }
  if (!user.usageLocation) {
    return badRequest('License assignment cannot be done for user with invalid usage location.');
  }
  for (const add of body.addLicenses) {
    const sub = (tenant.subscriptions ?? []).find((s) => s.skuId === add.skuId);
    if (!sub) return badRequest(`License ${add.skuId} does not correspond to a valid company License.`);
    const held = (user.assignedLicenses ?? []).some((l) => l.skuId === add.skuId);
    if (!held && consumed(tenant, sub.skuId) >= sub.enabled) {
      return badRequest(`Subscription ${skuData(sub.skuId)?.skuPartNumber ?? sub.skuId} does not have any available licenses.`);
    }
  }
  const kept = (user.assignedLicenses ?? []).filter((l) => !body.removeLicenses?.includes(l.skuId));
  const added = body.addLicenses
    .filter((a) => !kept.some((l) => l.skuId === a.skuId))
    .map((a) => ({ skuId: a.skuId as string, disabledPlans: a.disabledPlans ?? [], assignedDateTime: new Date().toISOString() }));
  user.assignedLicenses = [...kept, ...added];
  return null;
}
