import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
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
  /** The token's scopes, for what a permission lets the caller see (User.ReadBasic.All). */
  scopes: string[];
  save: () => void;
  /** The sandbox tenant that owns a verified domain (or has this id), for an invitee's home tenant. */
  tenantOf: (domainOrId: string) => SandboxTenant | undefined;
  /** A forced page size, if a test set one (sandbox/faults.ts). */
  faults: Pick<Faults, 'forcedPageSize'>;
}

export type Route = (call: GraphCall) => ApiResponse | null;

export const entity = (context: string, value: Record<string, unknown>): ApiResponse => ({
  status: 200,
  body: { '@odata.context': `${CONTEXT}#${context}`, ...value },
});

/** Runs a reader whose query options (`$filter`, `$search`, `$select`, `$skiptoken`...) may be refused, as Graph refuses them. */
export function querying(read: () => ApiResponse): ApiResponse {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnsupportedQuery) return graphError(400, e.code, e.message);
    throw e;
  }
}
