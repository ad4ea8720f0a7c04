import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordDecision } from './arm/access-review-decisions.ts';
import { approveRequest, requestsOf } from './arm/requests.ts';
import { tenantSeedRoute, tenantSettingsRoute } from './control-tenant.ts';
import { CORS_REFUSALS, isCorsRefusal } from './cors.ts';
import type { FaultRule, Faults } from './faults.ts';
import { recordGroupDecision } from './graph/access-review-items.ts';
import { lifecycleControlRoute } from './graph/lifecycle-policies.ts';
import { entraIdPlanRoute } from './graph/sign-in-activity.ts';
import type { Login } from './login.ts';
import { isProfileName, PROFILE_NAMES } from './profile/profiles.ts';
import type { Store } from './store.ts';

interface ControlDeps {
  store: Store;
  faults: Faults;
  login: Login;
  /** The per-run secret every control request must present as `authorization: Bearer <token>`. */
  token: string;
}

type Body = Record<string, unknown>;
type Refusal = { status: number; error: string };

const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(presented: string, token: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may drive the control API: only a local program that knows the run's token. A browser adds `Origin` to every
 * cross-site fetch, so refusing it keeps any web page out even without the token; checking `Host` defeats DNS
 * rebinding (a page's own name resolving to 127.0.0.1). https://developer.mozilla.org/docs/Web/HTTP/Headers/Origin
 */
function refusal(req: IncomingMessage, token: string): Refusal | undefined {
  if (req.headers.origin !== undefined) return { status: 403, error: 'the control API takes no browser requests' };
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return { status: 403, error: `foreign host ${host}` };
  if (!sameSecret(req.headers.authorization ?? '', `Bearer ${token}`))
    return { status: 401, error: 'bearer token missing or wrong' };
  // A JSON content type cannot be sent by an HTML form, and is what the routes below read.
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (BODY_METHODS.has(req.method ?? '') && type !== 'application/json') {
    return { status: 415, error: 'send content-type: application/json' };
  }
  return undefined;
}

function parseObject(text: string): Body | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sandbox's own control API on 127.0.0.1 (never at a Microsoft host name): reset to the seed, read state,
 * switch faults, change tenant settings the way an admin would in the Entra admin center.
 */
export async function controlApi(req: IncomingMessage, res: ServerResponse, deps: ControlDeps): Promise<void> {
  const { store, faults, login } = deps;
  const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const refused = refusal(req, deps.token);
  if (refused) {
    req.resume();
    return reply(refused.status, { error: refused.error }, refused.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
  }
  let body: Body = {};
  if (BODY_METHODS.has(req.method ?? '')) {
    const parsed = parseObject(await readText(req));
    if (!parsed) return reply(400, { error: 'the body must be a JSON object (send {} when there is nothing to say)' });
    body = parsed;
  }
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://control').pathname}`;
  const tenantRoute = /^(GET|PATCH|POST|PUT) \/tenants\/([^/]+)(\/.*)?$/.exec(route);

  if (route === 'POST /reset') {
    store.reset();
    faults.clear(store.state.profile);
    login.forgetConsentPages();
    return reply(204);
  }
  // Another tenant altogether: the state starts again from the profile named (sandbox/profile), faults cleared.
  if (route === 'POST /profile') {
    if (!isProfileName(body.name)) return reply(400, { error: `name must be one of ${PROFILE_NAMES.join(', ')}` });
    store.reset(body.name);
    faults.clear(body.name);
    login.forgetConsentPages();
    return reply(204);
  }
  if (route === 'GET /state') return reply(200, store.state);
  if (route === 'POST /tokens') {
    const { tenant, user, scopes } = body as { tenant: string; user: string; scopes: string[] };
    return reply(200, { accessToken: await login.mintAccessToken(tenant, user, scopes) });
  }
  if (route === 'GET /tokens/issued') return reply(200, login.issuedTokens());
  if (route === 'GET /login/consent-pages') return reply(200, login.consentPagesShown());
  if (route === 'POST /faults') {
    faults.add(body as FaultRule);
    return reply(204);
  }
  if (route === 'DELETE /faults') {
    faults.clear(store.state.profile);
    return reply(204);
  }
  if (route === 'GET /faults/hits') return reply(200, faults.hits);
  if (route === 'POST /faults/principal-replication') {
    faults.principalReplicationMs = Number(body.milliseconds ?? 0);
    return reply(204);
  }
  if (route === 'POST /faults/dataverse-sync') {
    faults.dataverseSyncMs = Number(body.milliseconds ?? 0);
    return reply(204);
  }
  if (route === 'POST /faults/license-propagation') {
    faults.licensePropagationMs = Number(body.milliseconds ?? 0);
    return reply(204);
  }
  // Delays above are in sandbox time; this makes it pass `factor` times faster than the wall clock.
  if (route === 'POST /faults/time-scale') {
    const factor = Number(body.factor ?? 1);
    if (!(factor > 0) || !Number.isFinite(factor)) return reply(400, { error: 'factor must be a positive number' });
    faults.timeScale = factor;
    return reply(204);
  }
  if (route === 'POST /faults/invitation-limit') {
    const { max, windowSeconds } = body as { max?: number; windowSeconds?: number };
    faults.invitations.reset(max, windowSeconds === undefined ? undefined : windowSeconds * 1000);
    return reply(204);
  }
  if (route === 'POST /faults/powerbi-admin-limit') {
    const { max, windowSeconds } = body as { max?: number; windowSeconds?: number };
    faults.powerBiAdminReads.reset(max, windowSeconds === undefined ? undefined : windowSeconds * 1000);
    return reply(204);
  }
  if (route === 'POST /faults/minimum-active-seconds') {
    faults.minimumActiveSeconds = Number(body.seconds ?? 300);
    return reply(204);
  }
  if (route === 'POST /faults/page-size') {
    faults.forcedPageSize = Number(body.size ?? 0);
    return reply(204);
  }
  // Kept through resets (faults.ts): a suite sets it once, at the start.
  if (route === 'POST /faults/cors') {
    if (!isCorsRefusal(body.refuse)) return reply(400, { error: `refuse must be one of ${CORS_REFUSALS.join(', ')}` });
    faults.corsRefusal = body.refuse;
    return reply(204);
  }
  if (route === 'POST /faults/expire-tokens') {
    faults.expireTokens();
    return reply(204);
  }
  // A day passes for every sign-in: single-page-app refresh tokens end (AADSTS700084); login sessions live on.
  if (route === 'POST /faults/age-refresh-tokens') {
    login.ageRefreshTokens();
    return reply(204);
  }
  if (route === 'POST /faults/end-login-sessions') {
    login.endLoginSessions();
    return reply(204);
  }
  if (route === 'GET /login/authorizations') return reply(200, login.authorizations());
  if (tenantRoute) {
    const [, method = '', tenantId = '', rest = ''] = tenantRoute;
    const tenant = store.tenant(tenantId);
    if (!tenant) return reply(404, { error: `no tenant ${tenantId}` });
    if (method === 'GET' && rest === '') return reply(200, tenant);
    const app = /^\/applications\/([^/]+)$/.exec(rest);
    if (method === 'PATCH' && app?.[1]) {
      const target = tenant.applications.find((a) => a.appId === app[1]);
      if (!target) return reply(404, { error: `no application ${app[1]}` });
      Object.assign(target, body);
      store.save();
      login.withdrawConsent(tenant.id, target.appId, target.consentedScopes);
      return reply(200, target);
    }
    // PIM requests, and an approver's yes to one waiting (PendingApproval), as the approver would give it in the portal.
    if (method === 'GET' && rest === '/pim/requests') return reply(200, tenant.azure ? requestsOf(tenant.azure) : []);
    const approve = /^\/pim\/requests\/([^/]+)\/approve$/.exec(rest);
    if (method === 'POST' && approve?.[1]) {
      const approved = tenant.azure ? approveRequest(tenant.azure, approve[1]) : `no Azure in tenant ${tenant.id}`;
      if (typeof approved === 'string') return reply(approved.startsWith('no ') ? 404 : 409, { error: approved });
      store.save();
      return reply(200, approved);
    }
    // A reviewer's decision in an access review, as the reviewer would record it in My Access.
    const decision = /^\/azure\/accessReviews\/([^/]+)\/decisions$/.exec(rest);
    if (method === 'POST' && decision?.[1]) {
      const made = recordDecision(tenant, decision[1], body);
      if (typeof made === 'string') return reply(made.startsWith('no ') ? 404 : 400, { error: made });
      store.save();
      return reply(200, made);
    }
    // The same for a Graph access review of a group, or its instance ended (`complete: true`).
    const groupDecision = /^\/groupReviews\/([^/]+)\/decisions$/.exec(rest);
    if (method === 'POST' && groupDecision?.[1]) {
      const made = recordGroupDecision(tenant, groupDecision[1], body);
      if (typeof made === 'string') return reply(made.startsWith('no ') ? 404 : 400, { error: made });
      store.save();
      return reply(200, made);
    }
    const settings =
      tenantSettingsRoute(tenant, method, rest, body) ??
      tenantSeedRoute(tenant, method, rest, body) ??
      entraIdPlanRoute(tenant, method, rest, body) ??
      lifecycleControlRoute(tenant, method, rest, body);
    if (settings) {
      if (settings.status < 300) store.save();
      return reply(settings.status, settings.body);
    }
  }
  reply(404, { error: `no control route ${route}` });
}
