import { t } from '../../common/i18n.ts';
import { type FoundUser, type OperationStep, type StepKind, stepOf } from '../../common/operation.ts';
import type { PowerPlatformGrantRequest } from '../../common/power-platform-schema.ts';
import type { AzureSchedule } from '../azure.ts';
import type { BulkRow, ParsedBulkCsv } from './csv.ts';
import type { BulkGrants } from './grant-summary.ts';
import { bulkGroupRefusal, type GroupFacts } from './groups.ts';
import type { Field } from './row.ts';

/** What the preview says will happen to a row. */
export type Verdict = 'invite' | 'reuse' | 'member' | 'invalid' | 'duplicate';

/**
 * What did happen: `pending` until the job reaches the row. A row never sent (invalid, a member, a duplicate, a guest
 * with nothing to give, cancelled before its turn) is `skipped` with its reason; `failed` is for a row sent and refused.
 */
export type Outcome = 'pending' | 'invited' | 'reused' | 'failed' | 'skipped';

/**
 * The four words every bulk view, the results file and Activity use for a row (issue 25): to send, sent, skipped
 * (with the reason) and failed (with the reason).
 */
export type RowState = 'toSend' | 'sent' | 'skipped' | 'failed';

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
  /** An invalid row's cells as the file gave them, so the results file can give them back to be fixed. */
  input?: Partial<Record<Field, string>>;
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

export interface JobCounts extends Record<RowState, number> {
  total: number;
  /** Rows whose invitation was sent and accepted by Graph: the pace is theirs. */
  invited: number;
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
  /** The Power BI app audience group rows naming no group of their own join (the page the popup was on). */
  audienceGroupId?: string;
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
  /** The Power BI app's audience group (its id, found in `groups`) that rows naming no group of their own join. */
  audienceGroup?: string;
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

function copyOptional(from: Pick<BulkRow, (typeof OPTIONAL)[number]>, to: Pick<BulkRow, (typeof OPTIONAL)[number]>): void {
  for (const field of OPTIONAL) {
    const value = from[field];
    if (value !== undefined) to[field] = value;
  }
}

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
  copyOptional(r, row);
  return row;
}

/** The cells a row gave a value, as given: kept with an invalid row, and stored, so no room for empty ones. */
const givenCells = (cells: Partial<Record<Field, string>>) =>
  Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== '')) as Partial<Record<Field, string>>;

/** A job row as the file gave it, to be planned again: "retry the failed rows". */
export function rowAsRead(r: JobRow): BulkRow {
  const row: BulkRow = { line: r.line, email: r.email, redirectUrl: r.redirectUrl, sendEmail: r.sendEmail };
  copyOptional(r, row);
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
      outcome: 'skipped',
      ...(e.cells ? { input: givenCells(e.cells) } : {}),
      steps: [],
    }));
  const firstLine = new Map<string, number>();
  const domains = new Set(lookups.domains.map((d) => d.toLowerCase()));
  for (const r of parsed.rows) {
    const key = r.email.toLowerCase();
    const row = plannedRow(r, defaultRedirectUrl);
    const seen = firstLine.get(key);
    const user = lookups.users.get(key);
    // The group the row names, else the app's audience the person chose for every row.
    const groupCell = r.group ?? lookups.audienceGroup;
    const group = groupCell === undefined ? undefined : lookups.groups.get(groupCell);
    const groupRefused = group ? bulkGroupRefusal(group) : null;
    const role = r.role === undefined ? undefined : lookups.roles.get(r.role);
    const envRole = r.environmentRole === undefined ? undefined : environmentRoleOf(lookups, r.environmentRole);
    const license = r.license === undefined ? undefined : licenseOf(lookups, r.license, r.usageLocation);
    if (seen !== undefined) {
      Object.assign(row, { verdict: 'duplicate', reason: t('bulkDuplicateOf', seen), outcome: 'skipped' });
    } else if (group === null) {
      const reason = t('bulkNoGroup', groupCell ?? '');
      Object.assign(row, { verdict: 'invalid', reason, outcome: 'skipped' });
    } else if (groupRefused) {
      Object.assign(row, { verdict: 'invalid', reason: groupRefused, outcome: 'skipped' });
    } else if (role && 'refused' in role) {
      Object.assign(row, { verdict: 'invalid', reason: role.refused, outcome: 'skipped' });
    } else if (envRole && 'refused' in envRole) {
      Object.assign(row, { verdict: 'invalid', reason: envRole.refused, outcome: 'skipped' });
    } else if (license && 'refused' in license) {
      Object.assign(row, { verdict: 'invalid', reason: license.refused, outcome: 'skipped' });
    } else if ((user && !user.invited) || domains.has(key.split('@')[1] ?? '')) {
      const reason = t('bulkMemberAddress');
      Object.assign(row, { verdict: 'member', reason, outcome: 'skipped', userId: user?.id });
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
    // Already a guest, and nothing to give them: nothing is sent.
    if (row.verdict === 'reuse' && row.steps.length === 0)
      Object.assign(row, { outcome: 'skipped', reason: t('bulkRowNothingToGive') });
    if (seen === undefined) firstLine.set(key, r.line);
    rows.push(row);
  }
  return rows.sort((a, b) => a.line - b.line);
}

/**
 * A step that failed on Microsoft's answer or the engine's checks carries an error code; one the job stopped (the
 * person cancelled) carries none, and is no failure of the row.
 */
const stepFailed = (s: OperationStep) => s.state === 'failed' && s.code !== undefined;

/** The row in bulk's four words: a row whose invitation went out but whose group or role was refused has failed. */
export function rowState(r: JobRow): RowState {
  switch (r.outcome) {
    case 'pending':
      return 'toSend';
    case 'skipped':
    case 'failed':
      return r.outcome;
    default:
      return r.steps.some(stepFailed) ? 'failed' : 'sent';
  }
}

export function countOutcomes(rows: JobRow[]): JobCounts {
  const counts: JobCounts = { total: rows.length, toSend: 0, sent: 0, skipped: 0, failed: 0, invited: 0, granting: 0 };
  for (const r of rows) {
    counts[rowState(r)]++;
    if (r.outcome === 'invited') counts.invited++;
    if (r.outcome === 'invited' && grantOwed(r)) counts.granting++;
  }
  return counts;
}

export function countVerdicts(rows: JobRow[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { invite: 0, reuse: 0, member: 0, invalid: 0, duplicate: 0 };
  for (const r of rows) counts[r.verdict]++;
  return counts;
}

export function stateWords(state: RowState): string {
  switch (state) {
    case 'toSend':
      return t('bulkStateToSend');
    case 'sent':
      return t('bulkStateSent');
    case 'skipped':
      return t('bulkStateSkipped');
    case 'failed':
      return t('bulkStateFailed');
  }
}

/** Why a row was skipped or failed, in words; what was done for a row sent. */
export function reasonOf(row: JobRow): string {
  const state = rowState(row);
  if (state === 'skipped') return row.reason ?? t('bulkRowNotSent');
  if (state === 'failed' && row.outcome === 'failed') return row.error ?? row.reason ?? t('bulkRowFailed');
  if (state === 'failed')
    return ROW_GRANT_KINDS.flatMap((kind) => {
      const step = stepOf(row.steps, kind);
      return step && stepFailed(step) ? [ROW_GRANTS[kind].failed(row, step.error ?? '')] : [];
    }).join('; ');
  return state === 'sent' ? describeRow(row) : '';
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
