import type { AzureRoles } from '../../shared/azure.ts';
import { type JobRow, joinOwed, roleOwed } from '../../shared/bulk/job.ts';
import type { Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes, errorWords } from '../../shared/errors.ts';
import { azureRoles, ensureAzureRole } from '../arm/roles.ts';
import type { GraphSession } from '../graph/client.ts';
import { addGroupMembers } from '../graph/groups.ts';
import { rowProblem } from './checks.ts';
import { changeRow, type LoadedJob, saveJob } from './store.ts';

export interface Grantor {
  session: GraphSession;
  settings: Settings;
}

/** Invited, and still owed a group or a role: given even when the job is paused or cancelled meanwhile. */
export const sentNeedsGrant = (r: JobRow) => r.outcome === 'invited' && (joinOwed(r) || roleOwed(r));
/** Already a guest before the job, and owed a group or a role: the row's whole work. */
export const guestNeedsGrant = (r: JobRow) => r.outcome === 'pending' && r.verdict === 'reuse' && (joinOwed(r) || roleOwed(r));

/** The roles offered at a scope, read once per worker life: a bulk role is checked against them before it is given. */
const offered = new Map<string, Promise<AzureRoles>>();

/** Why this role is not given in bulk here (broad, or not a role of this scope), or null. */
async function bulkRoleRefusal(settings: Settings, scope: string, roleId: string): Promise<string | null> {
  let roles = offered.get(scope);
  if (!roles) {
    roles = azureRoles(settings, scope);
    offered.set(scope, roles);
    roles.catch(() => offered.delete(scope));
  }
  const role = (await roles).all.find((r) => r.id === roleId);
  if (!role) return 'This role cannot be assigned here.';
  return role.risk ? `${role.risk} Broad roles are not given in bulk.` : null;
}

async function giveRole(job: LoadedJob, settings: Settings, row: JobRow): Promise<Partial<JobRow>> {
  const { roleScope, roleSchedule } = job.meta;
  if (!roleScope || !roleSchedule) return { roleError: 'The job has no Azure scope for roles.' };
  try {
    const refused = await bulkRoleRefusal(settings, roleScope, row.roleId ?? '');
    if (refused) return { roleError: refused };
    // Given before the worker stopped, or by someone else: the guest has the role, which is what was asked.
    await ensureAzureRole(settings, {
      scope: roleScope,
      roleId: row.roleId ?? '',
      principalId: row.userId ?? '',
      schedule: roleSchedule,
    });
    return { roleGiven: true };
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCodes.interactionRequired) throw e;
    return { roleError: errorWords(e) };
  }
}

/**
 * Adds the rows' guests to their groups (one JSON batch) and gives their roles (ARM has no batch: side by side).
 * Both are safe to repeat, so a worker stopped halfway does them again. A guest already there is then done.
 */
export async function grant(job: LoadedJob, grantor: Grantor, indexes: number[]): Promise<void> {
  for (const i of indexes) {
    const problem = rowProblem(job.rows[i] as JobRow);
    if (problem) changeRow(job, i, { groupError: `Not given: ${problem}.`, roleError: `Not given: ${problem}.` });
  }
  const joins = indexes.filter((i) => joinOwed(job.rows[i] as JobRow));
  const roles = indexes.filter((i) => roleOwed(job.rows[i] as JobRow));
  const set = (i: number, change: Partial<JobRow>) => changeRow(job, i, change);
  const [joinErrors, roleResults] = await Promise.all([
    joins.length
      ? addGroupMembers(
          grantor.session.client,
          joins.map((i) => ({ userId: job.rows[i]?.userId ?? '', groupId: job.rows[i]?.groupId ?? '' })),
        )
      : [],
    Promise.all(roles.map((i) => giveRole(job, grantor.settings, job.rows[i] as JobRow))),
  ]);
  for (const [n, i] of joins.entries()) set(i, joinErrors[n] ? { groupError: joinErrors[n] as string } : { joinedGroup: true });
  for (const [n, i] of roles.entries()) set(i, roleResults[n] ?? {});
  // A guest who existed already is done now, even if the job was cancelled while their grants were on the way.
  for (const i of indexes) {
    const r = job.rows[i] as JobRow;
    if (r.verdict === 'reuse' && (r.outcome === 'pending' || r.joinedGroup || r.roleGiven)) {
      set(i, { outcome: 'reused', reason: undefined });
    }
  }
  await saveJob(job);
}
