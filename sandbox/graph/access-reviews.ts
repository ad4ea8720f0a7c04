import type { ApiResponse } from '../api.ts';
import { hasGovernanceLicense } from '../arm/access-reviews.ts';
import type { SandboxGroupReview } from '../store.ts';
import {
  applyDecisions,
  decisionResource,
  definitionResource,
  instanceResource,
  startingDecisions,
} from './access-review-items.ts';
import { CONTEXT, entity, type GraphCall } from './call.ts';
import { graphError, insufficientPrivileges } from './errors.ts';

/**
 * Graph's access reviews of a group's members (v1.0, learn: accessreviewsv2-overview): `POST` and `GET
 * /identityGovernance/accessReviews/definitions` (the list with `$top`/`$skip` and the one `$filter` Learn documents,
 * `contains(scope/microsoft.graph.accessReviewQueryScope/query, '…')`), a definition, its instances, an instance's
 * decisions, and `applyDecisions`. The sandbox reviews groups' members only; a definition starts at once, with one
 * instance. Other scopes (all Microsoft 365 groups, roles, access packages) are refused as a bad request.
 */

const BASE = '/identityGovernance/accessReviews/definitions';
const DEF = `${BASE}/{accessReviewScheduleDefinition-id}`;
const INSTANCES = `${DEF}/instances`;
const INSTANCE = `${INSTANCES}/{accessReviewInstance-id}`;

/**
 * Who may create a review of a group (learn: accessreviewset-post-definitions, "role and permission requirements"):
 * Global Administrator, User Administrator, Identity Governance Administrator.
 */
const REVIEW_CREATORS = new Set([
  '62e90394-69f5-4237-9190-012177145e10',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e',
]);

/**
 * Microsoft documents no error for a tenant without Microsoft Entra ID P2 or ID Governance: this 403 and its code are
 * the sandbox's own (the same words as its ARM refusal); the extension says which licence is missing before sending.
 */
const unlicensed = () =>
  graphError(
    403,
    'AccessReviewsNotLicensed',
    'Access reviews require a Microsoft Entra ID P2 or Microsoft Entra ID Governance license in the tenant.',
  );

const invalid = (message: string) => graphError(400, 'BadRequest', message);

/** The group a scope query reviews the members of, and whether guests only (`userType eq 'Guest'`); null: not a group's. */
export function groupScope(query: unknown): { groupId: string; guestsOnly: boolean } | null {
  if (typeof query !== 'string') return null;
  const m =
    /^(?:\/v1\.0|\/beta)?\/groups\/([0-9a-f-]{36})\/(?:transitiveMembers|members)(?:\/microsoft\.graph\.user)?\/?(?:\?(.*))?$/i.exec(
      query,
    );
  if (!m?.[1]) return null;
  return { groupId: m[1].toLowerCase(), guestsOnly: /userType eq 'Guest'/i.test(decodeURIComponent(m[2] ?? '')) };
}

/** `$top` (default 100) and `$skip` pages, the next one linked as Graph links it. */
function paged(c: GraphCall, context: string, rows: Record<string, unknown>[]): ApiResponse {
  const top = Math.min(Number(c.req.query.get('$top') ?? 100) || 100, 100);
  const skip = Number(c.req.query.get('$skip') ?? 0) || 0;
  const options = [...c.req.query.entries()].filter(([k]) => k !== '$skip' && k !== '$top');
  const next = new URLSearchParams([...options, ['$top', String(top)], ['$skip', String(skip + top)]]);
  return {
    status: 200,
    body: {
      '@odata.context': `${CONTEXT}#${context}`,
      ...(skip + top < rows.length ? { '@odata.nextLink': `https://graph.microsoft.com/v1.0${c.path}?${next}` } : {}),
      value: rows.slice(skip, skip + top),
    },
  };
}

/** The list's `$filter`: only `contains(scope/microsoft.graph.accessReviewQueryScope/query, '…')` (learn: its include). */
function filtered(c: GraphCall, reviews: SandboxGroupReview[]): SandboxGroupReview[] | ApiResponse {
  const filter = c.req.query.get('$filter');
  if (filter === null) return reviews;
  const m = /^contains\(scope\/microsoft\.graph\.accessReviewQueryScope\/query,\s*'([^']*)'\)$/.exec(filter.trim());
  if (!m) return invalid(`Invalid filter clause: ${filter}`);
  const part = (m[1] ?? '').toLowerCase();
  return reviews.filter((r) =>
    String((r.body.scope as { query?: unknown })?.query ?? '')
      .toLowerCase()
      .includes(part),
  );
}

