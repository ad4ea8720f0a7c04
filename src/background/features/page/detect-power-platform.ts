import type { PageContext } from '../../../common/page-context.ts';
import { decodeFully, hostileSegment } from '../../../logic/arm-id.ts';
import { canonicalEnvironmentId, defaultEnvironmentTenant } from '../../../logic/environment-id.ts';
import { isGuid } from '../../../logic/guid.ts';

type EnvironmentContext = Extract<PageContext, { kind: 'power-platform-environment' }>;

export const ADMIN_HOST = 'admin.powerplatform.microsoft.com';
/**
 * Maker portals that route by environment. make.powerautomate.com is a real shape: it uses the same
 * `/environments/{id}/...` path as Power Apps (flows, solutions, connections, approvals; e.g. a flow's page is
 * `/environments/Default-{tenant}/flows/{flow}/details`), so it is one more maker host rather than a shape of its own.
 */
export const MAKER_HOSTS = new Set(['make.powerapps.com', 'make.powerautomate.com']);

const is = (segment: string | undefined, word: string) => segment?.toLowerCase() === word;

/**
 * Where the environment id sits in an admin center path; null when the path names no environment.
 * - `environments/environment/{id}/...`: the environment's hub and the blades under it (the environment API's
 *   `properties.clientUris.admin`: `https://admin.powerplatform.microsoft.com/environments/environment/{id}/hub`).
 * - `manage/environments/environment/{id}/...`: the same pages under the admin center's newer `manage` navigation
 *   (often with `?geo=`).
 * - `environments/{id}/...`: the older hub link (`clientUris.admin` in Learn's 2020-10-01 "List environments" example).
 * - `manage/environments/{organization id}/{id}/...`: the Dataverse users and settings links tools build from a
 *   model-driven app's `organizationId` and `bapEnvironmentId`.
 */
function adminIdAt(segments: string[]): number | null {
  if (is(segments[0], 'environments')) return is(segments[1], 'environment') ? 2 : 1;
  if (!is(segments[0], 'manage') || !is(segments[1], 'environments')) return null;
  if (is(segments[2], 'environment')) return 3;
  return isGuid(segments[2]) ? 3 : null;
}

/**
 * Maker pages: `environments/{id}/...` (home, apps, solutions, tables, flows) on either maker host, and Power
 * Apps' short `e/{id}/...` form (the canvas Studio `e/{id}/canvas/?action=edit...` and the solution designer
 * `e/{id}/s/{solution}/...`).
 */
function makerIdAt(host: string, segments: string[]): number | null {
  if (is(segments[0], 'environments')) return 1;
  return host === 'make.powerapps.com' && is(segments[0], 'e') ? 1 : null;
}

/**
 * A Power Platform admin center or maker page from its URL: the environment it is about, or null. The id must be
 * exactly an id, as written in the path (no escapes), and no segment anywhere in the path may hide a separator, an
 * escape or a dot segment once decoded: a link built to show one environment while a blade names another is no page
 * at all, as for portal links (issue 8).
 */
export function detectPowerPlatform(url: URL): PageContext | null {
  const source = url.host === ADMIN_HOST ? 'admin' : MAKER_HOSTS.has(url.host) ? 'maker' : null;
  if (!source) return null;
  const raw = url.pathname.split('/').filter(Boolean);
  const decoded = raw.map(decodeFully);
  if (decoded.some((s) => s === null || hostileSegment(s))) return null;
  const at = source === 'admin' ? adminIdAt(raw) : makerIdAt(url.host, raw);
  const environmentId = at === null ? null : canonicalEnvironmentId(raw[at] ?? '');
  if (!environmentId) return null;
  const context: EnvironmentContext = { kind: 'power-platform-environment', environmentId, source };
  const tenantId = tenantOf(environmentId, url);
  return tenantId ? { ...context, tenantId } : context;
}

/**
 * A default environment names its tenant; any other says nothing, and a `tenantId` query parameter (the maker
 * portals' tenant switch, `?tenantId=...`) is taken when it is a GUID. The environment's own tenant wins over it.
 */
function tenantOf(environmentId: string, url: URL): string | undefined {
  const own = defaultEnvironmentTenant(environmentId);
  if (own) return own;
  const param = [...url.searchParams].find(([key]) => key.toLowerCase() === 'tenantid')?.[1];
  return isGuid(param) ? param.toLowerCase() : undefined;
}
