import { createHash } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxAudit } from '../audit.ts';
import type { GraphCall } from './call.ts';
import { insufficientPrivileges } from './errors.ts';
import { compileFilter, project } from './odata.ts';
import { type PageRule, page } from './paging.ts';

/** The audit log's pages: `$top` up to 1000, as Entra's activity reports take it (unverified for v1.0's default). */
const AUDIT_PAGE: PageRule = { fallback: 1000, max: 1000, top: true };

/**
 * The roles that may read the directory audit log besides holding AuditLog.Read.All (learn: directoryaudit-list,
 * whose least privileged roles are Reports Reader, Security Administrator and Security Reader; Security Operator,
 * Global Reader and Global Administrator read it too).
 */
export const AUDIT_READERS = new Set([
  '4a5d8f65-41da-4de4-8968-e035b65339cf', // Reports Reader
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  '5d6b6bb7-de71-4623-b4af-96380a352509', // Security Reader
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', // Security Operator
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
]);

/** A stable correlation id per entry: the sandbox's writes are single operations, each its own correlation. */
function correlationId(id: string): string {
  const h = createHash('sha1').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An entry as Graph's directoryAudit resource: the initiator a user (app null), targets with their changes. */
function directoryAudit(a: SandboxAudit): Record<string, unknown> {
  return {
    id: a.id,
    category: a.category,
    correlationId: correlationId(a.id),
    result: a.result,
    resultReason: a.resultReason,
    activityDisplayName: a.activityDisplayName,
    activityDateTime: a.activityDateTime,
    loggedByService: a.loggedByService,
    operationType: a.operationType,
    initiatedBy: { app: null, user: { ...a.initiatedBy, ipAddress: null } },
    targetResources: a.targetResources.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      // The sandbox's groups are all security groups, which Graph calls `azureAD` groups here.
      groupType: t.type === 'Group' ? 'azureAD' : null,
      modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: a.additionalDetails ?? [],
  };
}

/**
 * `GET /auditLogs/directoryAudits` (learn: directoryaudit-list): newest first, with `$filter` (e.g.
 * `targetResources/any(t:t/id eq '…')`, `activityDateTime ge 2026-01-01T00:00:00Z`), `$top`, `$select` and
 * `$orderby=activityDateTime asc|desc`, paged with `@odata.nextLink`.
 */
export function auditRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET' || c.path.toLowerCase() !== '/auditlogs/directoryaudits') return null;
  if (!c.allowed('GET /auditLogs/directoryAudits')) return insufficientPrivileges();
  if (!c.caller.directoryRoles.some((r) => AUDIT_READERS.has(r))) return insufficientPrivileges();
  const filter = compileFilter(c.req.query.get('$filter'));
  const ascending = /^activityDateTime asc$/i.test(c.req.query.get('$orderby') ?? '');
  const entries = [...(c.tenant.audits ?? [])].reverse().map(directoryAudit);
  entries.sort((a, b) => Date.parse(b.activityDateTime as string) - Date.parse(a.activityDateTime as string));
  if (ascending) entries.reverse();
  const select = c.req.query.get('$select');
  return page(c, 'auditLogs/directoryAudits', entries.filter(filter), AUDIT_PAGE, {
    show: (r) => (select ? project(r, select, [], 'directoryAudit') : r),
  });
}
