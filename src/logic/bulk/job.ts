import { t } from '../../common/i18n.ts';
import { type FoundUser, type OperationStep, type StepKind, stepOf } from '../../common/operation.ts';
import type { PowerPlatformGrantRequest } from '../../common/power-platform-schema.ts';
import type { AzureSchedule } from '../azure.ts';
import type { ParsedBulkCsv } from './csv.ts';
import type { BulkGrants } from './grant-summary.ts';
import { bulkGroupRefusal, type GroupFacts } from './groups.ts';

/** What the preview says will happen to a row. */
export type Verdict = 'invite' | 'reuse' | 'member' | 'invalid' | 'duplicate';

/** What did happen: `pending` until the job reaches the row. */
export type Outcome = 'pending' | 'invited' | 'reused' | 'failed' | 'skipped';

export interface JobRow {
  line: number;
  email: string;
  redirectUrl: string;
  sendEmail: boolean;
  message?: string;
  displayName?: string;
  /** The group as the file named it, and the group it resolved to. */
  group?: string;
  groupId?: string;
  /** What that group is (its name, kind), for the preview: also on a row refused for it. */
  groupFacts?: GroupFacts;
  verdict: Verdict;
  /** Why a row is invalid, or which line it repeats. */
  reason?: string;
  outcome: Outcome;
  userId?: string;
  redeemUrl?: string;
  error?: string;
  /** The Azure role as the file named it, and the role definition it resolved to. */
  role?: string;
  roleId?: string;
  /** The environment's security role as the file named it, and the role it resolved to (issue 12). */
  environmentRole?: string;
  environmentRoleId?: string;
  /** The licence as the file named it, the SKU it resolved to, and the usage location set first when none is. */
  license?: string;
  licenseSkuId?: string;
  usageLocation?: string;
  /**
   * What the row still has to do and how each step went: the same steps, run by the same engine, as a single
   * invitation (common/operation.ts). A row already a guest has no invite step; an invalid row has none at all.
   */
  steps: OperationStep[];
}

export type JobStatus = 'preview' | 'running' | 'paused' | 'cancelled' | 'done';

export interface JobCounts {
  total: number;
  invited: number;
  reused: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Invited, and still to be added to a group or given a role. */
  granting: number;
}

type GrantFields = Pick<JobRow, 'groupId' | 'roleId' | 'environmentRoleId' | 'licenseSkuId'>;
interface RowGrant {
  taken(r: GrantFields): boolean;
  done(r: JobRow): string;
  failed(r: JobRow, error: string): string;
}

/**
 * The steps a bulk row may take after its invitation (or without one, for a guest already there), in the order they
 * run and its results name them: a subset of the step kinds, as a bulk file offers no Power BI workspace, licence
 * path or names. Each with what plans it and its words in the results.
 */
const ROW_GRANTS = {
  group: {
    taken: (r: GrantFields) => !!r.groupId,
    // The group by its name, also when the file gave its id.
    done: (r: JobRow) => t('bulkRowGroupDone', groupName(r)),
    failed: (r: JobRow, error: string) => t('bulkRowGroupFailed', groupName(r), error),
  },
  azureRole: {
    taken: (r: GrantFields) => !!r.roleId,
    done: (r: JobRow) => t('bulkRowRoleDone', r.role ?? ''),
    failed: (r: JobRow, error: string) => t('bulkRowRoleFailed', r.role ?? '', error),
  },
  // The licence before the environment: Dataverse syncs a licensed user.
  envLicense: {
    taken: (r: GrantFields) => !!r.licenseSkuId,
    done: (r: JobRow) => t('bulkRowLicenseDone', r.license ?? ''),
    failed: (r: JobRow, error: string) => t('bulkRowLicenseFailed', r.license ?? '', error),
  },
  environment: {
    taken: (r: GrantFields) => !!r.environmentRoleId,
    done: (r: JobRow) => t('bulkRowEnvDone', r.environmentRole ?? ''),
    failed: (r: JobRow, error: string) => t('bulkRowEnvFailed', r.environmentRole ?? '', error),
  },
} satisfies Partial<Record<StepKind, RowGrant>>;
const ROW_GRANT_KINDS = Object.keys(ROW_GRANTS) as (keyof typeof ROW_GRANTS)[];
const groupName = (r: JobRow) => r.groupFacts?.displayName ?? r.group ?? '';

const pending = (r: JobRow, kind: OperationStep['kind']) => stepOf(r.steps, kind)?.state === 'pending';
/** Invited, and still to be added to a group or given a role, a licence or an environment. */
export const grantOwed = (r: JobRow) => ROW_GRANT_KINDS.some((kind) => pending(r, kind));
/** Sent and not yet answered: looked for before it is sent again. */
export const inFlight = (r: JobRow) => {
  const invite = stepOf(r.steps, 'invite');
  return invite?.state === 'pending' && invite.sentAt !== undefined;
};

