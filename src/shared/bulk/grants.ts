import { bulkGroupRefusal, type GroupFacts } from './groups.ts';
import type { JobRow } from './job.ts';

/** A thing the file gives (a role, a licence, a redirect host) and how many rows give it. */
export interface Granted {
  name: string;
  rows: number;
}

/** A group the file names: refused groups are listed too, with the rows refused for them. */
export interface GrantedGroup extends GroupFacts {
  rows: number;
  refused: boolean;
}

/**
 * What a file grants, summed over its rows, for the preview to put before the person who starts it: a partner's
 * file may name any group, its own redirect link and the words of the invitation (issue: "the bulk preview hides
 * what each row grants").
 */
export interface BulkGrants {
  groups: GrantedGroup[];
  /** Hosts guests are sent to after signing in, other than the default's. */
  redirectHosts: Granted[];
  /** Invitations that carry the file's own message or display name. */
  customText: number;
  azureRoles: Granted[];
  environmentRoles: Granted[];
  licences: Granted[];
}

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
    licences: tally(acting, (r) => (r.licenceSkuId ? [r.licenceSkuId, r.licence ?? r.licenceSkuId] : undefined)),
  };
}
