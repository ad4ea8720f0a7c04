/**
 * Entra's instance discovery, `/common/discovery/instance?api-version=1.1&authorization_endpoint=<authorize URL>`
 * (any tenant segment answers alike): MSAL asks it which host names are one cloud when its own table does not know
 * the authority. The answer names the tenant's OpenID configuration and the aliases of every public and national
 * cloud, as Entra sends them; an authorize URL on a host no cloud has is `invalid_instance` (AADSTS50049).
 */
import type { ServerResponse } from 'node:http';
import { LOGIN_HOST } from './hosts.ts';
import { entraError } from './login-helpers.ts';

const CLOUDS = [
  {
    preferred_network: 'login.microsoftonline.com',
    preferred_cache: 'login.windows.net',
    aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
  },
  {
    preferred_network: 'login.partner.microsoftonline.cn',
    preferred_cache: 'login.partner.microsoftonline.cn',
    aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'],
  },
  {
    preferred_network: 'login.microsoftonline.de',
    preferred_cache: 'login.microsoftonline.de',
    aliases: ['login.microsoftonline.de'],
  },
  {
    preferred_network: 'login.microsoftonline.us',
    preferred_cache: 'login.microsoftonline.us',
    aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
  },
  {
    preferred_network: 'login-us.microsoftonline.com',
    preferred_cache: 'login-us.microsoftonline.com',
    aliases: ['login-us.microsoftonline.com'],
  },
];

/** Anyone may read it, from any page, as from Entra (which caches it for a day). */
const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'cache-control': 'max-age=86400, private',
};

export const isInstanceDiscovery = (tenantSegment: string, rest: string[]) =>
  tenantSegment !== '' && rest.join('/') === 'discovery/instance';

export function instanceDiscovery(method: string, query: URLSearchParams, res: ServerResponse): void {
  if (method === 'OPTIONS') {
    res.writeHead(204, HEADERS);
    res.end();
    return;
  }
  const endpoint = query.get('authorization_endpoint');
  if (!endpoint) {
    entraError(
      res,
      400,
      'invalid_request',
      90014,
      "The required field 'authorization_endpoint' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
      HEADERS,
    );
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  const cloud = url && CLOUDS.find((c) => c.aliases.includes(url.hostname));
  if (!url || !cloud) {
    entraError(res, 400, 'invalid_instance', 50049, 'Unknown or invalid instance.', HEADERS);
    return;
  }
  // `/<tenant>/oauth2/v2.0/authorize` names the v2.0 configuration, `/<tenant>/oauth2/authorize` the v1.0 one.
  const [, tenant = 'common', ...path] = url.pathname.split('/');
  const version = path.includes('v2.0') ? '/v2.0' : '';
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...HEADERS });
  res.end(
    JSON.stringify({
      // The sandbox is the public cloud's login only, so its configuration is on its own host.
      tenant_discovery_endpoint: `https://${LOGIN_HOST}/${tenant}${version}/.well-known/openid-configuration`,
      'api-version': query.get('api-version') ?? '1.1',
      metadata: CLOUDS,
    }),
  );
}
