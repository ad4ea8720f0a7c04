import {
  EXTERNAL_FILTERS,
  type ExternalAccess,
  type ExternalFilter,
  type ExternalGrant,
  type ExternalPerson,
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

/** How the grant reaches the person, in words. */
export function pathWords(g: ExternalGrant): string {
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

/** Active or eligible, and until when or for good. */
export function standingWords(g: ExternalGrant): string {
  if (g.role.end) {
    const end = formatDate(g.role.end);
    return g.eligible ? t('externalEligibleUntil', end) : t('externalActiveUntil', end);
  }
  return g.eligible ? t('externalEligiblePermanent') : t('externalActivePermanent');
}

/**
 * The guest card's own removal for a row: the role at its scope (here, or the scope above it comes from), or, for a
 * group's grant, leaving the group they are a member of (the nested one, when the role's group holds theirs).
 */
export const changeOf = (r: Row): GuestChange =>
  r.grant.path.kind === 'group'
    ? { kind: 'leaveGroup', group: r.grant.path.nested ?? r.grant.path.group }
    : { kind: 'removeAzureRole', role: r.grant.role };

/** What a row's removal acts on: two rows through the same group are one leaving. */
function targetOf(r: Row): string {
  const c = changeOf(r);
  const what =
    c.kind === 'leaveGroup'
      ? c.group.id
      : c.kind === 'removeAzureRole'
        ? `${c.role.scope}|${c.role.roleDefinitionId}|${c.role.removal}`
        : '';
  return `${r.person.id}|${what}`.toLowerCase();
}

/** One change per thing taken back. */
export function changesOf(rows: Row[]): { row: Row; change: GuestChange }[] {
  const seen = new Set<string>();
  return rows
    .filter((row) => {
      const key = targetOf(row);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((row) => ({ row, change: changeOf(row) }));
}

/** What one change takes away, in words. */
function goesWords({ row, change }: { row: Row; change: GuestChange }): string {
  if (change.kind === 'leaveGroup') return t('externalGoesGroup', row.person.displayName, change.group.displayName);
  if (change.kind === 'removeAzureRole')
    return t('externalGoesRole', row.person.displayName, change.role.roleName, change.role.scopeWords);
  return '';
}

/** The one sentence before a removal: what goes, and what stays (their other paths, everyone else). */
export function takeBackSentence(all: Row[], chosen: Row[]): string {
  const changes = changesOf(chosen);
  // A row goes when its removal is one of these (the same group left takes all that group gives them here).
  const going = new Set(chosen.map(targetOf));
  const n = all.filter((r) => !going.has(targetOf(r))).length;
  const stays = plural(n, {
    zero: () => t('externalStaysNone'),
    one: () => t('externalStaysOne'),
    other: () => t('externalStaysOther', n),
  });
  return t('externalTakeBackSentence', changes.map(goesWords).join('; '), stays);
}
