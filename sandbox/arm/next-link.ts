/**
 * Server-driven paging by an absolute next link carrying an opaque `$skiptoken`, as ARM (`nextLink`), the environment
 * API (`nextLink`) and Dataverse (`@odata.nextLink`) page. The link repeats the request's own query (api-version,
 * `$filter`, `$select`…) so a client follows it as given and never builds one. The token is the offset signed for
 * that one list: a token the sandbox did not issue, or issued for another list, is refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signs tokens for this run only: a token from an earlier run is as unknown as a forged one. */
const KEY = randomBytes(32);

/** How a service wraps the token in its `$skiptoken` (Dataverse: a paging cookie), and finds it again. */
export interface TokenFormat {
  wrap: (token: string, nextPage: number) => string;
  unwrap: (raw: string) => string | undefined;
}

const plain: TokenFormat = { wrap: (token) => token, unwrap: (raw) => raw };

const isSkipToken = (key: string) => key.toLowerCase() === '$skiptoken';

/** The list a URL names: host, path and query without the token, so a token fits the list it was made for only. */
function listOf(url: URL): string {
  const query = [...url.searchParams].filter(([k]) => !isSkipToken(k)).map(([k, v]) => `${k.toLowerCase()}=${v}`);
  return `${url.host}${url.pathname.toLowerCase()}?${query.sort().join('&')}`;
}

const mac = (list: string, offset: number) => createHmac('sha256', KEY).update(`${list}#${offset}`).digest().subarray(0, 16);

function sign(list: string, offset: number): string {
  return `${offset.toString(36)}.${mac(list, offset).toString('base64url')}`;
}

function verify(list: string, token: string): number | undefined {
  const m = /^([0-9a-z]+)\.([\w-]+)$/.exec(token);
  if (!m?.[1] || !m[2]) return undefined;
  const offset = Number.parseInt(m[1], 36);
  const given = Buffer.from(m[2], 'base64url');
  const wanted = mac(list, offset);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? offset : undefined;
}

export type LinkedPage<T> = { items: T[]; next?: string } | { refused: true };

/**
 * The page of `items` that `url` (the request's absolute URL) asks for, `size` items long, and the link to the next
 * page when there is one; `refused` when its `$skiptoken` is not one this list issued.
 */
export function linkedPage<T>(items: T[], url: URL, size: number, format: TokenFormat = plain): LinkedPage<T> {
  const list = listOf(url);
  const raw = [...url.searchParams].find(([k]) => isSkipToken(k))?.[1];
  let offset = 0;
  if (raw !== undefined) {
    const token = format.unwrap(raw);
    const read = token === undefined ? undefined : verify(list, token);
    if (read === undefined) return { refused: true };
    offset = read;
  }
  const end = offset + size;
  if (end >= items.length) return { items: items.slice(offset) };
  const next = new URL(url);
  for (const key of [...next.searchParams.keys()].filter(isSkipToken)) next.searchParams.delete(key);
  next.searchParams.set('$skiptoken', format.wrap(sign(list, end), Math.floor(end / size) + 1));
  return { items: items.slice(offset, end), next: next.href };
}
