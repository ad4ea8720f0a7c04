import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '../paths.ts';

/**
 * Which properties a Graph type has, read from Microsoft's own description of v1.0 (the OpenAPI subset generated from
 * the CSDL, ../shared/contracts/graph), so `$select` is refused or answered as Graph would without a hand-kept list.
 */
interface Schema {
  allOf?: Schema[];
  $ref?: string;
  properties?: Record<string, { type?: string; 'x-ms-navigationProperty'?: boolean }>;
}

export interface GraphProperty {
  /** As Graph spells it; `$select` names are matched without regard to case. */
  name: string;
  /** A collection: Graph answers `[]` for an empty one, never `null`. */
  collection: boolean;
  /** A relationship (`manager`, `memberOf`): selectable, but answered only through `$expand` or its own path. */
  navigation: boolean;
}

export type GraphType = Map<string, GraphProperty>;

const schemas = (
  JSON.parse(readFileSync(join(contractsDir, 'graph', 'graph-v1.0.subset.json'), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  }
).components.schemas;

function collect(schema: Schema | undefined, into: GraphType): void {
  if (!schema) return;
  if (schema.$ref) collect(schemas[schema.$ref.replace('#/components/schemas/', '')], into);
  for (const part of schema.allOf ?? []) collect(part, into);
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    if (name.startsWith('@')) continue;
    into.set(name.toLowerCase(), { name, collection: p.type === 'array', navigation: !!p['x-ms-navigationProperty'] });
  }
}

const cache = new Map<string, GraphType>();

/** The properties of `microsoft.graph.{name}`, its base types' included. */
export function graphType(name: string): GraphType {
  let type = cache.get(name);
  if (!type) {
    const schema = schemas[`microsoft.graph.${name}`];
    if (!schema) throw new Error(`microsoft.graph.${name} is not in the Graph contract`);
    type = new Map();
    collect(schema, type);
    cache.set(name, type);
  }
  return type;
}

/** What a collection of directory objects may hold here: `$select` there may name a property of any of them. */
export const DIRECTORY_OBJECT_TYPES = ['user', 'group', 'directoryRole'];
