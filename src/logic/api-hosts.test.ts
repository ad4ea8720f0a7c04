import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { API_HOSTS, DATAVERSE_DOMAINS, hostAccess, withheldOrigins } from './api-hosts.ts';
import { isInstanceUrl } from './power-platform.ts';

const apiOrigins = API_HOSTS.flatMap((h) => h.origins);
const pageOrigins = manifest.content_scripts.flatMap((c) => c.matches);

describe('host permissions', () => {
  it('reach every API the extension calls, so no call depends on CORS', () => {
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(apiOrigins));
  });

  it('name nothing beyond those APIs and the pages the extension reads', () => {
    expect(manifest.host_permissions.filter((h) => !apiOrigins.includes(h) && !pageOrigins.includes(h))).toEqual([]);
  });

  it('cover every Dataverse instance the extension calls, and it calls none they miss', () => {
    for (const domain of DATAVERSE_DOMAINS) expect(isInstanceUrl(`https://contoso.${domain}/`), domain).toBe(true);
    for (const domain of ['crm1', 'crm0', 'crm02', 'crm22', 'crm99'])
      expect(isInstanceUrl(`https://contoso.${domain}.dynamics.com/`), domain).toBe(false);
    expect(DATAVERSE_DOMAINS).toContain('crm4.dynamics.com');
  });
});

describe('host access report', () => {
  it('says which APIs the browser lets the extension reach and which origins to ask for again', async () => {
    const withheld = new Set(['https://api.bap.microsoft.com/*', 'https://*.crm4.dynamics.com/*']);
    const access = await hostAccess(async (origins) => origins.every((o) => !withheld.has(o)));
    expect(access.map((a) => [a.api, a.granted])).toEqual([
      ['graph', true],
      ['arm', true],
      ['powerBi', true],
      ['environmentApi', false],
      ['dataverse', false],
    ]);
    expect(withheldOrigins(access)).toEqual(['https://api.bap.microsoft.com/*', ...(API_HOSTS[4]?.origins ?? [])]);
  });

  it('asks for nothing when every API is reachable', async () => {
    expect(withheldOrigins(await hostAccess(async () => true))).toEqual([]);
  });
});
