import type { Organization, User } from '@microsoft/microsoft-graph-types';
import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import { GROUP_FACT_FIELDS, type GraphGroup, groupFacts } from '../../../logic/bulk/groups.ts';
import type { PlanLookups } from '../../../logic/bulk/job.ts';
import { isGuid } from '../../../logic/guid.ts';
import { inTurns } from '../../core/in-turns.ts';
import { BATCH_LIMIT, type BatchItem, itemError, sendBatch } from '../../services/graph/batch.ts';
import { type GraphSession, graphSession } from '../../services/graph/client.ts';
import { isInvitedUser } from '../../services/graph/invitations.ts';
import { graphList } from '../../services/graph/list.ts';
import { odataString } from '../../services/graph/odata.ts';
import { path } from '../../services/url-path.ts';
import { azureRoles } from './azure-roles.ts';

/** Graph takes at most 15 values in one `in`. */
const IN_LIMIT = 15;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Batches on their way at once. A 50,000-row file is 3,334 look-ups in 167 batches: one after another they take as
 * many round trips (issue 22). Graph throttles each request of a batch on its own, and sendBatch rides out a 429, so
 * a few at a time stays well inside what a tenant is allowed.
 */
export const BATCHES_AT_ONCE = 4;

/**
 * Runs GETs in batches of 20, BATCHES_AT_ONCE at a time, and returns each answer's body. A look-up Graph did not
 * answer (throttled past its retries, unavailable) fails the whole call: read as "nobody there", it would invite
 * someone twice. `missing` lists the statuses that do mean "nothing there" (a group id that does not exist).
 */
async function getAll(session: GraphSession, items: BatchItem[], missing: number[] = []): Promise<Map<string, unknown>> {
  const bodies = new Map<string, unknown>();
  await inTurns(
    chunks(items, BATCH_LIMIT),
    async (part) => {
      const answers = await sendBatch(session.client, part);
      for (const item of part) {
        const a = answers.get(item.id);
        if (a && a.status < 300) bodies.set(item.id, a.body);
        else if (!a || !missing.includes(a.status)) {
          const message = a ? itemError(a) : t('graphNoAnswer');
          throw new AppError(a?.status === 429 ? ErrorCodes.throttled : ErrorCodes.serviceUnavailable, message);
        }
      }
    },
    BATCHES_AT_ONCE,
  );
  return bodies;
}

/** Users of this tenant with these addresses, by address in lower case. */
export async function usersByEmail(session: GraphSession, emails: string[]): Promise<PlanLookups['users']> {
  const distinct = [...new Set(emails.map((e) => e.toLowerCase()))];
  const items = chunks(distinct, IN_LIMIT).map((part, i) => ({
    id: String(i),
    method: 'GET' as const,
    url: `/users?$filter=${encodeURIComponent(`mail in (${part.map(odataString).join(',')})`)}&$select=id,mail,displayName,userType,userPrincipalName`,
  }));
  const users: PlanLookups['users'] = new Map();
  for (const body of (await getAll(session, items)).values()) {
    // 15 addresses fit one page, but `mail` is not unique in a directory: a page cut short is read on, one at a time.
    for (const u of (await graphList<User>(session.client, body)).items) {
      if (!u.id || !u.mail) continue;
      users.set(u.mail.toLowerCase(), {
        id: u.id,
        mail: u.mail,
        displayName: u.displayName ?? u.mail,
        userPrincipalName: u.userPrincipalName ?? '',
        userType: u.userType ?? 'Member',
        invited: isInvitedUser(u),
      });
    }
  }
  return users;
}

/** What the preview shows of a group and what decides whether guests may be added to it in bulk. */
const GROUP_SELECT = `$select=${GROUP_FACT_FIELDS}`;

/**
 * The groups a file names, by id or display name, one request per distinct name in JSON batches; null where there is
 * no such group (or more than one).
 */
async function groupsByName(session: GraphSession, names: string[]): Promise<PlanLookups['groups']> {
  const distinct = [...new Set(names)];
  const items = distinct.map((name, i) => ({
    id: String(i),
    method: 'GET' as const,
    url: isGuid(name)
      ? `${path`/groups/${name}`}?${GROUP_SELECT}`
      : `/groups?$filter=${encodeURIComponent(`displayName eq ${odataString(name)}`)}&${GROUP_SELECT}`,
  }));
  const bodies = await getAll(session, items, [400, 404]);
  const groups: PlanLookups['groups'] = new Map();
  for (const [i, name] of distinct.entries()) {
    const body = bodies.get(String(i)) as (GraphGroup & { value?: GraphGroup[] }) | undefined;
    // By name, two are enough to know the name is not one group's: a second on a later page counts too.
    const named = body?.value ? (await graphList<GraphGroup>(session.client, body, 2)).items : null;
    const found = named ? (named.length === 1 ? named[0] : undefined) : body;
    groups.set(name, found?.id ? groupFacts({ ...found, id: found.id }) : null);
  }
  return groups;
}

async function verifiedDomains(session: GraphSession): Promise<string[]> {
  const orgs = (await session.client.api('/organization').select('id,verifiedDomains').get()) as { value: Organization[] };
  return (orgs.value[0]?.verifiedDomains ?? []).flatMap((d) => (d.name ? [d.name] : []));
}

/**
 * Roles the file names, resolved at the scope the popup is on. Broad roles are refused here: they need the
 * confirmation the one-guest flow asks for.
 */
async function rolesByName(settings: Settings, scope: string | undefined, names: string[]): Promise<PlanLookups['roles']> {
  const roles: PlanLookups['roles'] = new Map();
  const distinct = [...new Set(names)];
  if (distinct.length === 0) return roles;
  const offered = scope ? await azureRoles(settings, scope) : null;
  for (const name of distinct) {
    const found = offered?.all.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!offered) {
      roles.set(name, {
        refused: t('bulkRoleOffPage'),
      });
    } else if (!offered.mayAssign) {
      roles.set(name, { refused: t('bulkRoleNotAllowed') });
    } else if (!found) {
      roles.set(name, { refused: t('bulkRoleUnknown', name) });
    } else if (found.risk) {
      roles.set(name, { refused: t('bulkRoleRisky', found.risk) });
    } else {
      roles.set(name, { id: found.id, name: found.name });
    }
  }
  return roles;
}

/** Everything the preview needs to know about the tenant, in as few round trips as batching allows. */
export async function planLookups(
  settings: Settings,
  wanted: { emails: string[]; groups: string[]; roles: string[]; scope?: string },
): Promise<PlanLookups> {
  const session = graphSession(settings);
  const [users, groups, domains, roles] = await Promise.all([
    usersByEmail(session, wanted.emails),
    groupsByName(session, wanted.groups),
    verifiedDomains(session),
    rolesByName(settings, wanted.scope, wanted.roles),
  ]);
  return { users, groups, domains, roles };
}
