import type { ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import type { GraphCall } from './call.ts';
import { directoryList, RELATED_QUERY } from './directory-query.ts';
import { badRequest, insufficientPrivileges, notFound } from './errors.ts';
import { referencedId } from './group-members.ts';
import { projectTyped } from './odata.ts';
import { updateAudit } from './user-writes.ts';
import { DEFAULT_USER_PROPERTIES, findUser, userResource } from './users.ts';

/**
 * Who may add a sponsor, besides a Global Administrator: "Directory Writers" and "User Administrator" (learn:
 * user-post-sponsors, the roles that hold microsoft.directory/users/sponsors/update).
 */
const SPONSOR_WRITERS = new Set([
  '62e90394-69f5-4237-9190-012177145e10',
  '9360feb5-f418-4baa-8175-e2a00bac4301',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
]);

/** Makes these users (ids) sponsors of the user, each once, with one audit entry. */
export function addSponsors(tenant: SandboxTenant, by: SandboxUser, user: SandboxUser, ids: string[]): void {
  const before = [...(user.sponsors ?? [])];
  user.sponsors = [...new Set([...before, ...ids])];
  // Entra's activity reference names no sponsor activity of Core Directory: recorded as an "Update user" whose
  // modified property is Sponsors (unverified against a real tenant).
  if (user.sponsors.length > before.length)
    updateAudit(tenant, by, user, [
      { displayName: 'Sponsors', oldValue: JSON.stringify(before), newValue: JSON.stringify(user.sponsors) },
    ]);
}

/** `GET /users/{id}/sponsors` (learn: user-list-sponsors): users as directoryObjects; the sandbox's are all users. */
function listSponsors(c: GraphCall, user: SandboxUser): ApiResponse {
  const sponsors = c.tenant.users.filter((u) => (user.sponsors ?? []).includes(u.id));
  const select = c.req.query.get('$select');
  return directoryList(
    c,
    { context: 'directoryObjects', ...RELATED_QUERY, show: (r) => projectTyped(r, select, DEFAULT_USER_PROPERTIES) },
    sponsors.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...userResource(u) })),
  );
}

/** `POST /users/{id}/sponsors/$ref` (learn: user-post-sponsors): 204; a sponsor already there is a 400, as for members. */
function postSponsor(c: GraphCall, user: SandboxUser): ApiResponse {
  if (!c.caller.directoryRoles.some((r) => SPONSOR_WRITERS.has(r))) return insufficientPrivileges();
  const id = referencedId(c.req.body);
  if (!id) return badRequest("The '@odata.id' of the sponsor must name a user.");
  if (!c.tenant.users.some((u) => u.id === id)) return notFound(id);
  if ((user.sponsors ?? []).includes(id)) {
    return badRequest("One or more added object references already exist for the following modified properties: 'sponsors'.");
  }
  addSponsors(c.tenant, c.caller, user, [id]);
  c.save();
  return { status: 204 };
}

/** A user's sponsors. Null: not mine. */
export function sponsorRoute(c: GraphCall): ApiResponse | null {
  const m = /^\/users\/([^/]+)\/sponsors(\/\$ref)?$/.exec(c.path);
  if (!m?.[1]) return null;
  const operation = m[2] ? 'POST /users/{user-id}/sponsors/$ref' : 'GET /users/{user-id}/sponsors';
  if (c.method !== operation.split(' ')[0]) return null;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const user = findUser(c.tenant, m[1]);
  if (!user) return notFound(m[1]);
  return m[2] ? postSponsor(c, user) : listSponsors(c, user);
}
