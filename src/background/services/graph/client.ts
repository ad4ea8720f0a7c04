import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { Settings } from '../../../common/config.ts';
import { AppError } from '../../../common/errors.ts';
import { graphToken } from '../../core/auth.ts';
import { toAppError } from './errors.ts';
import { RenewalHandler } from './renewal-handler.ts';

export interface GraphSession {
  client: Client;
  /** Scopes the current token actually carries (an admin may not have consented to all of them). */
  grantedScopes(): Promise<string[]>;
}

const VERBS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/**
 * One Graph client per request, on the SDK's middleware chain: a 401 renews the token once (RenewalHandler), the
 * AuthenticationHandler asks `graphToken` (bound to the settings' account, if any), the RetryHandler rides out
 * 429/503/504 with Retry-After, and the RedirectHandler asks fetch for `redirect: 'manual'`: in an extension's worker
 * that gives an opaque answer without a Location, so no redirect is followed and the token goes nowhere else (the REST
 * calls of the other services say `redirect: 'error'`, src/background/services/rest.ts).
 */
export function graphSession(settings: Settings): GraphSession {
  let forceRefresh = false;
  let scopes: string[] = [];
  // The SDK wraps whatever the chain throws in its own GraphError; the token's own failure is kept to be thrown as is.
  let authFailure: AppError | undefined;
  const authentication = new AuthenticationHandler({
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
  });
  const client = Client.initWithMiddleware({
    // In this order, each handing on to the next (the SDK links an array so).
    middleware: [
      new RenewalHandler(() => {
        forceRefresh = true;
      }),
      authentication,
      new RetryHandler(),
      new RedirectHandler(),
      new HTTPMessageHandler(),
    ],
  });
  // Graph's refusals become the extension's codes once, here at the client boundary. The SDK turns anything a
  // middleware throws into its own GraphError (GraphRequest.send), so the mapping cannot live in the chain.
  const api = client.api.bind(client);
  client.api = (path: string) => {
    const request = api(path);
    for (const verb of VERBS) {
      const call = request[verb].bind(request) as (...a: unknown[]) => Promise<unknown>;
      (request as unknown as Record<string, unknown>)[verb] = (...args: unknown[]) =>
        call(...args).catch((e: unknown) => {
          throw authFailure ?? toAppError(e);
        });
    }
    return request;
  };
  return {
    client,
    grantedScopes: async () => {
      if (scopes.length === 0) scopes = (await graphToken(settings, false)).scopes;
      return scopes;
    },
  };
}
