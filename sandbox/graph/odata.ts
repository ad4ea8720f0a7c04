export { compileFilter, type FilterOptions, UnsupportedQuery } from './odata-filter.ts';

type Row = Record<string, unknown>;

/** `$select`: keep the named properties (and `id`), or the default set when none are named. */
export function project(row: Row, select: string | null, defaults: string[]): Row {
  const names = select
    ? [
        'id',
        ...select
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ]
    : defaults;
  return Object.fromEntries(names.map((n) => [n, row[n] ?? null]));
}

/** A directory object in a `directoryObjects` collection: its `@odata.type` stays whatever `$select` names. */
export function projectTyped(row: Row, select: string | null, defaults: string[]): Row {
  const type = row['@odata.type'];
  return { ...(type ? { '@odata.type': type } : {}), ...project(row, select, defaults) };
}
