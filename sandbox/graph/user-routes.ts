import type { ApiResponse } from '../api.ts';
import type { SandboxUser } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { countOf, directoryList, USER_QUERY } from './directory-query.ts';
import { insufficientPrivileges, notFound } from './errors.ts';
import { licenseDetails } from './licenses.ts';
import { project } from './odata.ts';
import { DIRECTORY_PAGE, page, WHOLE_PAGE } from './paging.ts';
import { asksSignInActivity, SIGN_IN_PAGE_MAX, signInActivityRefusal } from './sign-in-activity.ts';
import { BASIC_USER_PROPERTIES, DEFAULT_USER_PROPERTIES, findUser, userResource } from './users.ts';

type Row = Record<string, unknown>;

const FULL_PROFILE = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/**
 * With User.ReadBasic.All alone, Graph shows only the basic profile of other users; the rest reads as null, and a
 * collection as empty, since Graph never answers a null collection.
 */
function visible(c: GraphCall, row: Row): Row {
  if (
    row.id === c.caller.id ||
    c.scopes.some((s) => FULL_PROFILE.includes(s.replace(/^https:\/\/graph\.microsoft\.com\//, '')))
  ) {
    return row;
  }
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, BASIC_USER_PROPERTIES.has(k) ? v : Array.isArray(v) ? [] : null]),
  );
}

/** A user as `$select` and the caller's permissions let this caller see it. */
export const shownUser = (c: GraphCall) => (row: Row) =>
  project(visible(c, row), c.req.query.get('$select'), DEFAULT_USER_PROPERTIES, 'user');

const oneUser = (c: GraphCall, user: SandboxUser) => entity('users/$entity', shownUser(c)(userResource(user)));

/** `/me`, `/users` (searched, counted, sorted, paged), `/users/$count`, `/users/{id}`. Null: not mine. */
export function userRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET') return null;
  const refused = /^\/(me|users(\/[^/]+)?)$/.test(c.path) ? signInActivityRefusal(c) : null;
  if (refused) return refused;
  const users = () => c.tenant.users.map(userResource);
  switch (c.path) {
    case '/me':
      return c.allowed('GET /me') ? oneUser(c, c.caller) : insufficientPrivileges();
    case '/me/licenseDetails':
      if (!c.allowed('GET /me/licenseDetails')) return insufficientPrivileges();
      return page(c, `users('${c.caller.id}')/licenseDetails`, licenseDetails(c.caller) as Row[], WHOLE_PAGE);
    case '/users':
      if (!c.allowed('GET /users')) return insufficientPrivileges();
      return directoryList(
        c,
        {
          context: 'users',
          ...USER_QUERY,
          show: shownUser(c),
          ...(asksSignInActivity(c) ? { pageRule: { ...DIRECTORY_PAGE, max: SIGN_IN_PAGE_MAX } } : {}),
        },
        users(),
      );
    case '/users/$count':
      return c.allowed('GET /users') ? countOf(c, USER_QUERY, users()) : insufficientPrivileges();
  }
  const id = /^\/users\/([^/]+)$/.exec(c.path)?.[1];
  if (!id) return null;
  if (!c.allowed('GET /users/{user-id}')) return insufficientPrivileges();
  const user = findUser(c.tenant, id);
  return user ? oneUser(c, user) : notFound(id);
}
