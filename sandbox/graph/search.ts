import { UnsupportedQuery } from './odata.ts';

type Row = Record<string, unknown>;

/**
 * Graph's `$search` on directory objects (learn: search-query-parameter, "Using $search on directory object
 * collections"): quoted clauses, `"displayName:lee"` or `"lee"`, joined by `AND` / `OR`. Values are split into words at
 * spaces, punctuation and case changes, and each word searched for must begin one of them, so "lee" finds "Ann Lee".
 */
const CLAUSE = /\s*"([^"]*)"\s*(?:(AND|OR)(?=\s*")|$)/y;

/** The words of a value: "Ann Lee", "ann.lee@contoso.example", "AnnLee" all hold "lee". */
export function words(value: string): string[] {
  return value
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function clause(text: string, searchable: string[]): (row: Row) => boolean {
  const colon = text.indexOf(':');
  const named = colon > 0 ? text.slice(0, colon) : null;
  const property = named === null ? null : searchable.find((p) => p.toLowerCase() === named.toLowerCase());
  if (named !== null && !property) throw new UnsupportedQuery(`Property '${named}' does not support $search.`);
  const sought = words(colon > 0 ? text.slice(colon + 1) : text);
  const where = property ? [property] : searchable;
  return (row) => {
    const held = where.flatMap((p) => (typeof row[p] === 'string' ? words(row[p] as string) : []));
    return sought.every((w) => held.some((h) => h.startsWith(w)));
  };
}

/** A test of one row against a `$search` value; a malformed one is refused. */
export function searchPredicate(search: string, searchable: string[]): (row: Row) => boolean {
  const tests: ((row: Row) => boolean)[] = [];
  const joins: string[] = [];
  CLAUSE.lastIndex = 0;
  while (CLAUSE.lastIndex < search.length) {
    const m = CLAUSE.exec(search);
    if (!m) throw new UnsupportedQuery(`Syntax error in $search near '${search.slice(CLAUSE.lastIndex)}'.`);
    tests.push(clause(m[1] ?? '', searchable));
    if (m[2]) joins.push(m[2]);
  }
  if (!tests.length) throw new UnsupportedQuery('Syntax error in $search: a quoted clause is required.');
  // AND binds tighter than OR: split into OR-groups of AND-ed clauses.
  return (row) => {
    let any = false;
    let all = true;
    tests.forEach((t, i) => {
      all = all && t(row);
      if (joins[i] !== 'AND') {
        any = any || all;
        all = true;
      }
    });
    return any;
  };
}
