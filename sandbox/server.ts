import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ApiHandler, ApiRequest, ApiResponse } from './api.ts';
import { armError } from './arm/caller.ts';
import { withArmRequestIds } from './arm/request-ids.ts';
import { handleArm } from './arm/router.ts';
import { ensureCerts } from './certs.ts';
import { controlApi } from './control.ts';
import { type CorsRefusal, corsHeaders, preflightHeaders } from './cors.ts';
import { Faults } from './faults.ts';
import { graphError, withRequestIds } from './graph/errors.ts';
import { handleGraph } from './graph/router.ts';
import {
  ARM_HOST,
  BAP_HOST,
  GRAPH_HOST,
  LOGIN_HOST,
  PORTAL_HOST,
  POWER_APPS_MAKER_HOST,
  POWER_PLATFORM_ADMIN_HOST,
  POWERBI_API_HOST,
  POWERBI_HOSTS,
} from './hosts.ts';
import { Login } from './login.ts';
import { adminCenterPage, makerPage, portalPage, powerBiPage } from './pages.ts';
import { handlePowerBi } from './powerbi/router.ts';
import { handleBap } from './powerplatform/bap.ts';
import { handleDataverse } from './powerplatform/dataverse.ts';
import { isDataverseHost, isPowerPlatformApiHost, powerPlatformFault } from './powerplatform/faults.ts';
import type { ProfileName } from './profile/profiles.ts';
import { Store } from './store.ts';
import { Traffic } from './traffic.ts';

export interface SandboxOptions {
  /** HTTPS port the browser's host rules point at; 0 picks a free one. */
  port?: number;
  /** Plain-HTTP control port on 127.0.0.1 (reset, faults, state); 0 picks a free one. */
  controlPort?: number;
  /** Where state, oidc sessions and certificates are kept. */
  stateDir: string;
  /** JSON-lines file receiving every API exchange, for the contract test. */
  trafficFile?: string;
  reset?: boolean;
  /** Start from this profile's state (sandbox/profile/profiles.ts), whatever the state folder held. */
  profile?: ProfileName;
  /** Where CORS is refused (sandbox/cors.ts); the environment API's host unless told. */
  corsRefusal?: CorsRefusal;
}

