import { createHmac, randomBytes } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import { pageSize } from '../faults.ts';
import { CONTEXT, type GraphCall } from './call.ts';
import { UnsupportedQuery } from './odata.ts';

type Row = Record<string, unknown>;

/** How a Graph list pages (learn: paging; each list's own page names its default size and `$top` limit). */
export interface PageRule {
  fallback: number;
  max: number;
  /** Whether the list takes `$top` (subscribedSkus, for one, takes only `$select`). */
  top: boolean;
}

/** Users, groups, members, memberOf, sponsors: 100 a page, `$top` up to 999 (learn: user-list, paging). */
export const DIRECTORY_PAGE: PageRule = { fallback: 100, max: 999, top: true };
/** Lists that document no `$top`: they answer whole unless a forced page size says otherwise. */
export const WHOLE_PAGE: PageRule = { fallback: 100, max: 999, top: false };

/** Tokens are signed with a key of this run, so a token the sandbox did not issue (or an old one) is refused. */
const KEY = randomBytes(32);

/** The request a token belongs to: the path and its query options except the token itself, in a fixed order. */
function requestKey(c: GraphCall): string {
  const options = [...c.req.query.entries()].filter(([k]) => k !== '$skiptoken').sort(([a], [b]) => a.localeCompare(b));
  return `${c.path}?${new URLSearchParams(options).toString()}`;
}

const sign = (c: GraphCall, offset: number) =>
  createHmac('sha256', KEY)
    .update(`${requestKey(c)}#${offset}`)
    .digest('base64url')
    .slice(0, 27);

const skipToken = (c: GraphCall, offset: number) => Buffer.from(`${offset}:${sign(c, offset)}`).toString('base64url');

/** Where a `$skiptoken` resumes; Entra's answer to a page token it cannot use (learn: Directory_ExpiredPageToken). */
function offsetOf(c: GraphCall): number {
  const token = c.req.query.get('$skiptoken');
  if (token === null) return 0;
  const [offset = '', signature] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const n = Number(offset);
  if (!/^\d+$/.test(offset) || signature !== sign(c, n)) {
    throw new UnsupportedQuery(
      'The specified page token value has expired and can no longer be included in your request.',
      'Directory_ExpiredPageToken',
    );
  }
  return n;
}

/** The link to the next page: the request as asked, every query option kept, with the token that resumes it. */
function nextLink(c: GraphCall, offset: number): string {
  const part = (k: string, v: string) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`;
  const options = [...c.req.query.entries()].filter(([k]) => k !== '$skiptoken').map(([k, v]) => part(k, v));
  return `https://graph.microsoft.com/v1.0${c.path}?${[...options, part('$skiptoken', skipToken(c, offset))].join('&')}`;
}

export interface PageOptions {
  /** `@odata.count`, given on the first page only, as Graph does (learn: query-parameters, skipToken). */
  count?: number;
  /** How a row on this page is shown (`$select`, what the caller may see); applied to the page's rows only. */
  show?: (row: Row) => Row;
}

/**
 * One page of a Graph list, the one shared answer of every list route: `@odata.nextLink` while rows remain, with an
 * opaque `$skiptoken`. `$skip` is refused, as Graph refuses it on directory lists (learn: user-list).
 */
export function page(c: GraphCall, context: string, rows: Row[], rule: PageRule, o: PageOptions = {}): ApiResponse {
  if (c.req.query.has('$skip')) throw new UnsupportedQuery("'$skip' is not supported by the service.", 'Request_BadRequest');
  const start = offsetOf(c);
  const asked = rule.top && c.req.query.has('$top') ? Number(c.req.query.get('$top')) : undefined;
  const size = pageSize(c.faults, asked, rule.fallback, rule.max);
  const shown = rows.slice(start, start + size).map(o.show ?? ((r) => r));
  const more = start + size < rows.length;
  return {
    status: 200,
    body: {
      '@odata.context': `${CONTEXT}#${context}`,
      ...(o.count !== undefined && start === 0 ? { '@odata.count': o.count } : {}),
      ...(more ? { '@odata.nextLink': nextLink(c, start + size) } : {}),
      value: shown,
    },
  };
}
