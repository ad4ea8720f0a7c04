import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { LOGIN_HOST } from './hosts.ts';
import { consentPage, signInPage } from './login-pages.ts';
import { fileAdapterFactory, type Payload } from './oidc-adapter.ts';
import type { SandboxTenant, Store } from './store.ts';

/** What a resource server (Graph, ARM, Power BI) learns from a bearer token. */
export interface TokenInfo {
  tenant: SandboxTenant;
  userId: string;
  clientId: string;
  scopes: string[];
  audience: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
}

type Req = IncomingMessage & { originalUrl?: string };

/** One RSA signing key per tenant, kept with the state so tokens stay verifiable across restarts. */
function signingKey(file: string): JsonWebKey {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
  writeFileSync(file, JSON.stringify(jwk));
  return jwk;
}

const base64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * The resource a scope belongs to: all before its last segment, so `https://graph.microsoft.com/User.Read` gives
 * `https://graph.microsoft.com` and `https://analysis.windows.net/powerbi/api/App.Read.All` gives Power BI's.
 */
function resourceOf(scope: string): string | undefined {
  if (!scope.startsWith('https://')) return undefined;
  const cut = scope.lastIndexOf('/');
  return cut > 'https://'.length ? scope.slice(0, cut) : undefined;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Entra refresh tokens are multi-resource: one redeems for any resource the user consented to. oidc-provider binds a
 * refresh token to the scopes of its first request, so the sandbox widens it to the app's configured permissions
 * and the resources its grant holds.
 */
function widenRefreshToken(
  model: string,
  payload: Payload,
  find: (key: string) => Payload | undefined,
  required: string[],
): void {
  if (model !== 'RefreshToken' || !payload.grantId) return;
  const grant = find(`Grant:${payload.grantId}`) as { resources?: Record<string, string> } | undefined;
  // Renewals may ask for any permission the app is configured with; the grant decides what the token carries.
  const scopes = new Set([
    ...String(payload.scope ?? '')
      .split(' ')
      .filter(Boolean),
    ...required,
  ]);
  for (const resourceScopes of Object.values(grant?.resources ?? {})) for (const s of resourceScopes.split(' ')) scopes.add(s);
  payload.scope = [...scopes].join(' ');
  // Every consented resource, so the refresh request's scopes choose the token's audience (defaultResource).
  const resources = Object.keys(grant?.resources ?? {});
  if (resources.length > 1) payload.resource = resources;
}

/** Scopes Entra grants without showing them on the consent page. */
const SILENT_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * oidc-provider drops `offline_access` (so: no refresh token) unless the request prompts for consent, where Entra
 * always honours it. Asking for consent here, and skipping the page when nothing new is asked, gives Entra's
 * behaviour: MSAL gets its refresh token and the person sees consent once.
 */
function askForConsentWithOfflineAccess(query: URLSearchParams): void {
  if (!(query.get('scope') ?? '').split(' ').includes('offline_access')) return;
  const prompts = new Set((query.get('prompt') ?? '').split(' ').filter(Boolean));
  if (prompts.has('none')) return;
  prompts.add('consent');
  query.set('prompt', [...prompts].join(' '));
}

/** Entra's login at login.microsoftonline.com: one OpenID provider per tenant, issuer `/<tenant>/v2.0`. */
export class Login {
  private readonly providers = new Map<string, Provider>();
  private readonly adapters = new Map<string, ReturnType<typeof fileAdapterFactory>>();

  constructor(
    private readonly store: Store,
    private readonly stateDir: string,
  ) {
    for (const tenant of store.state.tenants) this.providers.set(tenant.id, this.createProvider(tenant));
  }

  private adapterFor(tid: string) {
    const requiredScopes = (clientId: unknown) =>
      this.store.tenant(tid)?.applications.find((a) => a.appId === clientId)?.requiredScopes ?? [];
    const adapter = fileAdapterFactory(join(this.stateDir, `oidc-${tid}.json`), (model, payload, find) =>
      widenRefreshToken(model, payload, find, requiredScopes(payload.clientId)),
    );
    this.adapters.set(tid, adapter);
    return adapter;
  }

  private createProvider(seedTenant: SandboxTenant): Provider {
    const tid = seedTenant.id;
    const tenant = () => this.store.tenant(tid) as SandboxTenant;
    const provider = new Provider(`https://${LOGIN_HOST}/${tid}/v2.0`, {
      adapter: this.adapterFor(tid),
      jwks: { keys: [signingKey(join(this.stateDir, `jwks-${tid}.json`))] },
      clients: seedTenant.applications.map((app) => ({
        client_id: app.appId,
        client_name: app.displayName,
        token_endpoint_auth_method: 'none',
        redirect_uris: app.spaRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      })),
      cookies: { keys: [`sandbox-cookie-key-${tid}`] },
      claims: { openid: ['sub', 'oid', 'tid', 'name', 'preferred_username'], email: ['email'], profile: ['name'] },
      conformIdTokenClaims: false,
      scopes: ['openid', 'offline_access', 'profile', 'email'],
      pkce: { required: () => true },
      clientBasedCORS: () => true,
      routes: {
        authorization: '/oauth2/v2.0/authorize',
        token: '/oauth2/v2.0/token',
        jwks: '/discovery/v2.0/keys',
        end_session: '/oauth2/v2.0/logout',
        userinfo: '/openid/userinfo',
      },
      interactions: { url: (_ctx, interaction) => `/${tid}/login/${interaction.uid}` },
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 600,
        IdToken: 3600,
        RefreshToken: 90 * 24 * 3600,
        Grant: 90 * 24 * 3600,
        Session: 14 * 24 * 3600,
        Interaction: 3600,
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          // MSAL sends no `resource`; like Entra, the resource is the prefix of the requested scopes.
          defaultResource: (ctx) => {
            const scopes = String(ctx.oidc.params?.scope ?? '').split(' ');
            return scopes.map(resourceOf).find(Boolean) ?? undefined;
          },
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource, client) => {
            const app = tenant().applications.find((a) => a.appId === client.clientId);
            // Only what an admin consented to for this app is ever in a token.
            const scope = (app?.consentedScopes ?? []).filter((s) => resourceOf(s) === resource).join(' ');
            return { scope, audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: 3600 };
          },
        },
      },
      findAccount: async (_ctx, sub) => {
        const user = tenant().users.find((u) => u.id === sub);
        if (!user) return undefined;
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            oid: user.id,
            tid,
            name: user.displayName,
            preferred_username: user.userPrincipalName,
            email: user.mail ?? undefined,
          }),
        };
      },
    });
    provider.proxy = true;
    // A refused token request is the first thing to look at when a sign-in in the sandbox goes wrong.
    provider.on('grant.error', (_ctx, err) =>
      console.warn(
        `sandbox login (${tenant().displayName}): token request refused: ${err.message} ${(err as { error_description?: string }).error_description ?? ''}`,
      ),
    );
    // MSAL in AAD mode builds the account from client_info (uid.utid), which Entra adds to token responses.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as Record<string, unknown> | undefined;
      if (process.env.SANDBOX_DEBUG && ctx.oidc?.route === 'token')
        console.log('TOKEN', ctx.status, Object.keys(body ?? {}).join(','), String(body?.scope), String(ctx.oidc?.params?.scope));
      if (ctx.oidc?.route === 'token' && ctx.status === 200 && body && typeof body.id_token === 'string') {
        const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        body.client_info = base64url(JSON.stringify({ uid: claims.oid, utid: claims.tid }));
      }
    });
    return provider;
  }

  async handle(req: Req, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `https://${LOGIN_HOST}`);
    const [, tenantKey = '', ...rest] = url.pathname.split('/');
    const tenant = this.store.tenant(tenantKey);
    const provider = tenant && this.providers.get(tenant.id);
    if (!tenant || !provider) {
      html(
        res,
        400,
        signInPage({ action: '#', tenantName: 'Unknown tenant', error: `AADSTS90002: Tenant '${tenantKey}' not found.` }),
      );
      return;
    }
    let path = `/${rest.join('/')}`;
    if (path === '/v2.0/.well-known/openid-configuration') path = '/.well-known/openid-configuration';
    if (rest[0] === 'login' && rest[1]) {
      await this.interaction(provider, tenant, req, res);
      return;
    }
    if (path === '/oauth2/v2.0/authorize') askForConsentWithOfflineAccess(url.searchParams);
    req.originalUrl = `/${tenant.id}${path}${url.search}`;
    req.url = `${path}${url.search}`;
    await provider.callback()(req, res);
  }

  private async interaction(provider: Provider, tenant: SandboxTenant, req: Req, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const action = `/${tenant.id}/login/${details.uid}`;
    const appName = tenant.applications.find((a) => a.appId === details.params.client_id)?.displayName ?? 'An application';
    if (details.prompt.name === 'login') {
      if (req.method !== 'POST') {
        html(
          res,
          200,
          signInPage({ action, tenantName: tenant.displayName, loginHint: String(details.params.login_hint ?? '') }),
        );
        return;
      }
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const user = this.store.userBySignInName(tenant, login);
      if (!user || user.password !== form.get('passwd')) {
        const error = user
          ? 'Your account or password is incorrect.'
          : `We couldn't find an account with that username in ${tenant.displayName}.`;
        html(res, 200, signInPage({ action, tenantName: tenant.displayName, loginHint: login, error }));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
      return;
    }
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    const scopes = [
      ...(missing.missingOIDCScope ?? []).filter((s) => !SILENT_SCOPES.has(s)),
      ...Object.values(missing.missingResourceScopes ?? {}).flat(),
    ];
    // Entra asks for consent once per user and app; with nothing new to consent to, the grant is simply extended.
    if (req.method !== 'POST' && scopes.length > 0) {
      const user = tenant.users.find((u) => u.id === details.session?.accountId);
      html(res, 200, consentPage({ action, appName, account: user?.userPrincipalName ?? '', scopes }));
      return;
    }
    const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams({ decision: 'accept' });
    if (form.get('decision') !== 'accept') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'AADSTS65004: User declined to consent to access the app.',
      });
      return;
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
    if (!grant) throw new Error('grant vanished during consent');
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    // Like Entra, consent covers the app's permissions on every resource, so one sign-in serves Graph and Power BI.
    const app = tenant.applications.find((a) => a.appId === details.params.client_id);
    for (const scope of app?.consentedScopes ?? []) {
      const resource = resourceOf(scope);
      if (resource) grant.addResourceScope(resource, scope);
    }
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  /**
   * Issues an access token without a browser, for the sandbox's own Node-side tests (control API only; the
   * Microsoft host names never offer this).
   */
  async mintAccessToken(tenantId: string, userId: string, scopes: string[]): Promise<string> {
    const provider = this.providers.get(tenantId);
    const tenant = this.store.tenant(tenantId);
    const app = tenant?.applications[0];
    if (!provider || !app) throw new Error(`no tenant or application for ${tenantId}`);
    const client = await provider.Client.find(app.appId);
    if (!client) throw new Error(`no client ${app.appId}`);
    const audience = resourceOf(scopes[0] ?? '') ?? 'https://graph.microsoft.com';
    const token = new provider.AccessToken({
      accountId: userId,
      client,
      grantId: randomUUID(),
      scope: scopes.join(' '),
      gty: 'authorization_code',
    });
    token.setAudience(audience);
    return token.save();
  }

  /**
   * An admin withdrew consent: grants lose the scopes no longer consented, so tokens renewed from then on come
   * without them. (Refresh tokens keep theirs: a renewal asking for the old set still succeeds, minus the scope.)
   */
  withdrawConsent(tenantId: string, appId: string, consented: string[]): void {
    const keep = new Set(consented);
    const trim = (scope: unknown) =>
      String(scope ?? '')
        .split(' ')
        .filter((s) => !resourceOf(s) || keep.has(s))
        .join(' ');
    const adapter = this.adapters.get(tenantId);
    adapter?.updateAll('Grant', (grant) => {
      if (grant.clientId !== appId) return;
      const resources = (grant.resources ?? {}) as Record<string, string>;
      for (const r of Object.keys(resources)) resources[r] = trim(resources[r]);
    });
  }

  /** Looks a bearer token up in every tenant's store, as a resource server validating Entra tokens would. */
  async findAccessToken(value: string): Promise<TokenInfo | undefined> {
    for (const [tid, provider] of this.providers) {
      const token = await provider.AccessToken.find(value);
      const tenant = this.store.tenant(tid);
      if (!token || !tenant || !token.accountId) continue;
      return {
        tenant,
        userId: token.accountId,
        clientId: token.clientId ?? '',
        scopes: (token.scope ?? '').split(' ').filter(Boolean),
        audience: String(token.aud ?? ''),
        issuedAt: this.adapters.get(tid)?.savedAt('AccessToken', token.jti) ?? (token.iat ?? 0) * 1000,
      };
    }
    return undefined;
  }
}