function create(c: GraphCall): ApiResponse {
  if (!c.caller.directoryRoles.some((r) => REVIEW_CREATORS.has(r))) return insufficientPrivileges();
  if (!hasGovernanceLicense(c.tenant)) return unlicensed();
  const body = (c.req.body ?? {}) as Record<string, unknown>;
  for (const field of ['displayName', 'descriptionForAdmins', 'descriptionForReviewers'] as const)
    if (typeof body[field] !== 'string' || !(body[field] as string).trim()) return invalid(`${field} is required.`);
  const scope = groupScope((body.scope as { query?: unknown } | undefined)?.query);
  if (!scope) return invalid('The sandbox reviews the members of one group: scope.query must be /groups/{id}/transitiveMembers.');
  if (!c.tenant.groups.some((g) => g.id === scope.groupId)) return invalid(`The group ${scope.groupId} does not exist.`);
  const reviewers = (body.reviewers ?? []) as { query?: unknown }[];
  const unknown = [...reviewers, ...((body.fallbackReviewers ?? []) as { query?: unknown }[])]
    .map((r) => /^\/users\/([^/?]+)$/.exec(String(r.query ?? ''))?.[1])
    .find((id) => id && !c.tenant.users.some((u) => u.id === id));
  if (unknown) return invalid(`The reviewer ${unknown} does not exist.`);
  const now = new Date();
  const days = Number((body.settings as { instanceDurationInDays?: unknown } | undefined)?.instanceDurationInDays) || 1;
  const review: SandboxGroupReview = {
    id: crypto.randomUUID(),
    body,
    groupId: scope.groupId,
    createdBy: c.caller.id,
    createdDateTime: now.toISOString(),
    instance: {
      id: crypto.randomUUID(),
      startDateTime: now.toISOString(),
      endDateTime: new Date(now.getTime() + days * 86_400_000).toISOString(),
      status: 'InProgress',
    },
    decisions: startingDecisions(c.tenant, scope.groupId, scope.guestsOnly),
  };
  c.tenant.groupReviews = [...(c.tenant.groupReviews ?? []), review];
  c.save();
  return {
    status: 201,
    body: {
      '@odata.context': `${CONTEXT}#identityGovernance/accessReviews/definitions/$entity`,
      ...definitionResource(c.tenant, review),
    },
  };
}

/** The access review routes; null: not one of them. */
export function accessReviewRoute(c: GraphCall): ApiResponse | null {
  const m =
    /^\/identityGovernance\/accessReviews\/definitions(?:\/([^/]+)(?:\/instances(?:\/([^/]+)(?:\/(decisions|applyDecisions))?)?)?)?$/.exec(
      c.path,
    );
  if (!m) return null;
  const [, id, instanceId, action] = m;
  const template = !id
    ? BASE
    : !c.path.includes('/instances')
      ? DEF
      : !instanceId
        ? INSTANCES
        : action
          ? `${INSTANCE}/${action}`
          : INSTANCE;
  const operation = `${c.method} ${template}`;
  if (!['GET', 'POST'].includes(c.method)) return null;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const reviews = c.tenant.groupReviews ?? [];
  if (!id) {
    if (c.method === 'POST') return create(c);
    const listed = filtered(c, reviews);
    if (!Array.isArray(listed)) return listed;
    return paged(
      c,
      'identityGovernance/accessReviews/definitions',
      listed.map((r) => definitionResource(c.tenant, r)),
    );
  }
  const review = reviews.find((r) => r.id.toLowerCase() === id.toLowerCase());
  const missing = graphError(404, 'NotFound', `The access review ${instanceId ?? id} was not found.`);
  if (!review) return missing;
  if (template === DEF)
    return c.method === 'GET'
      ? entity('identityGovernance/accessReviews/definitions/$entity', definitionResource(c.tenant, review))
      : null;
  if (template === INSTANCES)
    return c.method === 'GET'
      ? paged(c, `identityGovernance/accessReviews/definitions('${review.id}')/instances`, [instanceResource(review)])
      : null;
  if (instanceId?.toLowerCase() !== review.instance.id.toLowerCase()) return missing;
  if (action === 'decisions' && c.method === 'GET')
    return paged(
      c,
      `identityGovernance/accessReviews/definitions('${review.id}')/instances('${review.instance.id}')/decisions`,
      review.decisions.map((d) => decisionResource(c.tenant, review, d)),
    );
  if (action === 'applyDecisions' && c.method === 'POST') {
    const answer = applyDecisions(c.tenant, review, () =>
      invalid('Decisions can be applied once the access review instance is Completed.'),
    );
    if (answer.status < 300) c.save();
    return answer;
  }
  if (!action && c.method === 'GET')
    return entity(`identityGovernance/accessReviews/definitions('${review.id}')/instances/$entity`, instanceResource(review));
  return null;
}
