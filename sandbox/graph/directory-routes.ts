import type { ApiRequest, ApiResponse } from '../api.ts';
import type { SandboxTenant } from '../store.ts';
import { badRequest, insufficientPrivileges, notFound } from './errors.ts';
import { addMember, groupResource } from './groups.ts';
import { assignLicense, licenseDetails, subscribedSkus } from './licenses.ts';
import { compileFilter, project, UnsupportedQuery } from './odata.ts';
import { findUser, userResource } from './users.ts';

const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata';
const ISO_COUNTRY = /^[A-Z]{2}$/;

export interface DirectoryCall {
  req: ApiRequest;
  method: string;
  path: string;
  tenant: SandboxTenant;
  allowed: (operation: string) => boolean;
  save: () => void;
}

const list = (context: string, value: unknown[]): ApiResponse => ({
  status: 200,
  body: { '@odata.context': `${CONTEXT}#${context}`, value },
});

/** Licences, usage location and groups: what granting app access and a Power BI licence needs. Null: not mine. */
export function directoryRoute({ req, method, path, tenant, allowed, save }: DirectoryCall): ApiResponse | null {
  if (method === 'GET' && path === '/subscribedSkus') {
    return allowed('GET /subscribedSkus') ? list('subscribedSkus', subscribedSkus(tenant)) : insufficientPrivileges();
  }
  const user = /^\/users\/([^/]+)(\/assignLicense|\/licenseDetails)?$/.exec(path);
  if (user?.[1] && (user[2] || method === 'PATCH')) {
    const target = findUser(tenant, user[1]);
    const operation = user[2] ? `${method} /users/{user-id}${user[2]}` : 'PATCH /users/{user-id}';
    if (!allowed(operation)) return insufficientPrivileges();
    if (!target) return notFound(user[1]);
    if (user[2] === '/licenseDetails' && method === 'GET')
      return list(`users('${target.id}')/licenseDetails`, licenseDetails(target));
    if (user[2] === '/assignLicense' && method === 'POST') {
      const refused = assignLicense(tenant, target, (req.body ?? {}) as object);
      if (refused) return refused;
      save();
      return {
        status: 200,
        body: {
          '@odata.context': `${CONTEXT}#users/$entity`,
          ...project(userResource(target), null, ['id', 'displayName', 'userPrincipalName']),
        },
      };
    }
    if (method === 'PATCH' && !user[2]) {
      const patch = (req.body ?? {}) as { usageLocation?: unknown };
      const keys = Object.keys(patch);
      if (keys.some((k) => k !== 'usageLocation')) return badRequest('The sandbox can change usageLocation only.');
      if (typeof patch.usageLocation !== 'string' || !ISO_COUNTRY.test(patch.usageLocation)) {
        return badRequest(`Invalid value specified for property 'usageLocation' of resource 'User'.`);
      }
      target.usageLocation = patch.usageLocation;
      save();
      return { status: 204 };
    }
  }
  if (method === 'GET' && path === '/groups') {
    if (!allowed('GET /groups')) return insufficientPrivileges();
    try {
      const filter = compileFilter(req.query.get('$filter'));
      return list(
        'groups',
        tenant.groups
          .map(groupResource)
          .filter(filter)
          .map((g) => project(g, req.query.get('$select'), Object.keys(g))),
      );
    } catch (e) {
      if (e instanceof UnsupportedQuery) return badRequest(e.message);
      throw e;
    }
  }
  const group = /^\/groups\/([^/]+)(\/members(?:\/\$ref)?)?$/.exec(path);
  if (group?.[1]) {
    const target = tenant.groups.find((g) => g.id === group[1]);
    const operation = `${method} /groups/{group-id}${group[2] ?? ''}`;
    if (!allowed(operation)) return insufficientPrivileges();
    if (!target) return notFound(group[1]);
    if (method === 'GET' && !group[2])
      return { status: 200, body: { '@odata.context': `${CONTEXT}#groups/$entity`, ...groupResource(target) } };
    if (method === 'GET' && group[2] === '/members') {
      const members = tenant.users.filter((u) => target.members.includes(u.id));
      return list(
        'directoryObjects',
        members.map((u) => ({
          '@odata.type': '#microsoft.graph.user',
          ...project(userResource(u), req.query.get('$select'), ['id', 'displayName', 'mail', 'userPrincipalName']),
        })),
      );
    }
    if (method === 'POST' && group[2] === '/members/$ref') {
      const response = addMember(tenant, target, req.body);
      if (response.status === 204) save();
      return response;
    }
  }
  return null;
}
