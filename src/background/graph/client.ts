import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Settings } from '../../shared/config.ts';
import { AppError } from '../../shared/errors.ts';
import { graphToken } from '../auth.ts';
import { toAppError } from './errors.ts';

export interface GraphSession {
  client: Client;
  /** Scopes the current token actually carries (an admin may not have consented to all of them). */
  grantedScopes(): Promise<string[]>;
}

/**
 * One Graph client per request. Its RedirectHandler asks fetch for `redirect: 'manual'`: in an extension's worker
 * that gives an opaque answer without a Location, so no redirect is followed and the token goes nowhere else (the
 * REST calls of the other services say `redirect: 'error'`, src/background/rest.ts).
 * The SDK's RetryHandler rides out 429/503/504 with Retry-After; a 401 (token
 * expired or revoked early) is retried once here with a token renewed through the refresh token.
 */
export function graphSession(settings: Settings): GraphSession {
  let forceRefresh = false;
  let scopes: string[] = [];
  // The SDK wraps errors thrown by the auth provider; keep ours so the caller sees its code.
  let authFailure: AppError | undefined;
  const client = Client.initWithMiddleware({
    authProvider: {
      getAccessToken: async () => {
        authFailure = undefined;
        const token = await graphToken(settings, forceRefresh).catch((e: unknown) => {
          authFailure = e instanceof AppError ? e : undefined;
          throw e;
        });
        forceRefresh = false;
        scopes = token.scopes;
        return token.accessToken;
      },
    },
  });
  const session: GraphSession = {
    client,
    grantedScopes: async () => {
      if (scopes.length === 0) scopes = (await graphToken(settings, false)).scopes;
      return scopes;
    },
  };
  const api = client.api.bind(client);
  // Every request goes through the same 401-retry wrapper.
  client.api = (path: string) => {
    const request = api(path);
    for (const verb of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const call = request[verb].bind(request) as (...a: unknown[]) => Promise<unknown>;
      (request as unknown as Record<string, unknown>)[verb] = async (...args: unknown[]) => {
        try {
          return await call(...args);
        } catch (e) {
          if (!(e instanceof GraphError) || e.statusCode !== 401) throw authFailure ?? toAppError(e);
          forceRefresh = true;
          return call(...args).catch((again: unknown) => {
            throw authFailure ?? toAppError(again);
          });
        }
      };
    }
    return request;
  };
  return session;
}
