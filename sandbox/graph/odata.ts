import { UnsupportedQuery } from './odata-values.ts';
import { DIRECTORY_OBJECT_TYPES, type GraphProperty, graphType } from './schema.ts';

export { compileFilter, type FilterOptions, UnsupportedQuery } from './odata-filter.ts';

type Row = Record<string, unknown>;

const names = (select: string) =>
  select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Graph's answer to a `$select` of a property its type does not have. */
const unknownProperty = (name: string, type: string) =>
  new UnsupportedQuery(`Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`, 'Request_BadRequest');

/** A property's value as Graph shows it: a collection the sandbox does not hold is empty, never null. */
const shownValue = (row: Row, p: GraphProperty | undefined, name: string) => row[p?.name ?? name] ?? (p?.collection ? [] : null);

/**
 * `$select`: keep the named properties (and `id`), or the default set when none are named. With the Graph type
 * (`user`, `group`) a name the type does not have is refused, as Graph refuses it, and a relationship is not shown.
 */
export function project(row: Row, select: string | null, defaults: string[], type?: string): Row {
  const model = type ? graphType(type) : undefined;
  const out: Row = {};
  for (const name of select ? ['id', ...names(select)] : defaults) {
    const p = model?.get(name.toLowerCase());
    if (select && model && !p) throw unknownProperty(name, type as string);
    if (p?.navigation) continue;
    out[p?.name ?? name] = shownValue(row, p, name);
  }
  return out;
}

/**
 * A directory object in a `directoryObjects` collection (members, memberOf, sponsors): `$select` may name a property
 * of any type such a collection holds, and each object shows the ones its own type has; its `@odata.type` stays.
 */
export function projectTyped(row: Row, select: string | null, defaults: string[]): Row {
  const type = typeof row['@odata.type'] === 'string' ? (row['@odata.type'] as string) : undefined;
  const own = graphType(type?.replace('#microsoft.graph.', '') ?? 'directoryObject');
  const out: Row = type ? { '@odata.type': type } : {};
  for (const name of select ? ['id', ...names(select)] : defaults.filter((n) => !n.startsWith('@'))) {
    const key = name.toLowerCase();
    if (select && !DIRECTORY_OBJECT_TYPES.some((t) => graphType(t).has(key))) throw unknownProperty(name, 'directoryObject');
    const p = own.get(key);
    if (p && !p.navigation) out[p.name] = shownValue(row, p, name);
  }
  return out;
}
