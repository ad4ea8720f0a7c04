import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule, Faults } from './faults.ts';
import type { Login } from './login.ts';
import type { Store } from './store.ts';

interface ControlDeps {
  store: Store;
  faults: Faults;
  login: Login;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * The sandbox's own control API on 127.0.0.1 (never at a Microsoft host name): reset to the seed, read state,
 * switch faults, change tenant settings the way an admin would in the Entra admin center.
 */
export async function controlApi(
  req: IncomingMessage,
  res: ServerResponse,
  { store, faults, login }: ControlDeps,
): Promise<void> {
  const reply = (status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://control').pathname}`;
  const tenantRoute = /^(GET|PATCH) \/tenants\/([^/]+)(\/.*)?$/.exec(route);

  if (route === 'POST /reset') {
    store.reset();
    faults.clear();
    return reply(204);
  }
  if (route === 'GET /state') return reply(200, store.state);
  if (route === 'POST /tokens') {
    const { tenant, user, scopes } = (await readJson(req)) as { tenant: string; user: string; scopes: string[] };
    return reply(200, { accessToken: await login.mintAccessToken(tenant, user, scopes) });
  }
  if (route === 'POST /faults') {
    faults.add((await readJson(req)) as FaultRule);
    return reply(204);
  }
  if (route === 'DELETE /faults') {
    faults.clear();
    return reply(204);
  }
  if (route === 'GET /faults/hits') return reply(200, faults.hits);
  if (route === 'POST /faults/principal-replication') {
    faults.principalReplicationMs = Number((await readJson(req)).milliseconds ?? 0);
    return reply(204);
  }
  if (route === 'POST /faults/invitation-limit') {
    const { max, windowSeconds } = (await readJson(req)) as { max?: number; windowSeconds?: number };
    faults.invitations.reset(max, windowSeconds === undefined ? undefined : windowSeconds * 1000);
    return reply(204);
  }
  if (route === 'POST /faults/expire-tokens') {
    faults.expireTokens();
    return reply(204);
  }
  if (tenantRoute) {
    const [, method, tenantId = '', rest = ''] = tenantRoute;
    const tenant = store.tenant(tenantId);
    if (!tenant) return reply(404, { error: `no tenant ${tenantId}` });
    if (method === 'GET' && rest === '') return reply(200, tenant);
    const app = /^\/applications\/([^/]+)$/.exec(rest);
    if (method === 'PATCH' && app?.[1]) {
      const target = tenant.applications.find((a) => a.appId === app[1]);
      if (!target) return reply(404, { error: `no application ${app[1]}` });
      Object.assign(target, await readJson(req));
      store.save();
      login.withdrawConsent(tenant.id, target.appId, target.consentedScopes);
      return reply(200, target);
    }
    if (method === 'PATCH' && rest === '/authorizationPolicy') {
      Object.assign(tenant.authorizationPolicy, await readJson(req));
      store.save();
      return reply(200, tenant.authorizationPolicy);
    }
  }
  reply(404, { error: `no control route ${route}` });
}
