import type { AzureSchedule } from '../azure.ts';
import type { ParsedBulkCsv } from './csv.ts';

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
  verdict: Verdict;
  /** Why a row is invalid, or which line it repeats. */
  reason?: string;
  outcome: Outcome;
  userId?: string;
  redeemUrl?: string;
  error?: string;
  /** Set when the guest was added to the row's group (now or before), or why they could not be. */
  joinedGroup?: boolean;
  groupError?: string;
  /** The Azure role as the file named it, the role definition it resolved to, and how giving it went. */
  role?: string;
  roleId?: string;
  roleGiven?: boolean;
  roleError?: string;
  /** Throttled rows wait until this instant (ms). */
  notBefore?: number;
  attempts?: number;
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

export const joinOwed = (r: JobRow) => !!r.groupId && !r.joinedGroup && !r.groupError;
export const roleOwed = (r: JobRow) => !!r.roleId && !r.roleGiven && !r.roleError;

/** What the background keeps about the job besides its rows. */
export interface JobMeta {
  id: string;
  fileName: string;
  /** The tenant the job invites into: it stops if the person signs in elsewhere. */
  tenantId: string;
  status: JobStatus;
  pausedReason?: string;
  rowCount: number;
  defaultRedirectUrl: string;
  /** The Azure scope rows' roles are given at (the page the popup was on), and on what schedule. */
  roleScope?: string;
  roleSchedule?: AzureSchedule;
  createdAt: number;
  /** When it was started and when it ended (done or cancelled). */
  startedAt?: number;
  finishedAt?: number;
  /** Rows whose invitation was sent and not yet answered, and when they went. */
  inFlight: number[];
  inFlightAt?: number;
  /** The in-flight rows were looked for once and not found; the next look is the last before sending again. */
  inFlightLooked?: boolean;
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
  roleScope?: string;
  roleSchedule?: AzureSchedule;
  startedAt?: number;
  finishedAt?: number;
}

/** Users of the tenant found by address (lower case), and groups found by the value the file gave. */
export interface PlanLookups {
  users: Map<string, { id: string; userType: string; invited: boolean }>;
  groups: Map<string, { id: string; displayName: string } | null>;
  /** Roles by the name the file gave: the role definition, or why it cannot be given in bulk here. */
  roles: Map<string, { id: string; name: string } | { refused: string }>;
  /** The tenant's own domains: their addresses belong to members, not guests. */
  domains: string[];
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
    }));
  const firstLine = new Map<string, number>();
  const domains = new Set(lookups.domains.map((d) => d.toLowerCase()));
  for (const r of parsed.rows) {
    const key = r.email.toLowerCase();
    const row: JobRow = { ...r, redirectUrl: r.redirectUrl ?? defaultRedirectUrl, verdict: 'invite', outcome: 'pending' };
    const seen = firstLine.get(key);
    const user = lookups.users.get(key);
    const group = r.group === undefined ? undefined : lookups.groups.get(r.group);
    const role = r.role === undefined ? undefined : lookups.roles.get(r.role);
    if (seen !== undefined) {
      Object.assign(row, { verdict: 'duplicate', reason: `Same address as line ${seen}.`, outcome: 'skipped' });
    } else if (group === null) {
      const reason = `No group "${r.group}" in this tenant.`;
      Object.assign(row, { verdict: 'invalid', reason, outcome: 'failed', error: reason });
    } else if (role && 'refused' in role) {
      Object.assign(row, { verdict: 'invalid', reason: role.refused, outcome: 'failed', error: role.refused });
    } else if ((user && !user.invited) || domains.has(key.split('@')[1] ?? '')) {
      const reason = 'This address belongs to a member of this organization; members are not invited.';
      Object.assign(row, { verdict: 'member', reason, outcome: 'failed', error: reason, userId: user?.id });
    } else if (user) {
      Object.assign(row, { verdict: 'reuse', userId: user.id });
    }
    if (group) row.groupId = group.id;
    if (role && 'id' in role) row.roleId = role.id;
    if (seen === undefined) firstLine.set(key, r.line);
    rows.push(row);
  }
  return rows.sort((a, b) => a.line - b.line);
}

export function countOutcomes(rows: JobRow[]): JobCounts {
  const counts: JobCounts = { total: rows.length, invited: 0, reused: 0, failed: 0, skipped: 0, pending: 0, granting: 0 };
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.outcome === 'invited' && (joinOwed(r) || roleOwed(r))) counts.granting++;
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
    if (row.verdict === 'reuse') return row.groupId || row.roleId ? 'Already a guest: will only grant' : 'Already a guest';
    return 'Will invite';
  }
  const group =
    (row.groupError ? `; not added to ${row.group}: ${row.groupError}` : row.joinedGroup ? `; added to ${row.group}` : '') +
    (row.roleError ? `; ${row.role} not given: ${row.roleError}` : row.roleGiven ? `; ${row.role} given` : '');
  if (row.outcome === 'invited') return `${row.redeemUrl ? 'Invited' : 'Invited (confirmed after a restart)'}${group}`;
  if (row.outcome === 'reused') return `Already a guest${group}`;
  if (row.outcome === 'skipped') return row.reason ?? 'Not sent';
  return row.error ?? row.reason ?? 'Failed';
}
