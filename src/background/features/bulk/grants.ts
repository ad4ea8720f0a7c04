import type { BulkGrants, Granted, GrantedGroup } from '../../../logic/bulk/grant-summary.ts';
import { bulkGroupRefusal } from '../../../logic/bulk/groups.ts';
import type { JobRow } from '../../../logic/bulk/job.ts';

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : url);

/** Counts rows by a key, keeping the name the first row gave; most rows first. */
function tally(rows: JobRow[], keyOf: (r: JobRow) => [key: string, name: string] | undefined): Granted[] {
  const counts = new Map<string, Granted>();
  for (const r of rows) {
    const found = keyOf(r);
    if (!found) continue;
    const [key, name] = found;
    const entry = counts.get(key) ?? { name, rows: 0 };
    entry.rows++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}

export function summarizeGrants(rows: JobRow[], defaultRedirectUrl: string): BulkGrants {
  // Rows that will act: a new invitation, or grants to someone already a guest.
  const acts = (r: JobRow) => r.verdict === 'invite' || r.verdict === 'reuse';
  const acting = rows.filter(acts);
  const invites = acting.filter((r) => r.verdict === 'invite');
  const groups = new Map<string, GrantedGroup>();
  for (const r of rows) {
    const g = r.groupFacts;
    if (!g || r.verdict === 'duplicate') continue;
    const refused = bulkGroupRefusal(g) !== null;
    // A group given: the rows that will join it. A group refused: the rows refused for it.
    if (refused ? r.verdict !== 'invalid' : !r.groupId || !acts(r)) continue;
    const entry = groups.get(g.id) ?? { ...g, rows: 0, refused };
    entry.rows++;
    groups.set(g.id, entry);
  }
  const defaultHost = hostOf(defaultRedirectUrl);
  return {
    groups: [...groups.values()].sort((a, b) => b.rows - a.rows || a.displayName.localeCompare(b.displayName)),
    redirectHosts: tally(invites, (r) => {
      const host = hostOf(r.redirectUrl);
      return host === defaultHost ? undefined : [host, host];
    }),
    customText: invites.filter((r) => r.message || r.displayName).length,
    azureRoles: tally(acting, (r) => (r.roleId ? [r.roleId, r.role ?? r.roleId] : undefined)),
    environmentRoles: tally(acting, (r) =>
      r.environmentRoleId ? [r.environmentRoleId, r.environmentRole ?? r.environmentRoleId] : undefined,
    ),
    licenses: tally(acting, (r) => (r.licenseSkuId ? [r.licenseSkuId, r.license ?? r.licenseSkuId] : undefined)),
  };
}
