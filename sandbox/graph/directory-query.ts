import type { ApiResponse } from '../api.ts';
import type { GraphCall } from './call.ts';
import { compileFilter, UnsupportedQuery } from './odata.ts';
import { DIRECTORY_PAGE, type PageRule, page } from './paging.ts';
import { searchPredicate } from './search.ts';

type Row = Record<string, unknown>;

/**
 * What a list of directory objects allows beyond `$filter` (learn: aad-advanced-queries): the properties `$search`
 * looks in, and those `$orderby` sorts by without advanced query parameters or only with them.
 */
export interface DirectoryList {
  context: string;
  searchable: string[];
  orderBy: { basic: string[]; advanced: string[] };
  /** How one row is shown (`$select`, what the caller may see). */
  show: (row: Row) => Row;
  /** The list's page sizes, when not the directory's (100 a page, up to 999). */
  pageRule?: PageRule;
}

/** Users' lists (learn: aad-advanced-queries, "Support for sorting"; user-list `$search`). */
export const USER_QUERY = {
  searchable: ['displayName', 'mail', 'userPrincipalName', 'givenName', 'surname', 'mailNickname'],
  orderBy: { basic: ['displayName', 'userPrincipalName'], advanced: ['createdDateTime'] },
};
export const GROUP_QUERY = {
  searchable: ['displayName', 'description', 'mail', 'mailNickname'],
  orderBy: { basic: ['displayName'], advanced: [] },
};
/** A relationship's directory objects (members, memberOf, sponsors): sorted only as an advanced query. */
export const RELATED_QUERY = {
  searchable: ['displayName', 'mail', 'userPrincipalName', 'mailNickname'],
  orderBy: { basic: [], advanced: ['displayName'] },
};

const SORTING = 'Sorting not supported for current query.';
/** Graph's own words (learn: aad-advanced-queries, "Error handling"). */
export const SEARCH_NEEDS_EVENTUAL =
  "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

export const isEventual = (c: GraphCall) => c.req.headers.consistencylevel?.toLowerCase() === 'eventual';

/** `$orderby=prop [asc|desc]`, one clause, as Graph takes it on directory objects. */
function sorter(c: GraphCall, list: DirectoryList, advanced: boolean): ((a: Row, b: Row) => number) | null {
  const text = c.req.query.get('$orderby');
  if (!text) return null;
  const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  const name = m?.[1]?.toLowerCase();
  const basic = list.orderBy.basic.find((p) => p.toLowerCase() === name);
  const property = basic ?? list.orderBy.advanced.find((p) => p.toLowerCase() === name);
  // `$filter` with `$orderby` always needs the advanced query parameters.
  const allowed = property && (advanced || (basic && !c.req.query.has('$filter')));
  if (!allowed) throw new UnsupportedQuery(SORTING);
  const sign = m?.[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const text_ = (r: Row) => (r[property] == null ? null : String(r[property]));
  return (a, b) => {
    const x = text_(a);
    const y = text_(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * x.localeCompare(y, 'en', { sensitivity: 'base' });
  };
}

/** An advanced query: `ConsistencyLevel: eventual` with a count (`$count=true`, `/$count`) or with `$search`. */
const advancedQuery = (c: GraphCall) =>
  isEventual(c) && (c.req.query.get('$count') === 'true' || c.path.endsWith('/$count') || c.req.query.has('$search'));

/** The rows a directory query keeps: `$search` (needing `ConsistencyLevel: eventual`), then `$filter`. */
export function matching(c: GraphCall, list: Pick<DirectoryList, 'searchable'>, rows: Row[]): Row[] {
  const search = c.req.query.get('$search');
  if (search !== null && !isEventual(c)) throw new UnsupportedQuery(SEARCH_NEEDS_EVENTUAL);
  const filter = compileFilter(c.req.query.get('$filter'), { advanced: advancedQuery(c) });
  const found = search === null ? rows : rows.filter(searchPredicate(search, list.searchable));
  return found.filter(filter);
}

/**
 * A list of directory objects as Graph answers it: searched, filtered, sorted, counted and paged. `$count=true`
 * without `ConsistencyLevel: eventual` is silently ignored, as the Graph docs say.
 */
export function directoryList(c: GraphCall, list: DirectoryList, rows: Row[]): ApiResponse {
  const found = matching(c, list, rows);
  const sort = sorter(c, list, advancedQuery(c));
  if (sort) found.sort(sort);
  const counted = c.req.query.get('$count') === 'true' && isEventual(c);
  return page(c, list.context, found, list.pageRule ?? DIRECTORY_PAGE, {
    count: counted ? found.length : undefined,
    show: list.show,
  });
}

/** `/users/$count`, `/groups/$count`: a plain-text number, only with `ConsistencyLevel: eventual`. */
export function countOf(c: GraphCall, list: Pick<DirectoryList, 'searchable'>, rows: Row[]): ApiResponse {
  if (!isEventual(c)) throw new UnsupportedQuery('$count is not currently supported.', 'Request_BadRequest');
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: matching(c, list, rows).length };
}
