import { parseArmId } from '../logic/arm-id.ts';
import { isGuid } from '../logic/guid.ts';
import { own } from '../logic/own.ts';
import { t } from './i18n.ts';
import type { PageContext } from './page-context-schema.ts';

/** What the page in a tab is about, as far as inviting goes. Detected in src/background/features/page/detect.ts; its shape is the schema's. */
export type { PageContext };

export interface ScopeParts {
  subscriptionId: string;
  resourceGroup?: string;
  /** e.g. `Microsoft.Storage/storageAccounts`, or `Microsoft.Sql/servers/databases` for nested resources. */
  resourceType?: string;
  name?: string;
}

/** Splits a canonical ARM scope into its parts, by the one ARM-id grammar; an id it refuses has no parts. */
export function scopeParts(scope: string): ScopeParts {
  const id = parseArmId(scope);
  if (!id) return { subscriptionId: '' };
  const parts: ScopeParts = { subscriptionId: id.subscriptionId };
  if (id.resourceGroup) parts.resourceGroup = id.resourceGroup;
  if (!id.resourceType.startsWith('Microsoft.Resources/')) {
    parts.resourceType = id.resourceType;
    parts.name = id.name;
  }
  return parts;
}

/** The common resource types by the names the portal gives them; getters, so each is read in the browser's language. */
const RESOURCE_WORDS: Record<string, () => string> = {
  'microsoft.storage/storageaccounts': () => t('shellTypeStorageAccount'),
  'microsoft.keyvault/vaults': () => t('shellTypeKeyVault'),
  'microsoft.web/sites': () => t('shellTypeAppService'),
  'microsoft.web/serverfarms': () => t('shellTypeAppServicePlan'),
  'microsoft.sql/servers': () => t('shellTypeSqlServer'),
  'microsoft.sql/servers/databases': () => t('shellTypeSqlDatabase'),
  'microsoft.compute/virtualmachines': () => t('shellTypeVirtualMachine'),
  'microsoft.network/virtualnetworks': () => t('shellTypeVirtualNetwork'),
  'microsoft.containerservice/managedclusters': () => t('shellTypeKubernetes'),
  'microsoft.documentdb/databaseaccounts': () => t('shellTypeCosmosDb'),
};

/** A resource type in words: "Storage account", or the last type segment when it is not a common one. */
export function resourceTypeWords(type: string): string {
  return own(RESOURCE_WORDS, type.toLowerCase())?.() ?? type.split('/').pop() ?? type;
}

/**
 * One line for the popup, before any service has answered: "Storage account stdata01 in rg-data", "Power BI app".
 * An app, workspace or environment is known only by id from its URL; the popup names it once its API answers, and
 * shows the id a click away rather than in this line.
 */
export function describePageContext(ctx: PageContext): string {
  switch (ctx.kind) {
    case 'powerbi-app':
      return t('shellKindPowerBiApp');
    case 'powerbi-workspace':
      return t('shellKindPowerBiWorkspace');
    case 'azure-resource':
      return describeScope(ctx.scope);
    case 'power-platform-environment':
      return t('shellKindPowerPlatform');
  }
}

/** An Azure scope in words, read from the scope itself: "Storage account stdata01 in rg-data". */
export function describeScope(scope: string): string {
  const p = scopeParts(scope);
  if (p.resourceType && p.name) {
    const resource = t('shellResource', resourceTypeWords(p.resourceType), p.name);
    return p.resourceGroup ? t('shellResourceIn', resource, p.resourceGroup) : resource;
  }
  return p.resourceGroup ? t('shellResourceGroup', p.resourceGroup) : t('shellSubscription', p.subscriptionId);
}

/**
 * The tenant a page names (Power BI's `ctid`, a default environment's id, the portal's `#@tenant`) when it is not the
 * one signed in to, or null. What the popup sends goes to the signed-in tenant, so it says so first (issue 21).
 * A domain is compared with the tenant's verified domains; unknown domains count as another tenant's.
 */
export function otherTenant(ctx: PageContext | null, account: { tenantId: string; tenantDomains?: string[] }): string | null {
  const named = ctx?.kind === 'azure-resource' ? ctx.tenant : ctx?.tenantId;
  if (!named) return null;
  const lower = named.toLowerCase();
  if (lower === account.tenantId.toLowerCase()) return null;
  if (!isGuid(lower) && (!account.tenantDomains || account.tenantDomains.includes(lower))) return null;
  return named;
}
