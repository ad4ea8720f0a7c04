import { ARM_ORIGIN, BAP_ORIGIN, GRAPH_ORIGIN, POWERBI_API_ORIGIN } from '../common/config.ts';

/**
 * Dataverse's regional domains under dynamics.com: `crm` (North America), `crm2` … `crm21` (../shared/data/real-tenant.md).
 * Listed rather than matched as `*.dynamics.com`, which would also reach Finance and Operations and every other
 * Dynamics host. Sovereign clouds' domains are not among them: the extension signs in to the commercial cloud only.
 */
export const DATAVERSE_DOMAINS = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)].map((d) => `${d}.dynamics.com`);

export type ApiHost = 'graph' | 'arm' | 'powerBi' | 'environmentApi' | 'dataverse';

/**
 * Every API the background calls, with the host permissions that reach it. A service worker (or Firefox's event
 * page) is exempt from CORS only at hosts in `host_permissions`
 * (developer.chrome.com/docs/extensions/develop/concepts/network-requests), and the environment API is not known to
 * answer CORS from an extension's origin at all: so each is in manifest.json (api-hosts.test.ts holds the two in step).
 */
export const API_HOSTS: { api: ApiHost; origins: string[] }[] = [
  { api: 'graph', origins: [`${GRAPH_ORIGIN}/*`] },
  { api: 'arm', origins: [`${ARM_ORIGIN}/*`] },
  { api: 'powerBi', origins: [`${POWERBI_API_ORIGIN}/*`] },
  { api: 'environmentApi', origins: [`${BAP_ORIGIN}/*`] },
  { api: 'dataverse', origins: DATAVERSE_DOMAINS.map((d) => `https://*.${d}/*`) },
];

export interface HostAccess {
  api: ApiHost;
  origins: string[];
  granted: boolean;
}

/**
 * Whether the browser lets the extension reach each API: a person may withhold host permissions (Firefox asks for
 * them, Chromium's "site access" takes them back). `contains` is `permissions.contains`, asked per API.
 */
export function hostAccess(contains: (origins: string[]) => Promise<boolean>): Promise<HostAccess[]> {
  return Promise.all(API_HOSTS.map(async ({ api, origins }) => ({ api, origins, granted: await contains(origins) })));
}

/** The origins to ask for again: every one of an API not reachable. */
export const withheldOrigins = (access: HostAccess[]) => access.filter((a) => !a.granted).flatMap((a) => a.origins);
