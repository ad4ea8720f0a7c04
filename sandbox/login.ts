import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { refreshNotGranted, refuseNotConsented, widenAccessToken } from './consent.ts';
import { LOGIN_HOST } from './hosts.ts';
import { expandDefaultScopes, expandInQuery, expandInTokenForm } from './login-default-scope.ts';
import { instanceDiscovery, isInstanceDiscovery } from './login-discovery.ts';
import {
  AUTH_CONTEXTS,
  askForAuthenticationContext,
  askForConsentWithOfflineAccess,
  base64url,
  html,
  readForm,
  resourceOf,
  signingKey,
  widenRefreshToken,
} from './login-helpers.ts';
import { type ConsentPageShown, interaction } from './login-interaction.ts';
import { signInPage } from './login-pages.ts';
import {
  endedSpaRefreshToken,
  entraSilentRefusal,
  keepOfflineAccess,
  refuseEndedSpaRefreshToken,
  SPA_REFRESH_TOKEN_LIFETIME_S,
  silentRenewalOptions,
} from './login-renewal.ts';
import { refuseSpaRedemption, spaRedemptionWithoutOrigin } from './login-spa.ts';
import { fileAdapterFactory } from './oidc-adapter.ts';
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
  /** Authentication contexts (`acrs`) the sign-in behind this token satisfied, as Entra puts them in the token. */
  acrs: string[];
}

type Req = IncomingMessage & { originalUrl?: string; body?: string };

/** Entra's login at login.microsoftonline.com: one OpenID provider per tenant, issuer `/<tenant>/v2.0`. */
export class Login {
  private readonly providers = new Map<string, Provider>();
  private readonly adapters = new Map<string, ReturnType<typeof fileAdapterFactory>>();
  /** Every token value handed out in this run, so a test can look for them where they must never be. */
  private readonly issued = { accessTokens: new Set<string>(), refreshTokens: new Set<string>() };
  /** Every authorize request of this run, by its `prompt`, so a test can tell a silent renewal from a sign-in shown. */
  private readonly authorizeRequests: { tenant: string; prompt: string; loginHint: string }[] = [];
  /** Every consent or "Need admin approval" page shown in this run, so a test can tell what a person was asked. */
  private readonly consentPages: ConsentPageShown[] = [];

  constructor(
    private readonly store: Store,
    private readonly stateDir: string,
  ) {
    for (const tenant of store.state.tenants) this.providers.set(tenant.id, this.createProvider(tenant));
  }

