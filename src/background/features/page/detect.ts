import type { PageContext } from '../../../common/page-context.ts';
import { type ArmId, armIdAtStart, decodeFully, parseArmId } from '../../../logic/arm-id.ts';
import { isGuid } from '../../../logic/guid.ts';
import { own } from '../../../logic/own.ts';
import { ADMIN_HOST, detectPowerPlatform, MAKER_HOSTS } from './detect-power-platform.ts';

// The popup's wording lives with the type, in shared; re-exported so callers of the detector find it here too.
export { describePageContext } from '../../../common/page-context.ts';
export type { PageContext };

const POWERBI_HOSTS = new Set(['app.powerbi.com', 'app.fabric.microsoft.com']);
const PORTAL_HOSTS = new Set(['portal.azure.com', 'ms.portal.azure.com', 'preview.portal.azure.com']);

type Item = { itemType?: 'report' | 'dashboard'; itemId?: string };
const ITEM_TYPES: Record<string, 'report' | 'dashboard'> = { reports: 'report', rdlreports: 'report', dashboards: 'dashboard' };

/**
 * Reads what a Power BI, Azure portal or Power Platform page shows from its URL alone: no chrome.* or DOM, so it runs
 * anywhere.
 */
export function detectPageContext(url: string): PageContext | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (POWERBI_HOSTS.has(parsed.host)) return detectPowerBi(parsed);
  if (PORTAL_HOSTS.has(parsed.host)) return detectPortal(parsed);
  if (parsed.host === ADMIN_HOST || MAKER_HOSTS.has(parsed.host)) return detectPowerPlatform(parsed);
  return null;
}

/** Drops the keys whose value is undefined, so stored contexts and test expectations stay tidy. */
function defined<T extends PageContext>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- Power BI ----

function detectPowerBi(url: URL): PageContext | null {
  // Power BI matches query parameter names without regard to case (`ctid`, `appId`, `groupObjectId`).
  const params = new Map([...url.searchParams].map(([key, value]) => [key.toLowerCase(), value]));
  // A malformed ctid or groupObjectId only loses that detail; the page itself is still recognised.
  const optionalGuid = (key: string) => lowerGuid(params.get(key));
  const tenantId = optionalGuid('ctid');
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => s.toLowerCase());
  const workspaceId = optionalGuid('groupobjectid');
  if (segments.length === 1 && segments[0] === 'redirect') return redirectContext(params, workspaceId, tenantId);
  if (segments[0] !== 'groups' || !segments[1]) return null;
  if (segments[1] === 'me') {
    if (segments[2] !== 'apps' || !isGuid(segments[3])) return null;
    const item = itemFromPath(segments.slice(4));
    return item && defined({ kind: 'powerbi-app', appId: segments[3], ...item, tenantId });
  }
  if (!isGuid(segments[1])) return null;
  const item = itemFromPath(segments.slice(2));
  return item && defined({ kind: 'powerbi-workspace', workspaceId: segments[1], ...item, tenantId });
}

function lowerGuid(value: string | undefined): string | undefined {
  return isGuid(value) ? value.toLowerCase() : undefined;
}

/** `reports/<id>/...` or `dashboards/<id>/...`; any other path is a workspace or app page with no item. Null: a bad id. */
function itemFromPath(rest: string[]): Item | null {
  const [collection, id] = rest;
  const itemType = collection === undefined ? undefined : own(ITEM_TYPES, collection);
  if (!itemType || id === undefined) return {};
  return isGuid(id) ? { itemType, itemId: id } : null;
}

/** `/Redirect?action=OpenApp&appId=...`, and the OpenReport/OpenDashboard links Power BI shares from apps and workspaces. */
function redirectContext(params: Map<string, string>, workspaceId?: string, tenantId?: string): PageContext | null {
  const action = params.get('action')?.toLowerCase();
  const appId = params.get('appid');
  if (appId !== undefined && !isGuid(appId)) return null;
  const item = redirectItem(action, params);
  if (!item) return null;
  if (appId) return defined({ kind: 'powerbi-app', appId: appId.toLowerCase(), workspaceId, ...item, tenantId });
  return workspaceId && item.itemId ? defined({ kind: 'powerbi-workspace', workspaceId, ...item, tenantId }) : null;
}

function redirectItem(action: string | undefined, params: Map<string, string>): Item | null {
  if (action === 'openapp') return {};
  const itemType = action === 'openreport' ? 'report' : action === 'opendashboard' ? 'dashboard' : undefined;
  const itemId = params.get(`${itemType}objectid`);
  return itemType && isGuid(itemId) ? { itemType, itemId: itemId.toLowerCase() } : null;
}

// ---- Azure portal ----

function detectPortal(url: URL): PageContext | null {
  // The portal routes in the hash, which may carry a query string of its own.
  let route = url.hash.slice(1).split('?')[0] ?? '';
  let tenant: string | undefined;
  if (route.startsWith('@')) {
    const slash = route.indexOf('/');
    tenant = tenantName(route.slice(1, slash < 0 ? undefined : slash));
    route = slash < 0 ? '' : route.slice(slash + 1);
  }
  const raw = route.split('/').filter(Boolean);
  const id = raw[0]?.toLowerCase() === 'resource' ? armFromResourceRoute(raw.slice(1)) : armFromLinkParameters(raw);
  if (!id) return null;
  const { scope, subscriptionId, resourceGroup } = id;
  return defined({ kind: 'azure-resource', scope, subscriptionId, resourceGroup, tenant });
}

function tenantName(raw: string): string | undefined {
  const name = decodeFully(raw)?.toLowerCase();
  return name && /^[a-z0-9][a-z0-9.-]*$/.test(name) ? name : undefined;
}

/** `resource/subscriptions/.../<blade>`: the segments are the ARM id itself, possibly percent-encoded. */
function armFromResourceRoute(raw: string[]): ArmId | null {
  const decoded = raw.map(decodeFully);
  return decoded.every((s) => s !== null) ? armIdAtStart(decoded) : null;
}

/** `view/...` and `blade/...` links pass the resource as an encoded `resourceId`, `id` or `<something>Id` parameter. */
function armFromLinkParameters(raw: string[]): ArmId | null {
  const route = raw[0]?.toLowerCase();
  if (route !== 'view' && route !== 'blade') return null;
  for (let i = 1; i < raw.length - 1; i++) {
    if (!/id$/i.test(raw[i] ?? '')) continue;
    const value = decodeFully(raw[i + 1] ?? '');
    // The parameter is the whole id: anything odd in it, or after it, and the link names no resource at all.
    if (value?.toLowerCase().startsWith('/subscriptions/')) return parseArmId(value);
  }
  return null;
}
