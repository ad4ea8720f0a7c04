import type { PageContext } from '../shared/page-context.ts';

export type { PageContext };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POWERBI_HOSTS = new Set(['app.powerbi.com', 'app.fabric.microsoft.com']);
const PORTAL_HOSTS = new Set(['portal.azure.com', 'ms.portal.azure.com', 'preview.portal.azure.com']);

const guid = (s: string | undefined | null) => (s && GUID.test(s) ? s.toLowerCase() : undefined);

function param(url: URL, name: string): string | null {
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

/** `/reports/<id>` or `/dashboards/<id>` after a workspace or app segment. */
function item(rest: string[]): { itemType?: 'report' | 'dashboard'; itemId?: string } {
  const kind = rest[0]?.toLowerCase();
  const id = guid(rest[1]);
  if (!id || (kind !== 'reports' && kind !== 'dashboards')) return {};
  return { itemType: kind === 'reports' ? 'report' : 'dashboard', itemId: id };
}

function withTenant<T extends object>(ctx: T, tenantId: string | undefined): T {
  return tenantId ? { ...ctx, tenantId } : ctx;
}

function detectPowerBi(url: URL): PageContext | null {
  const segments = url.pathname.split('/').filter(Boolean);
  const tenantId = guid(param(url, 'ctid'));
  if (segments[0]?.toLowerCase() === 'redirect' && param(url, 'action')?.toLowerCase() === 'openapp') {
    const appId = guid(param(url, 'appId'));
    return appId ? withTenant({ kind: 'powerbi-app' as const, appId }, tenantId) : null;
  }
  if (segments[0]?.toLowerCase() !== 'groups' || !segments[1]) return null;
  if (segments[1].toLowerCase() === 'me') {
    if (segments[2]?.toLowerCase() !== 'apps') return null; // "My workspace"
    const appId = guid(segments[3]);
    return appId ? withTenant({ kind: 'powerbi-app' as const, appId, ...item(segments.slice(4)) }, tenantId) : null;
  }
  const workspaceId = guid(segments[1]);
  return workspaceId ? withTenant({ kind: 'powerbi-workspace' as const, workspaceId, ...item(segments.slice(2)) }, tenantId) : null;
}

/**
 * The canonical ARM id inside a run of path segments starting at `subscriptions`: `resourceGroups` spelled so,
 * provider type/name pairs kept (nested resources too), a trailing blade name dropped.
 */
export function canonicalScope(segments: string[]): { scope: string; subscriptionId: string; resourceGroup?: string } | null {
  if (segments[0]?.toLowerCase() !== 'subscriptions') return null;
  const subscriptionId = guid(segments[1]);
  if (!subscriptionId) return null;
  const out = ['subscriptions', subscriptionId];
  let resourceGroup: string | undefined;
  if (segments[2]?.toLowerCase() === 'resourcegroups' && segments[3]) {
    resourceGroup = segments[3];
    out.push('resourceGroups', resourceGroup);
    if (segments[4]?.toLowerCase() === 'providers' && segments[5] && segments[6] && segments[7]) {
      out.push('providers', segments[5]);
      const pairs = segments.slice(6);
      for (let i = 0; i + 1 < pairs.length; i += 2) out.push(pairs[i] as string, pairs[i + 1] as string);
    }
  }
  return { scope: `/${out.join('/')}`, subscriptionId, ...(resourceGroup ? { resourceGroup } : {}) };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function detectPortal(url: URL): PageContext | null {
  const hash = decode(url.hash.replace(/^#/, '')).split('?')[0] ?? '';
  const tenant = /^@([^/]+)/.exec(hash)?.[1];
  const body = tenant ? hash.slice(tenant.length + 1) : hash;
  const segments = body.split('/').filter(Boolean);
  let found: ReturnType<typeof canonicalScope> = null;
  if (segments[0]?.toLowerCase() === 'resource') {
    found = canonicalScope(segments.slice(1));
  } else {
    // #view/... and #blade/... links carry the id as an encoded parameter value: resourceId/…, id/…, storageAccountId/…
    const raw = url.hash.replace(/^#/, '').split('/');
    for (let i = 0; i + 1 < raw.length && !found; i++) {
      const value = decode(raw[i + 1] as string);
      if (/id$/i.test(raw[i] as string) && value.toLowerCase().startsWith('/subscriptions/')) {
        found = canonicalScope(value.split('/').filter(Boolean));
      }
    }
  }
  if (!found) return null;
  return { kind: 'azure-resource', ...found, ...(tenant ? { tenant } : {}) };
}

/** What an app.powerbi.com / Azure portal URL is about, or null when it is no place to invite from. */
export function detectPageContext(href: string): PageContext | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (POWERBI_HOSTS.has(host)) return detectPowerBi(url);
  if (PORTAL_HOSTS.has(host)) return detectPortal(url);
  return null;
}
