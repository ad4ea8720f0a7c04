/** The tokens and values of an OData `$filter` (sandbox/graph/odata-filter.ts). */
type Row = Record<string, unknown>;

/** A query Graph refuses with a 400: `Request_UnsupportedQuery` unless another code is named. */
export class UnsupportedQuery extends Error {
  constructor(
    message: string,
    readonly code = 'Request_UnsupportedQuery',
  ) {
    super(message);
  }
}

export const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const TOKEN =
  /\s*(\(|\)|,|:|'(?:[^']|'')*'|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?|[A-Za-z_][\w./]*|-?\d+(?:\.\d+)?)/y;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m?.[1]) throw new UnsupportedQuery(`Invalid filter clause near '${text.slice(TOKEN.lastIndex)}'`);
    tokens.push(m[1]);
  }
  return tokens;
}

/** `a/b/c` read from a row; a lambda's variable is bound as a property of the row it sees. */
export function valueAt(row: Row, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('/')) value = value && typeof value === 'object' ? (value as Row)[part] : undefined;
  return value ?? null;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v);
export const same = (a: unknown, b: unknown) =>
  isDate(a) && isDate(b)
    ? Date.parse(a) === Date.parse(b)
    : typeof a === 'string' && typeof b === 'string'
      ? a.toLowerCase() === b.toLowerCase()
      : a === b;
export function order(a: unknown, b: unknown): number | null {
  if (isDate(a) && isDate(b)) return Date.parse(a) - Date.parse(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
  return null;
}
export const ORDERED: Record<string, (n: number) => boolean> = {
  ge: (n) => n >= 0,
  le: (n) => n <= 0,
  gt: (n) => n > 0,
  lt: (n) => n < 0,
};
