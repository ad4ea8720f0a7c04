import type { ApiRequest, ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { graphError } from './errors.ts';
import { UnsupportedQuery } from './odata.ts';

export const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata';

/** One Graph request as the route modules see it, after the router has checked the token. */
export interface GraphCall {
  req: ApiRequest;
  method: string;
  /** Without the `/v1.0` prefix. */
  path: string;
  tenant: SandboxTenant;
  /** The signed-in user the token is for. */
  caller: SandboxUser;
  /** Whether the token's scopes allow an operation, e.g. `GET /users/{user-id}`. */
  allowed: (operation: string) => boolean;
  save: () => void;
  /** The sandbox tenant that owns a verified domain (or has this id), for an invitee's home tenant. */
  tenantOf: (domainOrId: string) => SandboxTenant | undefined;
}

export type Route = (call: GraphCall) => ApiResponse | null;

export const list = (context: string, value: unknown[], extra: Record<string, unknown> = {}): ApiResponse => ({
  status: 200,
  body: { '@odata.context': `${CONTEXT}#${context}`, ...extra, value },
});

export const entity = (context: string, value: Record<string, unknown>): ApiResponse => ({
  status: 200,
  body: { '@odata.context': `${CONTEXT}#${context}`, ...value },
});

/** `$top` as Graph reads it: a positive whole number, at most 999 (learn: query-parameters). */
export function top(call: GraphCall, fallback = 100): number {
  const n = Number(call.req.query.get('$top') ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 999) : fallback;
}

/** Runs a reader whose `$filter` may be unsupported, answering as Graph does then. */
export function querying(read: () => ApiResponse): ApiResponse {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnsupportedQuery) return graphError(400, 'Request_UnsupportedQuery', e.message);
    throw e;
  }
}
