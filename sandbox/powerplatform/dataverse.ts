/**
 * The Dataverse Web API of each environment's instance (`https://{org}.crm.dynamics.com/api/data/v9.2/`): systemusers,
 * roles and the role association. A token is for one instance: its audience is the instance URL (learn:
 * power-apps/developer/data-platform/authenticate-oauth). A user appears only after the add-user sync (add-user.ts).
 */
import type { ApiRequest, ApiResponse } from '../api.ts';
import { LOGIN_HOST } from '../hosts.ts';
import type { SandboxTenant } from '../store.ts';
import type { PowerPlatformDeps } from './bap.ts';
import { dataversePaged } from './dataverse-paging.ts';
import { API, collectionContext, dataverseError, doesNotExist, query } from './dataverse-query.ts';
import { associateRole, disassociateRole, ROLE_COLUMNS, roleRow, rolesOfUser, rolesWithPrivileges } from './dataverse-roles.ts';
import {
  environmentAtHost,
  type SandboxDataverse,
  type SandboxSystemUser,
  SYSTEM_ADMINISTRATOR,
  sameAudience,
  syncedUsers,
} from './model.ts';

const USER_COLUMNS = [
  'systemuserid',
  'fullname',
  'firstname',
  'lastname',
  'domainname',
  'internalemailaddress',
  'azureactivedirectoryobjectid',
  'isdisabled',
  '_businessunitid_value',
];

const userRow = (dv: SandboxDataverse, u: SandboxSystemUser) => ({
  '@odata.etag': `W/"${parseInt(u.systemuserid.slice(0, 6), 16)}"`,
  ...Object.fromEntries(USER_COLUMNS.slice(0, -1).map((c) => [c, u[c as keyof SandboxSystemUser]])),
  _businessunitid_value: dv.businessUnitId,
});

/** Dataverse answers an unusable token with a bare 401 and the challenge naming where to get one. */
const unauthorized = (tenant: SandboxTenant | undefined, instanceUrl: string): ApiResponse => ({
  status: 401,
  headers: {
    'www-authenticate': `Bearer authorization_uri=https://${LOGIN_HOST}/${tenant?.id ?? 'common'}/oauth2/authorize, resource_id=${instanceUrl}/`,
  },
});

const isSystemAdministrator = (dv: SandboxDataverse, u: SandboxSystemUser) =>
  u.roles.some((r) => dv.roles.find((role) => role.roleid === r)?.name === SYSTEM_ADMINISTRATOR);

export async function handleDataverse(req: ApiRequest, deps: PowerPlatformDeps): Promise<ApiResponse> {
  const found = environmentAtHost(deps.store.state.tenants, req.host);
  if (!found) return dataverseError(404, '0x80040217', `No organization answers at ${req.host}.`);
  const { tenant, dataverse: dv } = found;
  const value = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = value ? await deps.login.findAccessToken(value) : undefined;
  if (!token || token.issuedAt < deps.faults.tokensExpireBefore || !sameAudience(token.audience, dv.instanceUrl)) {
    return unauthorized(tenant, dv.instanceUrl);
  }
  const me = dv.users.find((u) => u.azureactivedirectoryobjectid === token.userId && !u.isdisabled);
  if (token.tenant.id !== tenant.id || !me) {
    // Someone Dataverse has no systemuser for (learn: troubleshoot/power-platform/dataverse/user-permissions/user-access).
    return dataverseError(403, '0x80072560', 'The user is not a member of the organization.');
  }
  if (!req.path.startsWith(`${API}/`))
    return dataverseError(404, '0x80060888', `Resource not found for the segment '${req.path}'.`);
  const rest = req.path.slice(API.length + 1);
  if (req.method === 'GET' && rest === 'WhoAmI') {
    const body = { BusinessUnitId: dv.businessUnitId, UserId: me.systemuserid, OrganizationId: dv.resourceId };
    return {
      status: 200,
      body: { '@odata.context': `${dv.instanceUrl}${API}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`, ...body },
    };
  }
  const paged = (answer: ApiResponse) => dataversePaged(answer, req, deps.faults, dv.instanceUrl);
  // A copy: the role filter below is taken out of the query it reads, not out of the one the next link repeats.
  if (req.method === 'GET' && (rest === 'systemusers' || rest === 'roles'))
    return paged(collection(dv, rest, new URLSearchParams(req.query)));
  const one = /^systemusers\(([0-9a-f-]{36})\)(?:\/systemuserroles_association(?:\(([0-9a-f-]{36})\))?(\/\$ref)?)?$/i.exec(rest);
  if (!one?.[1]) return dataverseError(404, '0x80060888', `Resource not found for the segment '${rest}'.`);
  const id = one[1].toLowerCase();
  const user = syncedUsers(dv).find((u) => u.systemuserid === id);
  if (!user) return doesNotExist('systemuser', id);
  const association = rest.includes('/systemuserroles_association');
  if (req.method === 'GET' && !association) return { status: 200, body: userRow(dv, user) };
  if (req.method === 'GET' && !one[3] && !one[2]) return paged({ status: 200, body: rolesOfUser(dv, user) });
  if ((req.method === 'POST' && one[3] && !one[2]) || (req.method === 'DELETE' && one[2] && one[3])) {
    // Assigning roles takes the prvAssignRole privilege, which System Administrator holds (-2147220960).
    if (!isSystemAdministrator(dv, me)) {
      return dataverseError(
        403,
        '0x80040220',
        `Principal user (Id=${me.systemuserid}, type=8) is missing prvAssignRole privilege.`,
      );
    }
    const answer = one[2] ? disassociateRole(dv, user, one[2]) : associateRole(dv, user, req.body);
    if (answer.status < 300) deps.store.save();
    return answer;
  }
  return dataverseError(405, '0x80060888', `The sandbox does not take ${req.method} on '${rest}'.`);
}

function collection(dv: SandboxDataverse, set: 'systemusers' | 'roles', params: URLSearchParams): ApiResponse {
  const holders = set === 'roles' ? rolesWithPrivileges(dv, params.get('$filter')) : null;
  if (holders) params.delete('$filter');
  const rows = set === 'roles' ? (holders ?? dv.roles).map((r) => roleRow(dv, r)) : syncedUsers(dv).map((u) => userRow(dv, u));
  const columns = set === 'roles' ? ROLE_COLUMNS : USER_COLUMNS;
  const result = query(rows, params, set === 'roles' ? 'role' : 'systemuser', columns);
  if (!Array.isArray(result)) return result;
  return { status: 200, body: { '@odata.context': collectionContext(dv.instanceUrl, set, params), value: result } };
}
