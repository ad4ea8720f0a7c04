import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/**
 * Graph's access reviews (issue 27), which ../shared/contracts/graph/graph-v1.0.subset.json leaves out: the schemas
 * read here from Microsoft's own CSDL beside it (graph/v1.0.csdl.xml, msgraph-metadata clean_v10_metadata
 * cleanMetadata.xml @ 84c1cb51) the way the subset's generator writes them (`microsoft.graph.*` names, `allOf` on the
 * base type, every property nullable unless `Nullable="false"`, Edm types as the subset writes them); the operations
 * as their Learn pages give them (microsoft-graph-docs-contrib api-reference/v1.0/api: accessreviewset-list-definitions
 * with `$top`, `$skip`, `$filter`, `$select`, `$orderby`; accessreviewset-post-definitions, 201 with the definition;
 * accessreviewscheduledefinition-get; accessreviewscheduledefinition-list-instances; accessreviewinstance-list-decisions;
 * accessreviewinstance-applydecisions, no body, 204). Navigation properties are left out, as the answers carry none.
 */

/** The CSDL types the operations name; what those reach is read too, unless the subset has it (entity, userIdentity...). */
const ROOTS = ['accessReviewScheduleDefinition', 'accessReviewInstance', 'accessReviewInstanceDecisionItem'];

const EDM: Record<string, Json> = {
  'Edm.String': { type: 'string' },
  'Edm.Boolean': { type: 'boolean' },
  'Edm.Int32': { type: 'number', format: 'int32' },
  'Edm.DateTimeOffset': { type: 'string', format: 'date-time' },
  'Edm.Date': { type: 'string', format: 'date' },
  'Edm.Duration': { type: 'string', format: 'duration' },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/microsoft.graph.${name}` });

function propertySchema(type: string, nullable: boolean): Json {
  const collection = /^Collection\((.+)\)$/.exec(type);
  const inner = collection?.[1] ?? type;
  const one = EDM[inner] ?? ref(inner.replace(/^graph\./, ''));
  if (collection) return { type: 'array', items: one };
  if ('$ref' in one) return nullable ? { anyOf: [one, { type: 'object', nullable: true }] } : one;
  return nullable ? { ...one, nullable: true } : one;
}

/** One type of the CSDL's `microsoft.graph` schema as the subset's generator writes it. */
function typeSchema(csdl: string, name: string): Json {
  const members = new RegExp(`<EnumType Name="${name}"[^>]*>([\\s\\S]*?)</EnumType>`).exec(csdl)?.[1];
  if (members) return { title: name, type: 'string', enum: [...members.matchAll(/<Member Name="([^"]+)"/g)].map((m) => m[1]) };
  const open = new RegExp(`<(EntityType|ComplexType) Name="${name}"([^>]*?)(/?)>`).exec(csdl);
  if (!open) throw new Error(`${name} is not in the CSDL`);
  const base = /BaseType="graph\.([^"]+)"/.exec(open[2] ?? '')?.[1];
  const body = open[3] ? '' : csdl.slice(open.index, csdl.indexOf(`</${open[1]}>`, open.index));
  const properties: Json = {};
  for (const p of body.matchAll(/<Property Name="([^"]+)" Type="([^"]+)"( Nullable="false")?/g))
    properties[p[1] as string] = propertySchema(p[2] as string, !p[3]);
  properties['@odata.type'] = { type: 'string' };
  const own = { title: name, type: 'object', properties };
  return base ? { allOf: [ref(base), own] } : own;
}

const collection = (name: string): Json => ({
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          '@odata.context': { type: 'string' },
          '@odata.nextLink': { type: 'string', nullable: true },
          '@odata.count': { type: 'number', nullable: true },
          value: { type: 'array', items: ref(name) },
        },
      },
    },
  },
});
const one = (name: string): Json => ({ content: { 'application/json': { schema: ref(name) } } });
const ERRORS = { '4XX': { $ref: '#/components/responses/error' }, '5XX': { $ref: '#/components/responses/error' } };
const option = (name: string, schema: Json) => ({ name, in: 'query', schema });
const ARRAY = { type: 'array', items: { type: 'string' } };
const LIST_OPTIONS = [
  { $ref: '#/components/parameters/top' },
  { $ref: '#/components/parameters/skip' },
  { $ref: '#/components/parameters/filter' },
  option('$select', ARRAY),
  option('$orderby', ARRAY),
];

const DEF = '/identityGovernance/accessReviews/definitions';
const ONE = `${DEF}/{accessReviewScheduleDefinition-id}`;
const INSTANCE = `${ONE}/instances/{accessReviewInstance-id}`;

/** The access review paths and the schemas they reach, to merge into the subset's document. */
export function governanceAdditions(contracts: string, known: Json): { paths: Json; schemas: Json } {
  const csdl = readFileSync(join(contracts, 'graph', 'v1.0.csdl.xml'), 'utf8');
  const schemas: Json = {};
  const wanted = [...ROOTS];
  for (let name = wanted.pop(); name; name = wanted.pop()) {
    const key = `microsoft.graph.${name}`;
    if (key in known || key in schemas) continue;
    schemas[key] = typeSchema(csdl, name);
    for (const m of JSON.stringify(schemas[key]).matchAll(/#\/components\/schemas\/microsoft\.graph\.([A-Za-z]+)/g))
      wanted.push(m[1] as string);
  }
  const definition = 'accessReviewScheduleDefinition';
  const paths = {
    [DEF]: {
      get: { parameters: LIST_OPTIONS, responses: { '2XX': collection(definition), ...ERRORS } },
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: ref(definition) } } },
        responses: { '2XX': one(definition), ...ERRORS },
      },
    },
    [ONE]: { get: { parameters: [option('$select', ARRAY)], responses: { '2XX': one(definition), ...ERRORS } } },
    [`${ONE}/instances`]: {
      get: { parameters: LIST_OPTIONS, responses: { '2XX': collection('accessReviewInstance'), ...ERRORS } },
    },
    [INSTANCE]: { get: { parameters: [option('$select', ARRAY)], responses: { '2XX': one('accessReviewInstance'), ...ERRORS } } },
    [`${INSTANCE}/decisions`]: {
      get: { parameters: LIST_OPTIONS, responses: { '2XX': collection('accessReviewInstanceDecisionItem'), ...ERRORS } },
    },
    [`${INSTANCE}/applyDecisions`]: { post: { responses: { '204': { description: 'Success' }, ...ERRORS } } },
  };
  return { paths, schemas };
}