export interface RunningSandbox {
  port: number;
  controlPort: number;
  /** Bearer token for the control API, new on every start; whoever knows it can drive the sandbox. */
  controlToken: string;
  spkiHashes: string[];
  ca: string;
  store: Store;
  faults: Faults;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hostOf(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

function send(res: ServerResponse, req: IncomingMessage, r: ApiResponse, cors: CorsRefusal): void {
  const body = r.body === undefined ? '' : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(r.body === undefined ? {} : { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8' }),
    'cache-control': 'no-cache',
    ...corsHeaders(req, hostOf(req), cors),
    ...r.headers,
  });
  res.end(body);
}

/** The request id headers of the service at `req.host`, for answers made here rather than by its router. */
function withServiceRequestIds(req: ApiRequest, r: ApiResponse): ApiResponse {
  if (req.host === ARM_HOST) return withArmRequestIds(req, r);
  if (req.host === GRAPH_HOST) return withRequestIds(req, r);
  return r;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const store = new Store(join(options.stateDir, 'state.json'));
  if (options.profile) store.reset(options.profile);
  else if (options.reset) store.reset();
  const faults = new Faults();
  // The delays of the profile the state was made from (a large tenant's are Microsoft's own magnitudes).
  faults.clear(store.state.profile);
  if (options.corsRefusal) faults.corsRefusal = options.corsRefusal;
  const traffic = new Traffic(options.trafficFile);
  const login = new Login(store, options.stateDir);
  const certs = ensureCerts(join(options.stateDir, 'certs'));
  const controlToken = randomBytes(32).toString('base64url');

  /** Faults first (latency, then 429/503), then the API, then the record for the contract test. */
  const pipeline =
    (handler: ApiHandler, viaBatch = false) =>
    async (req: ApiRequest): Promise<ApiResponse> => {
      const fault = faults.check(req.host, req.method, req.path);
      if (fault.latencyMs) await delay(fault.latencyMs);
      let response: ApiResponse;
      if (fault.failure && isPowerPlatformApiHost(req.host)) {
        response = powerPlatformFault(req.host, fault.failure);
      } else if (fault.failure && req.host === ARM_HOST) {
        // ARM's own error shape (the common ErrorResponse), with its Retry-After.
        const retry = String(fault.failure.retryAfterSeconds ?? 1);
        const busy = fault.failure.status === 429;
        response = armError(
          fault.failure.status,
          busy ? 'TooManyRequests' : 'ServiceUnavailable',
          busy ? 'The request was throttled: too many requests.' : 'The service is temporarily unavailable.',
          { 'retry-after': retry },
        );
      } else if (fault.failure?.status === 429) {
        const seconds = String(fault.failure.retryAfterSeconds ?? 1);
        response = graphError(429, 'TooManyRequests', 'Too many requests.', {
          'retry-after': seconds,
          'x-ms-throttle-scope': 'Tenant/ApplicationAndUser',
        });
      } else if (fault.failure) {
        const retry: Record<string, string> = fault.failure.retryAfterSeconds
          ? { 'retry-after': String(fault.failure.retryAfterSeconds) }
          : {};
        response = graphError(fault.failure.status, 'ServiceUnavailable', 'The service is temporarily unavailable.', retry);
      } else {
        response = await handler(req);
      }
      // A fault is answered before the service's own router, which names its answers: name this one as it would.
      if (fault.failure) response = withServiceRequestIds(req, response);
      if (process.env.SANDBOX_DEBUG) console.log('API', req.method, req.host, req.path, response.status);
      traffic.record({
        host: req.host,
        method: req.method,
        path: req.path,
        query: req.query.toString(),
        requestContentType: req.headers['content-type'],
        requestBody: req.body,
        status: response.status,
        responseBody: response.body,
        viaBatch,
      });
      return response;
    };
  const graphItem = pipeline((req) => handleGraph(req, { store, login, faults, runItem: graphItem }), true);
  const graph = pipeline((req) => handleGraph(req, { store, login, faults, runItem: graphItem }));
  const powerBi = pipeline((req) => handlePowerBi(req, { store, login, faults }));
  const arm = pipeline((req) => handleArm(req, { store, login, faults }));
  const bap = pipeline((req) => handleBap(req, { store, login, faults }));
  const dataverse = pipeline((req) => handleDataverse(req, { store, login, faults }));

  async function serveApi(handler: (req: ApiRequest) => Promise<ApiResponse>, req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req, hostOf(req), faults.corsRefusal));
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', `https://${hostOf(req)}`);
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      send(res, req, graphError(400, 'BadRequest', 'Unable to read JSON request payload.'), faults.corsRefusal);
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    send(
      res,
      req,
      await handler({
        method: req.method ?? 'GET',
        host: hostOf(req),
        path: url.pathname,
        query: url.searchParams,
        headers,
        body,
      }),
      faults.corsRefusal,
    );
  }

  const server = createHttpsServer({ key: certs.key, cert: `${certs.cert}${certs.ca}` }, (req, res) => {
    const host = hostOf(req);
    const done = (p: Promise<void>) =>
      p.catch((e: unknown) => {
        console.error(`sandbox: ${req.method} ${host}${req.url}:`, e);
        if (!res.headersSent)
          send(res, req, graphError(500, 'InternalServerError', 'The sandbox failed on this request.'), faults.corsRefusal);
      });
    if (host === LOGIN_HOST) return done(login.handle(req, res));
    if (host === GRAPH_HOST) return done(serveApi(graph, req, res));
    if (host === POWERBI_API_HOST) return done(serveApi(powerBi, req, res));
    if (host === ARM_HOST) return done(serveApi(arm, req, res));
    if (host === BAP_HOST) return done(serveApi(bap, req, res));
    if (isDataverseHost(host)) return done(serveApi(dataverse, req, res));
    const html = (page: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    };
    if (POWERBI_HOSTS.includes(host)) return html(powerBiPage(new URL(req.url ?? '/', 'https://x').pathname, store.state));
    if (host === PORTAL_HOST) return html(portalPage());
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    if (host === POWER_PLATFORM_ADMIN_HOST) return html(adminCenterPage(path, store.state));
    if (host === POWER_APPS_MAKER_HOST) return html(makerPage(path, store.state));
    send(
      res,
      req,
      { status: 404, body: { error: { code: 'NotFound', message: `The sandbox does not serve ${host} yet.` } } },
      faults.corsRefusal,
    );
  });
  const control = createHttpServer((req, res) => {
    controlApi(req, res, { store, faults, login, token: controlToken }).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => control.listen(options.controlPort ?? 0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    controlPort: (control.address() as AddressInfo).port,
    controlToken,
    spkiHashes: certs.spkiHashes,
    ca: certs.ca,
    store,
    faults,
    close: async () => {
      store.flush();
      server.closeAllConnections();
      control.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => control.close(r))]);
    },
  };
}
