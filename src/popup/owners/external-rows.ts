import {
  EXTERNAL_FILTERS,
  type ExternalAccess,
  type ExternalFilter,
  type ExternalGrant,
  type ExternalPerson,
  isAzureGrant,
  type PlacePath,
} from '../../common/external-access.ts';
import type { GuestChange } from '../../common/guest-card.ts';
import { plural, t } from '../../common/i18n.ts';
import { formatDate } from '../../logic/format.ts';

/** One person on one path: a row of "External access here". */
export interface Row {
  key: string;
  person: ExternalPerson;
  grant: ExternalGrant;
}

export const rowsOf = (access: ExternalAccess): Row[] =>
  access.people.flatMap((person) => person.grants.map((grant, i) => ({ key: `${person.id}:${i}`, person, grant })));

/** The rows every chosen filter keeps. */
export function filtered(rows: Row[], access: ExternalAccess, chosen: ExternalFilter[], now: number): Row[] {
  return rows.filter((r) => chosen.every((f) => EXTERNAL_FILTERS[f](r.person, r.grant, access.signIn, now)));
}

/** How a Power BI or Power Platform grant reaches the person, in words. */
function placeWords(p: PlacePath): string {
  const where =
    p.kind === 'audience'
      ? t('externalPathAudience', p.app)
      : p.kind === 'workspace'
        ? t('externalPathWorkspace', p.workspace)
        : p.kind === 'securityGroup'
          ? t('externalPathSecurityGroup', p.environment)
          : t('externalPathDataverse', p.environment);
  return 'group' in p && p.group ? `${where}, ${t('externalPathGroup', p.group.displayName)}` : where;
}

/** How the grant reaches the person, in words. */
export function pathWords(g: ExternalGrant): string {
  if (!isAzureGrant(g)) return placeWords(g.path);
  switch (g.path.kind) {
    case 'direct':
      return t('externalPathDirect');
    case 'group':
      return g.path.nested
        ? t('externalPathNestedGroup', g.path.nested.displayName, g.path.group.displayName)
        : t('externalPathGroup', g.path.group.displayName);
    case 'inherited':
      return t('externalPathInherited', g.path.scopeWords);
  }
}

/** What the grant gives, in the service's words: the role's name. */
export const roleWords = (g: ExternalGrant): string => (isAzureGrant(g) ? g.role.roleName : g.roleName);

/** Active or eligible, and until when or for good; nothing for Power BI's and Power Platform's, which never end. */
export function standingWords(g: ExternalGrant): string | null {
  if (!isAzureGrant(g)) return null;
  if (g.role.end) {
    const end = formatDate(g.role.end);
    return g.eligible ? t('externalEligibleUntil', end) : t('externalActiveUntil', end);
  }
  return g.eligible ? t('externalEligiblePermanent') : t('externalActivePermanent');
}

/**
 * The guest card's own removal for a row: for a group's grant (an Azure role, an app's audience, a workspace, an
 * environment's security group), leaving that group; a workspace role of their own; the Azure role at its scope
 * (here, or the scope above it comes from). None for what no API takes back (a person in an app's audience, a
 * Dataverse user): null.
 */
export function changeOf(r: Row): GuestChange | null {
  const g = r.grant;
  // Through a group nested in the role's group, the nested one is theirs to leave (leaving the outer ends nothing).
  if (g.path.kind === 'group') return { kind: 'leaveGroup', group: g.path.nested ?? g.path.group };
  if ('group' in g.path && g.path.group) return { kind: 'leaveGroup', group: g.path.group };
  if (isAzureGrant(g)) return { kind: 'removeAzureRole', role: g.role };
  return g.workspaceRole ? { kind: 'removeWorkspaceRole', role: g.workspaceRole } : null;
}

/** What a row's removal acts on: two rows through the same group are one leaving. */
function targetOf(r: Row): string {
  const c = changeOf(r);
  const what =
    c?.kind === 'leaveGroup'
      ? c.group.id
      : c?.kind === 'removeAzureRole'
        ? `${c.role.scope}|${c.role.roleDefinitionId}|${c.role.removal}`
        : c?.kind === 'removeWorkspaceRole'
          ? `${c.role.workspaceId}|${c.role.identifier}`
          : `${r.key}|none`;
  return `${r.person.id}|${what}`.toLowerCase();
}

/** One change per thing taken back. */
export function changesOf(rows: Row[]): { row: Row; change: GuestChange }[] {
  const seen = new Set<string>();
  return rows
    .filter((row) => {
      if (!changeOf(row)) return false;
      const key = targetOf(row);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .flatMap((row) => {
      const change = changeOf(row);
      return change ? [{ row, change }] : [];
    });
}

/** What one change takes away, in words. */
function goesWords({ row, change }: { row: Row; change: GuestChange }): string {
  if (change.kind === 'leaveGroup') return t('externalGoesGroup', row.person.displayName, change.group.displayName);
  if (change.kind === 'removeAzureRole')
    return t('externalGoesRole', row.person.displayName, change.role.roleName, change.role.scopeWords);
  if (change.kind === 'removeWorkspaceRole')
    return t('externalGoesWorkspace', row.person.displayName, change.role.role, change.role.workspaceName);
  return '';
}

/** The one sentence before a removal: what goes, and what stays (their other paths, everyone else). */
export function takeBackSentence(all: Row[], chosen: Row[]): string {
  const changes = changesOf(chosen);
  // A row goes when its removal is one of these (the same group left takes all that group gives them here).
  const going = new Set(changes.map(({ row }) => targetOf(row)));
  const n = all.filter((r) => !going.has(targetOf(r))).length;
  const stays = plural(n, {
    zero: () => t('externalStaysNone'),
    one: () => t('externalStaysOne'),
    other: () => t('externalStaysOther', n),
  });
  return t('externalTakeBackSentence', changes.map(goesWords).join('; '), stays);
}
