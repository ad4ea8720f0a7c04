import { isArmScope, parseArmId } from '../shared/arm-id.ts';
import { defaultEnvironmentTenant, isEnvironmentId } from '../shared/environment-id.ts';
import { guid, type Obj, obj, optGuid, text } from './shape-parts.ts';

const optItem = (p: Obj) =>
  (p.itemType === undefined || p.itemType === 'report' || p.itemType === 'dashboard') && optGuid(p.itemId);

const ENVIRONMENT_KEYS = new Set(['kind', 'environmentId', 'source', 'tenantId']);

/**
 * Exactly what the detector makes of a Power Platform page: its keys and no others, the id in its one spelling, and
 * for a default environment the tenant its id names (never another one beside it).
 */
function environmentContext(v: Obj): boolean {
  if (!Object.keys(v).every((key) => ENVIRONMENT_KEYS.has(key))) return false;
  if (!isEnvironmentId(v.environmentId) || (v.source !== 'admin' && v.source !== 'maker')) return false;
  const own = defaultEnvironmentTenant(v.environmentId);
  return own ? v.tenantId === own : optGuid(v.tenantId);
}

/** A page context the popup hands back (it came from the background): only the known kinds, with well-formed ids. */
export function pageContext(v: unknown): boolean {
  if (!obj(v)) return false;
  switch (v.kind) {
    case 'powerbi-app':
      return guid(v.appId) && optGuid(v.workspaceId) && optGuid(v.tenantId) && optItem(v);
    case 'powerbi-workspace':
      return guid(v.workspaceId) && optGuid(v.tenantId) && optItem(v);
    case 'azure-resource': {
      // Exactly what the detector makes of a scope: its parts are read from the scope, never trusted beside it.
      const id = isArmScope(v.scope) ? parseArmId(v.scope) : null;
      return (
        !!id &&
        v.subscriptionId === id.subscriptionId &&
        v.resourceGroup === id.resourceGroup &&
        (v.tenant === undefined || text(v.tenant, 256))
      );
    }
    case 'power-platform-environment':
      return environmentContext(v);
    default:
      return false;
  }
}
