import { AppError, ErrorCodes } from '../../common/errors.ts';
import type { Listed } from '../../logic/listed.ts';

/**
 * How a service says where its next page is (issue 22):
 * - `link`: the answer names the next page (Graph and Dataverse `@odata.nextLink`, ARM and the environment API
 *   `nextLink`); the link is followed as given, never built, and only on the service's own origin, since the token
 *   goes with it.
 * - `skip`: Power BI pages with `$top`/`$skip`; a page shorter than asked, or `@odata.count` reached, is the end.
 */
export type Paging =
  | { kind: 'link'; field: '@odata.nextLink' | 'nextLink'; origin: string; follow: (url: string) => Promise<unknown> }
  | { kind: 'skip'; size: number; at: (skip: number) => Promise<unknown> };

interface Page {
  value?: unknown[];
  '@odata.count'?: unknown;
  '@odata.nextLink'?: unknown;
  nextLink?: unknown;
}

/** The next page's address, refused when it is not on the service's origin over https. */
function nextLinkOf(page: Page, paging: Extract<Paging, { kind: 'link' }>): string | null {
  const link = page[paging.field];
  if (link === undefined || link === null || link === '') return null;
  const url = URL.canParse(String(link)) ? new URL(String(link)) : null;
  if (url?.protocol !== 'https:' || url.origin !== paging.origin) {
    throw new AppError(ErrorCodes.pageLinkRefused, String(link).slice(0, 300));
  }
  return String(link);
}

/**
 * The list's size as the first page says it. Power BI's swagger does not name `@odata.count`: there it is taken for a
 * total only when it is above the page's own length (it may count the page alone).
 */
function countOf(page: Page, paging: Paging): number | undefined {
  const count = page['@odata.count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
  return paging.kind === 'skip' && count <= (page.value?.length ?? 0) ? undefined : count;
}

/**
 * A whole list, page after page, to its end or to `cap` items: what was read says whether it is all of it, and how
 * many there are when the service says (`@odata.count`), so a view can say "first 500 of 2,134". `first` is the first
 * page's answer (asked by the caller, who knows its query; a JSON batch item's body is one).
 */
export async function readList<T>(first: unknown, paging: Paging, cap = Number.POSITIVE_INFINITY): Promise<Listed<T>> {
  let page = ((await first) ?? {}) as Page;
  const total = countOf(page, paging);
  const items: T[] = [];
  // A link seen before would page in a circle: the list ends there, said as not complete.
  const followed = new Set<string>();
  let circled = false;
  for (;;) {
    const value = (page.value ?? []) as T[];
    items.push(...value);
    let next: (() => Promise<unknown>) | null = null;
    if (paging.kind === 'link') {
      const link = nextLinkOf(page, paging);
      if (link && followed.has(link)) circled = true;
      else if (link) {
        followed.add(link);
        next = () => paging.follow(link);
      }
    } else {
      // The end: an empty page; a page longer than asked (the service does not page this list: it was all of it);
      // the count reached; or, without a count, a page shorter than asked.
      const ended =
        value.length === 0 ||
        value.length > paging.size ||
        (total !== undefined ? items.length >= total : value.length < paging.size);
      const skip = items.length;
      if (!ended) next = () => paging.at(skip);
    }
    if (!next || items.length >= cap) {
      const complete = !next && !circled && items.length <= cap;
      const kept = items.slice(0, cap);
      // With no page left, every item was seen: their number is the total even when the cap kept fewer.
      const known = total ?? (next || circled ? undefined : items.length);
      return { items: kept, complete, read: kept.length, ...(known !== undefined ? { total: known } : {}) };
    }
    page = ((await next()) ?? {}) as Page;
  }
}

/** A URL with its page asked for as Power BI takes it: `$top` and `$skip` in place of any it had. */
export function pageUrl(url: string, top: number, skip: number): string {
  const [path = '', query = ''] = url.split('?');
  const kept = query.split('&').filter((p) => p && !/^(\$|%24)(top|skip)=/i.test(p));
  return `${path}?${[...kept, `$top=${top}`, ...(skip ? [`$skip=${skip}`] : [])].join('&')}`;
}
