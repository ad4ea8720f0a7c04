/** OData query text for Graph, built one way. */

/** A text as an OData string literal: in single quotes, its own quotes doubled. */
export const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A `$filter` expression as the Graph client's `.filter()` needs it: the client puts it in the URL as given, so a
 * `+`, `&` or `#` typed by a person would otherwise change the query (or cut it short).
 */
export const filterParam = (expression: string) => encodeURIComponent(expression);

/** Graph's header for advanced queries (`$search`, `$count`): without it Graph refuses them (Request_UnsupportedQuery). */
export const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' } as const;

/**
 * A `$search` for what a person typed: the words as prefixes of any of `properties` (Graph tokenizes names and
 * addresses into words, so "lee" finds "Ann Lee"). Inside the quotes `"` and `\` are escaped as Graph asks; the whole
 * is URL-encoded, as `.search()` puts it in the URL as given.
 */
export function searchParam(text: string, properties: readonly string[]): string {
  const words = text.trim().replace(/[\\"]/g, (c) => `\\${c}`);
  return encodeURIComponent(properties.map((p) => `"${p}:${words}"`).join(' OR '));
}
