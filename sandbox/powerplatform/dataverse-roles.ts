/**
 * Security roles and their assignment (learn: power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api):
 * `POST systemusers({id})/systemuserroles_association/$ref` with `{ "@odata.id": "<org>/api/data/v9.2/roles({roleid})" }`
 * gives 204; `GET systemusers({id})/systemuserroles_association` lists the user's roles.
 */
import type { ApiResponse } from '../api.ts';
import { API, dataverseError, doesNotExist } from './dataverse-query.ts';
import type { SandboxDataverse, SandboxRole, SandboxSystemUser } from './model.ts';

export function roleRow(dv: SandboxDataverse, role: SandboxRole) {
  return {
    '@odata.etag': `W/"${parseInt(role.roleid.slice(0, 6), 16)}"`,
    roleid: role.roleid,
    name: role.name,
    _businessunitid_value: dv.businessUnitId,
    _roletemplateid_value: role.roletemplateid ?? null,
    ismanaged: true,
  };
}

export const ROLE_COLUMNS = ['roleid', 'name', '_businessunitid_value', '_roletemplateid_value', 'ismanaged'];

/**
 * The roles a `$filter=roleprivileges_association/any(p:p/name eq 'prv…' or …)` keeps: those holding any named
 * privilege (learn: power-apps/developer/data-platform/webapi/query/filter-rows, lambda expressions). Null for any
 * other filter, which the plain query reads.
 */
export function rolesWithPrivileges(dv: SandboxDataverse, filter: string | null): SandboxRole[] | null {
  const lambda = /^roleprivileges_association\/any\((\w+):(.+)\)$/.exec(filter?.trim() ?? '');
  if (!lambda?.[1] || !lambda[2]) return null;
  const names = [...lambda[2].matchAll(new RegExp(`${lambda[1]}/name eq '([^']+)'`, 'g'))].map((m) => m[1]?.toLowerCase());
  return dv.roles.filter((r) => r.privileges?.some((p) => names.includes(p.toLowerCase())));
}

/** The role an `@odata.id` names, if it names one of this organization's. */
function roleOf(dv: SandboxDataverse, body: unknown): SandboxRole | string {
  const ref = (body as Record<string, unknown> | undefined)?.['@odata.id'];
  const id = typeof ref === 'string' ? /\/roles\(([0-9a-f-]{36})\)$/i.exec(ref)?.[1]?.toLowerCase() : undefined;
  if (!id) return '';
  return dv.roles.find((r) => r.roleid === id) ?? id;
}

export function associateRole(dv: SandboxDataverse, user: SandboxSystemUser, body: unknown): ApiResponse {
  const role = roleOf(dv, body);
  if (role === '') {
    return dataverseError(400, '0x80048d19', "Error identified in Payload provided by the user: '@odata.id' must name a role.");
  }
  if (typeof role === 'string') return doesNotExist('role', role);
  // The intersect row exists already: Dataverse refuses the second insert (-2147220937, learn client-errors).
  if (user.roles.includes(role.roleid)) return dataverseError(400, '0x80040237', 'Cannot insert duplicate key.');
  user.roles.push(role.roleid);
  return { status: 204 };
}

export function disassociateRole(dv: SandboxDataverse, user: SandboxSystemUser, roleid: string): ApiResponse {
  const id = roleid.toLowerCase();
  if (!dv.roles.some((r) => r.roleid === id)) return doesNotExist('role', id);
  user.roles = user.roles.filter((r) => r !== id);
  return { status: 204 };
}

export function rolesOfUser(dv: SandboxDataverse, user: SandboxSystemUser) {
  return {
    '@odata.context': `${dv.instanceUrl}${API}/$metadata#roles`,
    value: dv.roles.filter((r) => user.roles.includes(r.roleid)).map((r) => roleRow(dv, r)),
  };
}