/** The steps a planned row takes: an invitation unless they are a guest already, then its group and role. */
export const rowSteps = (r: Pick<JobRow, 'verdict'> & GrantFields): OperationStep[] =>
  r.verdict === 'invite' || r.verdict === 'reuse'
    ? [
        ...(r.verdict === 'invite' ? ['invite' as const] : []),
        ...ROW_GRANT_KINDS.filter((kind) => ROW_GRANTS[kind].taken(r)),
      ].map((kind) => ({ kind, state: 'pending' }))
    : [];

/** What the background keeps about the job besides its rows. */
export interface JobMeta {
  id: string;
  fileName: string;
  /** The tenant the job invites into, and the account that prepared and confirmed it: only its sign-in sends. */
  tenantId: string;
  principalId: string;
  username: string;
  status: JobStatus;
  pausedReason?: string;
  rowCount: number;
  defaultRedirectUrl: string;
  /** The Azure scope rows' roles are given at (the page the popup was on), and on what schedule. */
  roleScope?: string;
  roleSchedule?: AzureSchedule;
  /** The environment rows' security roles are given in (the page the popup was on), with its security group. */
  environment?: PowerPlatformGrantRequest;
  createdAt: number;
  /** When it was started and when it ended (done or cancelled). */
  startedAt?: number;
  finishedAt?: number;
  /** When recent invitations were sent, to stay under Graph's limit across worker restarts. */
  sentAt: number[];
  /** Nothing is sent before this instant: the last Retry-After Graph gave. */
  holdUntil?: number;
  /** (time, rows answered) samples for the pace shown in the popup. */
  pace: [number, number][];
  /** The job's end is in the activity list. */
  recorded?: boolean;
}

/** A job as the popup sees it: no rows, only their counts and the pace. */
export interface JobSummary {
  id: string;
  fileName: string;
  status: JobStatus;
  /** A batch is on its way to Graph (its answers still to come, even when paused or cancelled). */
  sending: boolean;
  /** Why the job stopped by itself (e.g. the sign-in expired), in words. */
  pausedReason?: string;
  counts: JobCounts;
  verdicts: Record<Verdict, number>;
  /** Invitations answered per second over the last stretch, and the seconds left at that pace. */
  rate: number | null;
  secondsLeft: number | null;
  defaultRedirectUrl: string;
  /** Rows that give a role, and where. */
  roleRows: number;
  /** In the preview: what the file grants, summed over its rows. */
  grants?: BulkGrants;
  roleScope?: string;
  roleSchedule?: AzureSchedule;
  startedAt?: number;
  finishedAt?: number;
}

/** Users of the tenant found by address (lower case), and groups found by the value the file gave. */
export interface PlanLookups {
  users: Map<string, FoundUser>;
  groups: Map<string, GroupFacts | null>;
  /** Roles by the name the file gave: the role definition, or why it cannot be given in bulk here. */
  roles: Map<string, { id: string; name: string } | { refused: string }>;
  /** The tenant's own domains: their addresses belong to members, not guests. */
  domains: string[];
  /** The environment's security roles by the name the file gave (lower case), or why not in bulk. */
  environmentRoles?: Map<string, { id: string; name: string } | { refused: string }>;
  /** The tenant's Power Apps / Dynamics 365 licences by name, part number or SKU id (lower case). */
  environmentLicenses?: Map<string, { skuId: string; name: string }>;
}

/** The security role a row's environment cell names: a role of the environment, "yes" for Basic User, or why not. */
function environmentRoleOf(lookups: PlanLookups, cell: string): { id: string; name: string } | { refused: string } {
  if (!lookups.environmentRoles) return { refused: t('bulkEnvRoleOffPage') };
  const name = /^(yes|y|true|1)$/i.test(cell.trim()) ? 'basic user' : cell.trim().toLowerCase();
  return lookups.environmentRoles.get(name) ?? { refused: t('bulkNoSecurityRole', cell) };
}

/** The licence a row's cell names, with the usage location Microsoft needs before it, or why not. */
function licenseOf(
  lookups: PlanLookups,
  cell: string,
  usageLocation: string | undefined,
): { skuId: string; name: string } | { refused: string } {
  if (!lookups.environmentLicenses) return { refused: t('bulkLicenseOffPage') };
  const sku = lookups.environmentLicenses.get(cell.trim().toLowerCase());
  if (!sku) return { refused: t('bulkNoLicense', cell) };
  if (!/^[a-z]{2}$/i.test(usageLocation ?? '')) return { refused: t('bulkLicenseNeedsLocation') };
  return sku;
}

/** A file's optional columns, copied onto its job row when the row gives them. */
const OPTIONAL = ['message', 'displayName', 'group', 'role', 'environmentRole', 'license', 'usageLocation'] as const;

/**
 * A row to invite, before its look-ups decide otherwise. Built field by field: `{ ...row, more }` takes V8's slow
 * path and cost half a second on a 50,000-row file (issue 22).
 */
function plannedRow(r: ParsedBulkCsv['rows'][number], defaultRedirectUrl: string): JobRow {
  const row: JobRow = {
    line: r.line,
    email: r.email,
    redirectUrl: r.redirectUrl ?? defaultRedirectUrl,
    sendEmail: r.sendEmail,
    verdict: 'invite',
    outcome: 'pending',
    steps: [],
  };
  for (const field of OPTIONAL) {
    const value = r[field];
    if (value !== undefined) row[field] = value;
  }
  return row;
}