  private adapterFor(tid: string) {
    const app = (clientId: unknown) => this.store.tenant(tid)?.applications.find((a) => a.appId === clientId);
    const adapter = fileAdapterFactory(join(this.stateDir, `oidc-${tid}.json`), (model, payload, find) => {
      const consented = app(payload.clientId)?.consentedScopes ?? [];
      widenRefreshToken(model, payload, find, [...(app(payload.clientId)?.requiredScopes ?? []), ...consented]);
      widenAccessToken(model, payload, find, consented);
      keepOfflineAccess(model, payload, find);
    });
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
      claims: { openid: ['sub', 'oid', 'tid', 'idp', 'name', 'preferred_username'], email: ['email'], profile: ['name'] },
      conformIdTokenClaims: false,
      scopes: ['openid', 'offline_access', 'profile', 'email'],
      pkce: { required: () => true },
      // Entra does not revoke a refresh token when it is used: an earlier one stays valid. oidc-provider's rotation
      // for public clients would revoke the whole grant when an earlier one came back (MSAL's cache can hold one
      // when its offscreen document closed right after a renewal).
      rotateRefreshToken: false,
      ...silentRenewalOptions,
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
            // What the app is configured with; the grant (tenant's consent, the user's own) decides what a token
            // carries of it (consent.ts).
            const configured = new Set([...(app?.requiredScopes ?? []), ...(app?.consentedScopes ?? [])]);
            const scope = [...configured].filter((s) => resourceOf(s) === resource).join(' ');
            return { scope, audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: 3600 };
          },
        },
      },
      acrValues: AUTH_CONTEXTS,
      // An authentication context met at sign-in reaches ARM in the access token's `acrs`, as Entra sends it.
      extraTokenClaims: (ctx) => {
        // No context when the control API mints a token directly.
        const acr = ctx?.oidc?.entities.AuthorizationCode?.acr ?? ctx?.oidc?.entities.RefreshToken?.acr;
        return acr && AUTH_CONTEXTS.includes(acr) ? { acrs: [acr] } : undefined;
      },
      findAccount: async (_ctx, sub) => {
        const user = tenant().users.find((u) => u.id === sub);
        if (!user) return undefined;
        const home = this.store.homeOf(tenant(), user);
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            // A guest's identity provider is their home tenant (Entra's `idp` claim for B2B guests).
            ...(home ? { idp: `https://sts.windows.net/${home.tenant.id}/` } : {}),
            oid: user.id,
            tid,
            name: user.displayName,
            // A guest signs in with their home account's name, and Entra names them by it.
            preferred_username: home?.user.userPrincipalName ?? user.userPrincipalName,
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
      const location = ctx.response.get('location');
      // A prompt=none request refused: Entra's words (login-renewal.ts).
      if (ctx.oidc?.route === 'authorization' && location)
        ctx.set('location', entraSilentRefusal(location, tenant(), String(ctx.oidc.params?.client_id ?? '')));
      const body = ctx.body as Record<string, unknown> | undefined;
      if (process.env.SANDBOX_DEBUG && ctx.oidc?.route === 'token')
        console.log('TOKEN', ctx.status, Object.keys(body ?? {}).join(','), String(body?.scope), String(ctx.oidc?.params?.scope));
      if (ctx.oidc?.route === 'token' && ctx.status === 200 && body) this.recordIssued(body);
      // The response names the token's scopes as stored: all granted on its audience (consent.ts).
      if (ctx.oidc?.route === 'token' && ctx.status === 200 && typeof body?.access_token === 'string') {
        const stored = await provider.AccessToken.find(body.access_token);
        if (stored?.scope) body.scope = stored.scope;
      }
      if (ctx.oidc?.route === 'token' && ctx.status === 200 && body && typeof body.id_token === 'string') {
        const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        // A guest's client_info names their home account (Entra's), while the id token speaks of this tenant.
        const user = tenant().users.find((u) => u.id === claims.oid);
        const home = user && this.store.homeOf(tenant(), user);
        body.client_info = base64url(
          JSON.stringify(home ? { uid: home.user.id, utid: home.tenant.id } : { uid: claims.oid, utid: claims.tid }),
        );
      }
    });
    return provider;
  }

  async handle(req: Req, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `https://${LOGIN_HOST}`);
    if (process.env.SANDBOX_DEBUG) console.log('LOGIN', req.method, url.pathname);
    const [, tenantKey = '', ...rest] = url.pathname.split('/');
    if (isInstanceDiscovery(tenantKey, rest)) {
      instanceDiscovery(req.method ?? 'GET', url.searchParams, res);
      return;
    }
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
      await interaction(provider, tenant, req, res, this.store, (shown) => this.consentPages.push(shown));
      return;
    }
    if (path === '/oauth2/v2.0/authorize') {
      const [prompt, loginHint] = [url.searchParams.get('prompt') ?? '', url.searchParams.get('login_hint') ?? ''];
      this.authorizeRequests.push({ tenant: tenant.id, prompt, loginHint });
      expandInQuery(tenant, url.searchParams);
      askForConsentWithOfflineAccess(url.searchParams);
      askForAuthenticationContext(url.searchParams);
    }
    const form = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    if (path === '/oauth2/v2.0/token' && req.method === 'POST' && form) {
      const body = await readForm(req);
      if (spaRedemptionWithoutOrigin(tenant, body, req.headers.origin)) {
        refuseSpaRedemption(res);
        return;
      }
      const began = await endedSpaRefreshToken(provider, tenant, body);
      if (began !== undefined) {
        refuseEndedSpaRefreshToken(res, began, req.headers.origin ?? '*');
        return;
      }
      const consented = tenant.applications.find((a) => a.appId === body.get('client_id'))?.consentedScopes ?? [];
      const missing = await refreshNotGranted(provider, body, consented);
      if (missing.length > 0) {
        refuseNotConsented(
          res,
          tenant.applications.find((a) => a.appId === body.get('client_id')),
          req.headers.origin,
        );
        return;
      }
      expandInTokenForm(tenant, body);
      // oidc-provider takes the body from here when the stream has been read already (lib/shared/selective_body.js).
      req.body = body.toString();
    }
    req.originalUrl = `/${tenant.id}${path}${url.search}`;
    req.url = `${path}${url.search}`;
    await provider.callback()(req, res);
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
      // `.default` spelt out as the token endpoint does (login-default-scope.ts); the audience is as asked.
      scope: expandDefaultScopes(scopes.join(' '), app.consentedScopes),
      gty: 'authorization_code',
    });
    token.setAudience(audience);
    const value = await token.save();
    this.issued.accessTokens.add(value);
    return value;
  }

  /**
   * Taken from the token endpoint's responses rather than the adapter: those are the values a client holds,
   * whatever the token format (an opaque token's value is its adapter id, a JWT's is not).
   */
  private recordIssued(body: Record<string, unknown>): void {
    if (typeof body.access_token === 'string') this.issued.accessTokens.add(body.access_token);
    if (typeof body.refresh_token === 'string') this.issued.refreshTokens.add(body.refresh_token);
  }

  /** The consent pages shown so far, oldest first. */
  consentPagesShown(): ConsentPageShown[] {
    return [...this.consentPages];
  }

  forgetConsentPages(): void {
    this.consentPages.length = 0;
  }

  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] } {
    return { accessTokens: [...this.issued.accessTokens], refreshTokens: [...this.issued.refreshTokens] };
  }

  authorizations(): { tenant: string; prompt: string; loginHint: string }[] {
    return [...this.authorizeRequests];
  }

  /** Every refresh token held now becomes one of a sign-in that began a day ago (a test need not wait one). */
  ageRefreshTokens(): void {
    const aDayAgo = (at: unknown) => (typeof at === 'number' ? at - SPA_REFRESH_TOKEN_LIFETIME_S - 60 : at);
    for (const adapter of this.adapters.values())
      adapter.updateAll('RefreshToken', (token) => {
        Object.assign(token, { iat: aDayAgo(token.iat), ...(token.iiat ? { iiat: aDayAgo(token.iiat) } : {}) });
      });
  }

  /** Every login session ends, as when each person signs out of Entra or the session cookie goes. */
  endLoginSessions(): void {
    for (const adapter of this.adapters.values()) adapter.removeAll('Session');
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
        acrs: ((token.extra as { acrs?: string[] } | undefined)?.acrs ?? []).filter((a) => typeof a === 'string'),
      };
    }
    return undefined;
  }
}
