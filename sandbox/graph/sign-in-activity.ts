import type { ApiResponse } from '../api.ts';
import type { EntraIdPlan, SandboxTenant } from '../store.ts';
import { AUDIT_READERS } from './audit-routes.ts';
import type { GraphCall } from './call.ts';
import { graphError, insufficientPrivileges } from './errors.ts';
import { filterPaths } from './odata-filter.ts';
import { UnsupportedQuery } from './odata-values.ts';

/**
 * A user's `signInActivity` (learn: signinactivity; user-list, "Permissions"): Graph shows it only in a tenant with
 * Entra ID P1 or P2, and refuses the whole request otherwise with 403
 * `Authentication_RequestFromNonPremiumTenantOrB2CTenant`; the caller needs AuditLog.Read.All besides a user-read
 * permission and, signed in, a role that reads sign-in reports (Reports Reader, Security Reader, Global Reader...).
 * It is never in the default property set: only a `$select` that names it asks for it.
 */
const selectsSignInActivity = (c: GraphCall) =>
  (c.req.query.get('$select') ?? '').split(',').some((p) => p.trim().toLowerCase() === 'signinactivity');

const isSignInPath = (p: string) => /^signInActivity(\/|$)/i.test(p);

/**
 * A `$filter` on signInActivity (learn: user resource, signInActivity: "Supports $filter (eq, ne, not, ge, le) but not
 * with any other filterable properties"): refused beside any other property, as Graph refuses it.
 */
function filtersSignInActivity(c: GraphCall): boolean {
  const paths = filterPaths(c.req.query.get('$filter'));
  if (!paths.some(isSignInPath)) return false;
  if (!paths.every(isSignInPath)) throw new UnsupportedQuery('Unsupported Query.');
  return true;
}

/** A request that selects or filters on signInActivity: it needs the licence and the permission below. */
export const asksSignInActivity = (c: GraphCall) => filtersSignInActivity(c) || selectsSignInActivity(c);

/**
 * With signInActivity selected or filtered on, Graph gives at most 120 users a page, whatever `$top` asks (learn:
 * user-list, "signInActivity" note).
 */
export const SIGN_IN_PAGE_MAX = 120;

const plan = (tenant: SandboxTenant): EntraIdPlan => tenant.entraIdPlan ?? 'P1';

/** The refusal of a `$select=signInActivity` this tenant or caller may not have, or null. */
export function signInActivityRefusal(c: GraphCall): ApiResponse | null {
  if (!asksSignInActivity(c)) return null;
  if (plan(c.tenant) === 'Free') {
    return graphError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  }
  const held = c.scopes.map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
  if (!held.includes('AuditLog.Read.All') || !c.caller.directoryRoles.some((r) => AUDIT_READERS.has(r))) {
    return insufficientPrivileges();
  }
  return null;
}

const PLANS: EntraIdPlan[] = ['Free', 'P1', 'P2'];

/**
 * The control API's stand-in for buying or ending Entra ID P1/P2 (the admin center's Billing > Licenses):
 * `PATCH /tenants/{id}/entraIdPlan` with `{ plan: 'Free' | 'P1' | 'P2' }`. Null: not this route.
 */
export function entraIdPlanRoute(
  tenant: SandboxTenant,
  method: string,
  rest: string,
  body: Record<string, unknown>,
): { status: number; body: unknown } | null {
  if (method !== 'PATCH' || rest !== '/entraIdPlan') return null;
  if (!PLANS.includes(body.plan as EntraIdPlan))
    return { status: 400, body: { error: `plan must be one of ${PLANS.join(', ')}` } };
  tenant.entraIdPlan = body.plan as EntraIdPlan;
  return { status: 200, body: { plan: tenant.entraIdPlan } };
}
