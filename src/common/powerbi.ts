import type { AudienceGroup } from './invite-schema.ts';
/** Power BI things the popup shows, in the user's words. */
export interface PowerBiApp {
  id: string;
  name: string;
  workspaceId?: string;
}

export interface PowerBiWorkspace {
  id: string;
  name: string;
  isOnDedicatedCapacity: boolean;
  capacity?: { id: string; name: string; sku: string };
}

export type { AudienceGroup };

export interface LicenseSku {
  skuId: string;
  skuPartNumber: string;
  enabled: number;
  consumed: number;
}

/** 'unknown': the workspace's capacity cannot be read by the person asking (an app viewer without a workspace role). */
export type LicensePathKind = 'capacity' | 'ppu' | 'pro' | 'unknown';

export interface LicensePath {
  kind: LicensePathKind;
  /** One line: "No license needed to view", "Pro license needed: 3 free in this tenant". */
  headline: string;
  reason: string;
  /** The SKU to assign in this tenant, when one is needed and bought here. */
  sku?: { skuId: string; name: string; free: number };
  /** The guest already holds the needed licence in this tenant. */
  held: boolean;
}

export interface PowerBiPage {
  app?: PowerBiApp;
  workspace: PowerBiWorkspace;
  audience: { groups: AudienceGroup[]; source: 'admin' | 'remembered' | 'none' };
  licensePath: LicensePath;
  /** The country the tenant is registered in: the usage location a guest given a licence is offered. */
  tenantCountry: string | null;
}

export interface PowerBiGrant {
  /** The audience group, and whether the guest was added now (false: already a member). */
  group?: AudienceGroup & { added: boolean };
  viewer: boolean;
  licensePath: LicensePath;
}
