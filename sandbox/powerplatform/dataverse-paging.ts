/**
 * Dataverse's paging (learn: power-apps/developer/data-platform/webapi/query/page-results): the client asks a page size
 * with `Prefer: odata.maxpagesize=N`, else up to 5,000 rows come back; asks above 5,000 are ignored. The answer
 * says `Preference-Applied: odata.maxpagesize=N` and, while rows remain, carries `@odata.nextLink`: the query
 * again with a `$skiptoken` holding a paging cookie (`<cookie pagenumber="2" pagingcookie="…" istracking="False" />`).
 * `@Microsoft.Dynamics.CRM.morerecords` is not sent: Dataverse gives it, with the paging cookie annotation, to
 * FetchXML queries (learn: …/fetchxml/page-results), which the sandbox does not take.
 */
import type { ApiRequest, ApiResponse } from '../api.ts';
import { linkedPage, type TokenFormat } from '../arm/next-link.ts';
import { type Faults, pageSize } from '../faults.ts';
import { dataverseError } from './dataverse-query.ts';

export const DATAVERSE_PAGE_SIZE = 5000;

/** The signed token sits where Dataverse puts its own paging cookie. */
const cookie: TokenFormat = {
  wrap: (token, nextPage) => `<cookie pagenumber="${nextPage}" pagingcookie="${token}" istracking="False" />`,
  unwrap: (raw) => /^<cookie\b[^>]*\bpagingcookie="([^"]+)"[^>]*\/>$/.exec(raw.trim())?.[1],
};

const askedSize = (prefer: string | undefined) => {
  const m = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
};

/** One page of a collection answer (`{ '@odata.context', value }`) of the Dataverse instance at `instanceUrl`. */
export function dataversePaged(answer: ApiResponse, req: ApiRequest, faults: Faults, instanceUrl: string): ApiResponse {
  const body = answer.body as { value?: unknown } | undefined;
  if (answer.status !== 200 || !Array.isArray(body?.value)) return answer;
  const url = new URL(req.path, instanceUrl);
  for (const [k, v] of req.query) url.searchParams.append(k, v);
  const asked = askedSize(req.headers.prefer);
  const page = linkedPage(body.value, url, pageSize(faults, asked, DATAVERSE_PAGE_SIZE, DATAVERSE_PAGE_SIZE), cookie);
  // Dataverse's code for a paging cookie it cannot read is not documented: 0x80040203 (InvalidArgument) is the
  // sandbox's stand-in, unverified.
  if ('refused' in page) return dataverseError(400, '0x80040203', 'The $skiptoken is not a paging cookie of this query.');
  const applied = asked !== undefined && asked > 0 && asked <= DATAVERSE_PAGE_SIZE;
  return {
    ...answer,
    ...(applied ? { headers: { ...answer.headers, 'preference-applied': `odata.maxpagesize=${asked}` } } : {}),
    body: { ...body, value: page.items, ...(page.next ? { '@odata.nextLink': page.next } : {}) },
  };
}
