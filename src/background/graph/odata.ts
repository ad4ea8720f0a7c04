/** OData query text for Graph, built one way. */

/** A text as an OData string literal: in single quotes, its own quotes doubled. */
export const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A `$filter` expression as the Graph client's `.filter()` needs it: the client puts it in the URL as given, so a
 * `+`, `&` or `#` typed by a person would otherwise change the query (or cut it short).
 */
export const filterParam = (expression: string) => encodeURIComponent(expression);
