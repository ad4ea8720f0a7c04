import { parseArmId } from './arm-id.ts';
import { own } from './own.ts';

/** What the page in a tab is about, as far as inviting goes. Detected in src/shared/detect.ts. */
export type PageContext =
  | {
      kind: 'powerbi-app';
      appId: string;
      workspaceId?: string;
      itemType?: 'report' | 'dashboard';
      itemId?: string;
      tenantId?: string;
    }
  | { kind: 'powerbi-workspace'; workspaceId: string; itemType?: 'report' | 'dashboard'; itemId?: string; tenantId?: string }
  | { kind: 'azure-resource'; scope: string; subscriptionId: string; resourceGroup?: string; tenant?: string }
  | {
      kind: 'power-platform-environment';
      /** A lower-case GUID, or `Default-{tenant GUID}` (src/shared/environment-id.ts). */
      environmentId: string;
      /** The Power Platform admin center or a maker portal (Power Apps, Power Automate). */
      source: 'admin' | 'maker';
      tenantId?: string;
    };

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

const RESOURCE_WORDS: Record<string, string> = {
  'microsoft.storage/storageaccounts': 'Storage account',
  'microsoft.keyvault/vaults': 'Key vault',
  'microsoft.web/sites': 'App Service',
  'microsoft.web/serverfarms': 'App Service plan',
  'microsoft.sql/servers': 'SQL server',
  'microsoft.sql/servers/databases': 'SQL database',
  'microsoft.compute/virtualmachines': 'Virtual machine',
  'microsoft.network/virtualnetworks': 'Virtual network',
  'microsoft.containerservice/managedclusters': 'Kubernetes cluster',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB account',
};

/** A resource type in words: "Storage account", or the last type segment when it is not a common one. */
export function resourceTypeWords(type: string): string {
  return own(RESOURCE_WORDS, type.toLowerCase()) ?? type.split('/').pop() ?? type;
}

/** One line for the popup: "Storage account stdata01 in rg-data", "Power BI app …". */
export function describePageContext(ctx: PageContext): string {
  switch (ctx.kind) {
    case 'powerbi-app':
      return `Power BI app ${ctx.appId}`;
    case 'powerbi-workspace':
      return `Power BI workspace ${ctx.workspaceId}`;
    case 'azure-resource':
      return describeScope(ctx.scope);
    case 'power-platform-environment':
      // The id is all the URL says; the popup puts the environment's name in its place once the API has answered.
      return `Power Platform environment ${ctx.environmentId}`;
  }
}

/** An Azure scope in words, read from the scope itself: "Storage account stdata01 in rg-data". */
export function describeScope(scope: string): string {
  const p = scopeParts(scope);
  if (p.resourceType && p.name) {
    return `${resourceTypeWords(p.resourceType)} ${p.name}${p.resourceGroup ? ` in ${p.resourceGroup}` : ''}`;
  }
  return p.resourceGroup ? `Resource group ${p.resourceGroup}` : `Subscription ${p.subscriptionId}`;
}
