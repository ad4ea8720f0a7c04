/**
 * The environment API at api.bap.microsoft.com: environments, the add-user sync, tenant settings.
 * Reached with a token for the PowerApps Service (`https://service.powerapps.com/`, the audience
 * Add-PowerAppsAccount signs in for: learn powershell/module/microsoft.powerapps.administration.powershell/add-powerappsaccount).
 */
import type { ApiRequest, ApiResponse } from '../api.ts';
import { linkedPage } from '../arm/next-link.ts';
import type { Faults } from '../faults.ts';
import { pageSize } from '../faults.ts';
import { BAP_HOST } from '../hosts.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { Store } from '../store.ts';
import { addUser } from './add-user.ts';
import { bapError, environmentNotFound, environmentResource } from './environments.ts';
import { isPowerPlatformAdmin, mayEnter, sameAudience } from './model.ts';
import { tenantSettings } from './tenant-settings.ts';

export const BAP_AUDIENCE = 'https://service.powerapps.com/';

export interface PowerPlatformDeps {
  store: Store;
  login: Pick<Login, 'findAccessToken'>;
  faults: Faults;
}

// The api-versions Learn shows: 2020-10-01 on the REST pages, 2016-11-01 and 2019-05-01 as the cmdlets' defaults.
const API_VERSIONS = new Set(['2016-11-01', '2019-05-01', '2020-10-01']);

async function caller(req: ApiRequest, deps: PowerPlatformDeps): Promise<TokenInfo | undefined> {
  const value = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = value ? await deps.login.findAccessToken(value) : undefined;
  if (!token || token.issuedAt < deps.faults.tokensExpireBefore || !sameAudience(token.audience, BAP_AUDIENCE)) return undefined;
  return token;
}

/**
 * Environments per page of a list. Learn documents `nextLink` on the list (learn: power-platform/admin/list-environments)
 * but no page size; 100 is the sandbox's choice, so that the small tenants real ones mostly are fit one page.
 */
const ENVIRONMENT_PAGE_SIZE = 100;

const forbidden = (token: TokenInfo) =>
  bapError(403, 'Forbidden', `The user '${token.userId}' does not have permission to perform this action as an administrator.`);

export async function handleBap(req: ApiRequest, deps: PowerPlatformDeps): Promise<ApiResponse> {
  const token = await caller(req, deps);
  if (!token) return bapError(401, 'InvalidAuthenticationToken', 'The access token is missing, expired or not for this API.');
  const version = req.query.get('api-version');
  if (!version) return bapError(400, 'MissingApiVersionParameter', "The 'api-version' query parameter is required.");
  if (!API_VERSIONS.has(version)) return bapError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid.`);
  const tenant = token.tenant;
  const admin = isPowerPlatformAdmin(tenant.users.find((u) => u.id === token.userId));
  const m = /^\/providers\/Microsoft\.BusinessAppPlatform(\/scopes\/admin)?\/environments(?:\/([^/]+))?(\/addUser)?$/i.exec(
    req.path,
  );
  if (req.method === 'POST' && /^\/providers\/Microsoft\.BusinessAppPlatform\/listTenantSettings$/i.test(req.path)) {
    return admin ? { status: 200, body: tenantSettings(tenant) } : forbidden(token);
  }
  if (!m) return bapError(404, 'NotFound', `The sandbox's environment API has no route ${req.method} ${req.path}.`);
  const [, adminScope, name, action] = m;
  if (action) {
    if (req.method !== 'POST' || !adminScope || !name) return bapError(405, 'MethodNotAllowed', 'Use POST .../addUser.');
    if (!admin) return forbidden(token);
    const { faults } = deps;
    const delays = { syncMs: faults.scaled(faults.dataverseSyncMs), licenseMs: faults.scaled(faults.licensePropagationMs) };
    const result = addUser(tenant, name, req.body, delays);
    if (result.status < 300) deps.store.save();
    return result;
  }
  if (req.method !== 'GET') return bapError(405, 'MethodNotAllowed', `${req.method} is not supported here.`);
  if (adminScope && !admin) return forbidden(token);
  // What a caller sees: an admin, every environment; anyone else, those they may enter (a non-admin gets the
  // environment not found, as BAP answers for one the caller has no access to).
  const visible = (tenant.powerPlatform?.environments ?? []).filter((e) => admin || mayEnter(tenant, e, token.userId));
  const shown = (e: (typeof visible)[number]) => environmentResource(tenant, e, !!adminScope);
  if (!name) {
    const url = new URL(req.path, `https://${BAP_HOST}`);
    for (const [k, v] of req.query) url.searchParams.append(k, v);
    const size = pageSize(deps.faults, undefined, ENVIRONMENT_PAGE_SIZE, ENVIRONMENT_PAGE_SIZE);
    const page = linkedPage(visible, url, size);
    // The environment API's answer to a skiptoken it did not issue is not documented; this code is the sandbox's own.
    if ('refused' in page) return bapError(400, 'InvalidSkipToken', 'The $skiptoken is not valid for this list.');
    return { status: 200, body: { value: page.items.map(shown), ...(page.next ? { nextLink: page.next } : {}) } };
  }
  const env = visible.find((e) => e.name.toLowerCase() === name.toLowerCase());
  return env ? { status: 200, body: shown(env) } : environmentNotFound(tenant, name);
}
