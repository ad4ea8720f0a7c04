import type { SignedInAccount } from '../../../common/model.ts';
import type { AzureSchedule } from '../../../logic/azure.ts';
import type { ParsedBulkCsv } from '../../../logic/bulk/csv.ts';
import { planRows } from '../../../logic/bulk/job.ts';
import { ownerOf } from '../../core/owner.ts';
import { usableSettings } from '../../core/settings.ts';
import { planLookups } from '../invite/lookup.ts';
import { bulkEnvironment } from './bulk-environment.ts';
import { createJob, type LoadedJob } from './store.ts';

/** Roles in bulk are bounded unless the person chooses otherwise: eligible through PIM for 7 days, from now. */
const DEFAULT_BULK_SCHEDULE: AzureSchedule = { kind: 'eligible', start: null, end: { afterDays: 7 } };

/**
 * Where a job's rows are sent from, as the page the popup was on gave it: the redirect for rows without one, the Azure
 * scope of their roles, the environment of their security roles, and the Power BI app audience group rows without a
 * group of their own join (issue 25).
 */
export interface JobPlace {
  defaultRedirectUrl: string;
  scope?: string | undefined;
  environmentId?: string | undefined;
  audienceGroupId?: string | undefined;
}

/** Asks Graph who already exists and which groups and roles the rows name, and keeps the plan for the preview. */
export async function planJob(
  account: SignedInAccount,
  fileName: string,
  parsed: ParsedBulkCsv,
  place: JobPlace,
): Promise<LoadedJob> {
  const { defaultRedirectUrl, scope, environmentId, audienceGroupId } = place;
  const settings = await usableSettings();
  const lookups = await planLookups(settings, {
    emails: parsed.rows.map((r) => r.email),
    groups: [...parsed.rows.flatMap((r) => (r.group ? [r.group] : [])), ...(audienceGroupId ? [audienceGroupId] : [])],
    roles: parsed.rows.flatMap((r) => (r.role ? [r.role] : [])),
    scope,
  });
  const wantsEnvironment = environmentId && parsed.rows.some((r) => r.environmentRole !== undefined || r.license !== undefined);
  const environment = wantsEnvironment ? await bulkEnvironment(settings, environmentId) : undefined;
  const rows = planRows(
    parsed,
    {
      ...lookups,
      ...(environment ? { environmentRoles: environment.roles, environmentLicenses: environment.licenses } : {}),
      ...(audienceGroupId ? { audienceGroup: audienceGroupId } : {}),
    },
    defaultRedirectUrl,
  );
  return createJob(
    {
      id: crypto.randomUUID(),
      fileName,
      ...ownerOf(account),
      status: 'preview',
      rowCount: rows.length,
      defaultRedirectUrl,
      ...(scope ? { roleScope: scope, roleSchedule: DEFAULT_BULK_SCHEDULE } : {}),
      ...(environment ? { environment: environment.grant } : {}),
      ...(audienceGroupId ? { audienceGroupId } : {}),
      createdAt: Date.now(),
      sentAt: [],
      pace: [],
    },
    rows,
  );
}
