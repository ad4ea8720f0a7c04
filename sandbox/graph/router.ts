import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { SandboxUser, Store } from '../store.ts';
import { auditRoute } from './audit-routes.ts';
import { batch } from './batch.ts';
import type { GraphCall, Route } from './call.ts';
import { crossTenantRoute } from './cross-tenant.ts';
import { directoryRoute } from './directory-routes.ts';
import { badRequest, graphError, insufficientPrivileges, notFound } from './errors.ts';
import { groupRoute } from './group-routes.ts';
import { invite } from './invitations.ts';
import { licenseDetails } from './licenses.ts';
import { membershipRoute } from './memberships.ts';
import { compileFilter, project, UnsupportedQuery } from './odata.ts';
import { scopeAllows } from './permissions.ts';
import { sponsorRoute } from './sponsors.ts';
import { tenantRoute } from './tenant-routes.ts';
import { BASIC_USER_PROPERTIES, DEFAULT_USER_PROPERTIES, findUser, userResource } from './users.ts';

const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata';

export interface GraphDeps {
  store: Store;
  login: Login;
  faults: Faults;
  /** Runs one batch item the way a top-level request runs: faults, logging, routing. */
  runItem: (req: ApiRequest) => Promise<ApiResponse>;
}

interface Caller {
  token: TokenInfo;
  user: SandboxUser;
}

async function authenticate(req: ApiRequest, deps: GraphDeps): Promise<Caller | ApiResponse> {
  const header = req.headers.authorization ?? '';
  const value = /^Bearer (.+)$/i.exec(header)?.[1];
  if (!value) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const token = await deps.login.findAccessToken(value);
  if (!token || token.issuedAt < deps.faults.tokensExpireBefore) {
    return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', {
      'www-authenticate': 'Bearer realm="", error="invalid_token", error_description="The access token expired"',
    });
  }
  if (token.audience !== 'https://graph.microsoft.com') {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  }
  const user = token.tenant.users.find((u) => u.id === token.userId);
  if (!user) return graphError(401, 'InvalidAuthenticationToken', 'The user of this token no longer exists.');
  return { token, user };
}

/** `GET /users`; `ConsistencyLevel: eventual` with `$count=true` makes it an advanced query (learn: aad-advanced-queries). */
function listUsers(req: ApiRequest, caller: Caller): ApiResponse {
  try {
    const counted = req.query.get('$count') === 'true';
    const advanced = counted && req.headers.consistencylevel?.toLowerCase() === 'eventual';
    const filter = compileFilter(req.query.get('$filter'), { advanced });
    const top = Math.min(Number(req.query.get('$top') ?? 100), 999);
    const matching = caller.token.tenant.users.map(userResource).filter(filter);
    const rows = matching.slice(0, top).map((r) => visible(r, caller));
    return {
      status: 200,
      body: {
        '@odata.context': `${CONTEXT}#users`,
        ...(counted ? { '@odata.count': matching.length } : {}),
        value: rows.map((r) => project(r, req.query.get('$select'), DEFAULT_USER_PROPERTIES)),
      },
    };
  } catch (e) {
    if (e instanceof UnsupportedQuery) return graphError(400, 'Request_UnsupportedQuery', e.message);
    throw e;
  }
}

function oneUser(req: ApiRequest, user: SandboxUser, caller: Caller): ApiResponse {
  const row = user.id === caller.user.id ? userResource(user) : visible(userResource(user), caller);
  return {
    status: 200,
    body: { '@odata.context': `${CONTEXT}#users/$entity`, ...project(row, req.query.get('$select'), DEFAULT_USER_PROPERTIES) },
  };
}

/** With User.ReadBasic.All alone, Graph shows only the basic profile of other users; the rest reads as null. */
function visible(row: Record<string, unknown>, caller: Caller): Record<string, unknown> {
  const full = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
  if (caller.token.scopes.some((s) => full.includes(s.replace(/^https:\/\/graph\.microsoft\.com\//, '')))) return row;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, BASIC_USER_PROPERTIES.has(k) ? v : null]));
}

/** The route modules, tried in turn; each answers null for a request that is not its own. */
const ROUTES: Route[] = [membershipRoute, sponsorRoute, directoryRoute, groupRoute, auditRoute, crossTenantRoute, tenantRoute];

/** Routes one Graph v1.0 request (a top-level one or an item of a JSON batch). */
export async function handleGraph(req: ApiRequest, deps: GraphDeps): Promise<ApiResponse> {
  const path = req.path.replace(/^\/v1\.0/, '');
  const method = req.method.toUpperCase();
  if (!req.path.startsWith('/v1.0/')) return badRequest(`Invalid version: ${req.path.split('/')[1] ?? ''}`);
  // Graph checks the token of a batch before running any of it: an expired one fails the whole request with 401.
  const caller = await authenticate(req, deps);
  if ('status' in caller) return caller;
  if (method === 'POST' && path === '/$batch') return batch(req, deps.runItem);
  const allowed = (operation: string) => scopeAllows(operation, caller.token.scopes);
  const tenant = caller.token.tenant;
  const tenantOf = (domain: string) => deps.store.tenant(domain);

  if (method === 'POST' && path === '/invitations') {
    if (!allowed('POST /invitations')) return insufficientPrivileges();
    const wait = deps.faults.invitations.take(tenant.id);
    if (wait !== null) {
      return graphError(429, 'TooManyRequests', 'Too many requests. Please retry after the time in Retry-After.', {
        'retry-after': String(wait),
        'x-ms-throttle-scope': 'Tenant/Invitation',
      });
    }
    return invite(tenant, caller.user, (req.body ?? {}) as object, { save: () => deps.store.save(), tenantOf });
  }
  if (method === 'GET' && path === '/me') {
    return allowed('GET /me') ? oneUser(req, caller.user, caller) : insufficientPrivileges();
  }
  if (method === 'GET' && path === '/me/licenseDetails') {
    if (!allowed('GET /me/licenseDetails')) return insufficientPrivileges();
    return {
      status: 200,
      body: { '@odata.context': `${CONTEXT}#users('${caller.user.id}')/licenseDetails`, value: licenseDetails(caller.user) },
    };
  }
  if (method === 'GET' && path === '/users') {
    return allowed('GET /users') ? listUsers(req, caller) : insufficientPrivileges();
  }
  const userPath = /^\/users\/([^/]+)$/.exec(path);
  if (method === 'GET' && userPath?.[1]) {
    if (!allowed('GET /users/{user-id}')) return insufficientPrivileges();
    const user = findUser(tenant, userPath[1]);
    return user ? oneUser(req, user, caller) : notFound(userPath[1]);
  }
  const call: GraphCall = { req, method, path, tenant, caller: caller.user, allowed, save: () => deps.store.save(), tenantOf };
  for (const route of ROUTES) {
    const answer = route(call);
    if (answer) return answer;
  }
  return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
}
