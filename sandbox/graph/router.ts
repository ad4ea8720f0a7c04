import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { SandboxUser, Store } from '../store.ts';
import { accessReviewRoute } from './access-reviews.ts';
import { auditRoute } from './audit-routes.ts';
import { batch } from './batch.ts';
import { type GraphCall, querying, type Route } from './call.ts';
import { crossTenantRoute } from './cross-tenant.ts';
import { deletedItemsRoute } from './deleted-items.ts';
import { directoryRoute } from './directory-routes.ts';
import { badRequest, graphError, insufficientPrivileges, withRequestIds } from './errors.ts';
import { groupRoute } from './group-routes.ts';
import { invite } from './invitations.ts';
import { lifecycleRoute } from './lifecycle-policies.ts';
import { membershipRoute } from './memberships.ts';
import { scopeAllows } from './permissions.ts';
import { sponsorRoute } from './sponsors.ts';
import { tenantRoute } from './tenant-routes.ts';
import { userRoute } from './user-routes.ts';

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

/** The route modules, tried in turn; each answers null for a request that is not its own. */
const ROUTES: Route[] = [
  userRoute,
  membershipRoute,
  sponsorRoute,
  directoryRoute,
  deletedItemsRoute,
  groupRoute,
  auditRoute,
  crossTenantRoute,
  tenantRoute,
  accessReviewRoute,
  lifecycleRoute,
];

/** Routes one Graph v1.0 request (a top-level one or an item of a JSON batch); every answer carries its request ids. */
export async function handleGraph(req: ApiRequest, deps: GraphDeps): Promise<ApiResponse> {
  return withRequestIds(req, await routed(req, deps));
}

async function routed(req: ApiRequest, deps: GraphDeps): Promise<ApiResponse> {
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
  const call: GraphCall = {
    req,
    method,
    path,
    tenant,
    caller: caller.user,
    allowed,
    scopes: caller.token.scopes,
    save: () => deps.store.save(),
    tenantOf,
    faults: deps.faults,
  };
  return querying(() => {
    for (const route of ROUTES) {
      const answer = route(call);
      if (answer) return answer;
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
  });
}