/** Turns a parsed file into the job's rows, each with its verdict; sorted by line. */
export function planRows(parsed: ParsedBulkCsv, lookups: PlanLookups, defaultRedirectUrl: string): JobRow[] {
  const rows: JobRow[] = parsed.errors
    .filter((e) => e.line > 0)
    .map((e) => ({
      line: e.line,
      email: e.email ?? '',
      redirectUrl: '',
      sendEmail: false,
      verdict: 'invalid',
      reason: e.message,
      outcome: 'failed',
      error: e.message,
      steps: [],
    }));
  const firstLine = new Map<string, number>();
  const domains = new Set(lookups.domains.map((d) => d.toLowerCase()));
  for (const r of parsed.rows) {
    const key = r.email.toLowerCase();
    const row = plannedRow(r, defaultRedirectUrl);
    const seen = firstLine.get(key);
    const user = lookups.users.get(key);
    const group = r.group === undefined ? undefined : lookups.groups.get(r.group);
    const groupRefused = group ? bulkGroupRefusal(group) : null;
    const role = r.role === undefined ? undefined : lookups.roles.get(r.role);
    const envRole = r.environmentRole === undefined ? undefined : environmentRoleOf(lookups, r.environmentRole);
    const license = r.license === undefined ? undefined : licenseOf(lookups, r.license, r.usageLocation);
    if (seen !== undefined) {
      Object.assign(row, { verdict: 'duplicate', reason: t('bulkDuplicateOf', seen), outcome: 'skipped' });
    } else if (group === null) {
      const reason = t('bulkNoGroup', r.group ?? '');
      Object.assign(row, { verdict: 'invalid', reason, outcome: 'failed', error: reason });
    } else if (groupRefused) {
      Object.assign(row, { verdict: 'invalid', reason: groupRefused, outcome: 'failed', error: groupRefused });
    } else if (role && 'refused' in role) {
      Object.assign(row, { verdict: 'invalid', reason: role.refused, outcome: 'failed', error: role.refused });
    } else if (envRole && 'refused' in envRole) {
      Object.assign(row, { verdict: 'invalid', reason: envRole.refused, outcome: 'failed', error: envRole.refused });
    } else if (license && 'refused' in license) {
      Object.assign(row, { verdict: 'invalid', reason: license.refused, outcome: 'failed', error: license.refused });
    } else if ((user && !user.invited) || domains.has(key.split('@')[1] ?? '')) {
      const reason = t('bulkMemberAddress');
      Object.assign(row, { verdict: 'member', reason, outcome: 'failed', error: reason, userId: user?.id });
    } else if (user) {
      Object.assign(row, { verdict: 'reuse', userId: user.id });
    }
    if (group) row.groupFacts = group;
    if (group && !groupRefused) row.groupId = group.id;
    if (role && 'id' in role) row.roleId = role.id;
    if (envRole && 'id' in envRole) Object.assign(row, { environmentRoleId: envRole.id, environmentRole: envRole.name });
    if (license && 'skuId' in license)
      Object.assign(row, { licenseSkuId: license.skuId, license: license.name, usageLocation: r.usageLocation?.toUpperCase() });
    row.steps = rowSteps(row);
    if (seen === undefined) firstLine.set(key, r.line);
    rows.push(row);
  }
  return rows.sort((a, b) => a.line - b.line);
}

export function countOutcomes(rows: JobRow[]): JobCounts {
  const counts: JobCounts = { total: rows.length, invited: 0, reused: 0, failed: 0, skipped: 0, pending: 0, granting: 0 };
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.outcome === 'invited' && grantOwed(r)) counts.granting++;
  }
  return counts;
}

export function countVerdicts(rows: JobRow[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { invite: 0, reuse: 0, member: 0, invalid: 0, duplicate: 0 };
  for (const r of rows) counts[r.verdict]++;
  return counts;
}

/** The words the preview and the results table show for a row. */
export function describeRow(row: JobRow): string {
  if (row.outcome === 'pending') {
    if (row.verdict === 'reuse')
      return ROW_GRANT_KINDS.some((kind) => ROW_GRANTS[kind].taken(row)) ? t('bulkRowWillGrant') : t('bulkRowAlreadyGuest');
    return t('bulkRowWillInvite');
  }
  const group = ROW_GRANT_KINDS.map((kind) => {
    const step = stepOf(row.steps, kind);
    if (step?.state === 'failed') return `; ${ROW_GRANTS[kind].failed(row, step.error ?? '')}`;
    return step?.state === 'done' ? `; ${ROW_GRANTS[kind].done(row)}` : '';
  }).join('');
  if (row.outcome === 'invited') return `${row.redeemUrl ? t('bulkRowInvited') : t('bulkRowInvitedAfterRestart')}${group}`;
  if (row.outcome === 'reused') return `${t('bulkRowAlreadyGuest')}${group}`;
  if (row.outcome === 'skipped') return row.reason ?? t('bulkRowNotSent');
  return row.error ?? row.reason ?? t('bulkRowFailed');
}
