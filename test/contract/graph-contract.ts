import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { governanceAdditions } from './graph-governance.ts';

export const CONTRACTS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'contracts');
const LOOSE_FORMATS = [
  'base64url',
  'decimal',
  'uint8',
  'int8',
  'int16',
  'int32',
  'int64',
  'uuid',
  'duration',
  'double',
  'float',
  'time',
];

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; items?: { enum?: string[] } };
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: Json;
  responses?: Record<string, Json>;
}

/** `/users/{user-id}` -> a regular expression matching `/users/abc`. */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** A user, as Graph answers one read or restored from Deleted users; its errors, an ODataError. */
const USER_ANSWER = {
  '2XX': { content: { 'application/json': { schema: { $ref: '#/components/schemas/microsoft.graph.user' } } } },
  '4XX': { $ref: '#/components/responses/error' },
};

/**
 * Deleted items, which the subset predates, written from Learn (directory-deleteditems-get: OData query parameters;
 * directory-deleteditems-restore: the optional autoReconcileProxyConflict and newUserPrincipalName, 200 with the
 * directoryObject). The extension reads and restores users only, so the answer is held to the user schema.
 */
const DELETED_ITEMS = {
  '/directory/deletedItems/{directoryObject-id}': {
    get: {
      parameters: [{ name: '$select', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
      responses: USER_ANSWER,
    },
  },
  '/directory/deletedItems/{directoryObject-id}/restore': {
    post: {
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { autoReconcileProxyConflict: { type: 'boolean' }, newUserPrincipalName: { type: 'string' } },
              additionalProperties: false,
            },
          },
        },
      },
      responses: USER_ANSWER,
    },
  },
};

/**
 * Reading another organization by tenant id, which the subset leaves out: the path as Learn writes the request
 * (tenantrelationship-findtenantinformationbytenantid), the answer held to tenantInformation as the CSDL under
 * ../shared/contracts/graph/v1.0.csdl.xml defines it (tenantId not nullable; the other three nullable strings).
 * Learn documents no error; any error is held to ODataError, as every Graph error is.
 */
const TENANT_INFORMATION = {
  "/tenantRelationships/findTenantInformationByTenantId(tenantId='{tenantId}')": {
    get: {
      responses: {
        '2XX': {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['tenantId'],
                properties: {
                  '@odata.context': { type: 'string' },
                  tenantId: { type: 'string' },
                  displayName: { type: 'string', nullable: true },
                  defaultDomainName: { type: 'string', nullable: true },
                  federationBrandName: { type: 'string', nullable: true },
                },
                additionalProperties: false,
              },
            },
          },
        },
        '4XX': { $ref: '#/components/responses/error' },
      },
    },
  },
};

/**
 * Extracts kept beside these tests for operations the subset predates (each names the Learn pages it was written
 * from in `x-extract-of`): their paths and schemas join the subset's.
 */
const LOCAL_EXTRACTS = join(import.meta.dirname, 'graph');

function addExtracts(doc: Json): void {
  const schemas = (doc.components as { schemas: Json }).schemas;
  for (const file of readdirSync(LOCAL_EXTRACTS).filter((f) => f.endsWith('.json'))) {
    const extract = JSON.parse(readFileSync(join(LOCAL_EXTRACTS, file), 'utf8')) as {
      paths: Json;
      components: { schemas: Json };
    };
    Object.assign(doc.paths as Json, extract.paths);
    Object.assign(schemas, extract.components.schemas);
  }
}

/** Graph's OpenAPI subset, with the `@odata.type` required marker stripped (msgraph-metadata#1166, contracts README). */
function loadGraphDocument(): Json {
  const text = readFileSync(join(CONTRACTS, 'graph', 'graph-v1.0.subset.json'), 'utf8');
  const doc = JSON.parse(text, (_k, v) => {
    if (v && Array.isArray(v.required)) v.required = v.required.filter((r: string) => r !== '@odata.type');
    return v;
  }) as Json;
  const governance = governanceAdditions(CONTRACTS, (doc.components as { schemas: Json }).schemas);
  Object.assign(doc.paths as Json, DELETED_ITEMS, TENANT_INFORMATION, governance.paths);
  addExtracts(doc);
  Object.assign((doc.components as { schemas: Json }).schemas, governance.schemas);
  return doc;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of LOOSE_FORMATS) ajv.addFormat(f, true);
  return ajv;
}

export interface ContractCheck {
  /** Problems with a request, or an empty list. */
  request(method: string, path: string, query: string, contentType: string | undefined, body: unknown): string[];
  /** Problems with a response, or an empty list. */
  response(method: string, path: string, status: number, body: unknown): string[];
}

export function graphContract(): ContractCheck {
  const doc = loadGraphDocument();
  const paths = Object.entries(doc.paths as Record<string, Record<string, Operation>>).map(([template, item]) => ({
    pattern: pathPattern(template),
    item,
  }));
  const components = doc.components as Record<string, Record<string, Json>>;
  const deref = <T>(x: T | { $ref: string }): T => {
    const ref = (x as { $ref?: string }).$ref;
    if (!ref) return x as T;
    const [, , kind = '', name = ''] = ref.split('/');
    return components[kind]?.[name] as T;
  };
  const ajv = newAjv();
  ajv.addSchema(doc, 'graph');
  const batch = JSON.parse(readFileSync(join(CONTRACTS, 'graph', 'graph-json-batch.schema.json'), 'utf8')) as Json;
  ajv.addSchema(batch, 'batch');
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string) => {
    const v = compiled.get(ref) ?? ajv.compile({ $ref: ref });
    compiled.set(ref, v);
    return v;
  };
  const errors = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  const operation = (method: string, path: string): Operation | undefined => {
    const bare = path.replace(/^\/v1\.0/, '');
    // Literal paths (/users/delta) win over templates (/users/{user-id}), as in OpenAPI routing.
    const matches = paths.filter((p) => p.pattern.test(bare) && p.item[method.toLowerCase()]);
    matches.sort((a, b) => a.pattern.source.split('[^/]+').length - b.pattern.source.split('[^/]+').length);
    return matches[0]?.item[method.toLowerCase()];
  };

  /** Property names of a schema, following `allOf` inheritance (user -> directoryObject -> entity). */
  const propertyNames = (schema: Json | undefined): string[] => {
    if (!schema) return [];
    const s = schema.$ref ? components.schemas?.[(schema.$ref as string).split('/').pop() as string] : schema;
    return [
      ...Object.keys((s?.properties as Json | undefined) ?? {}),
      ...((s?.allOf as Json[] | undefined) ?? []).flatMap(propertyNames),
    ];
  };

  /**
   * What `$select` may name: the properties of the entity the operation returns (the items of a collection). A list of
   * directoryObjects (a group's members) holds users and groups, and Graph answers their own properties when asked
   * (`members?$select=id,displayName,userPrincipalName`), so theirs may be named too.
   */
  const DERIVED: Record<string, string[]> = {
    'microsoft.graph.directoryObject': ['microsoft.graph.user', 'microsoft.graph.group'],
  };
  const selectable = (op: Operation): string[] => {
    const ref = responseSchemaRef(op, 200)?.replace(/^graph/, '');
    const schema = ref ? { $ref: ref } : undefined;
    const items = ((components.schemas?.[ref?.split('/').pop() ?? ''] as Json | undefined)?.allOf as Json[] | undefined)
      ?.map((part) => ((part.properties as Json | undefined)?.value as Json | undefined)?.items as Json | undefined)
      .find(Boolean);
    const derived = DERIVED[((items?.$ref as string | undefined) ?? '').split('/').pop() ?? ''] ?? [];
    return [...propertyNames(items ?? schema), ...derived.flatMap((d) => propertyNames({ $ref: `#/components/schemas/${d}` }))];
  };

  /** OData query options must be declared by the operation; `$select` names must be properties it knows. */
  const queryProblems = (op: Operation, query: string): string[] => {
    const declared = new Map(
      (op.parameters ?? [])
        .map(deref<Parameter>)
        .filter((p) => p.in === 'query')
        .map((p) => [p.name, p]),
    );
    const problems: string[] = [];
    for (const [name, value] of new URLSearchParams(query)) {
      // Graph's OpenAPI declares no `$skiptoken`: it arrives in an `@odata.nextLink`, which is followed as given.
      if (name === '$skiptoken') continue;
      const p = declared.get(name);
      if (!p) {
        problems.push(`query option ${name} is not declared`);
        continue;
      }
      const allowed = p.schema?.items?.enum ?? (name === '$select' ? selectable(op) : undefined);
      if (allowed && p.schema?.type === 'array') {
        for (const v of value.split(',')) if (!allowed.includes(v)) problems.push(`${name} names unknown value ${v}`);
      }
    }
    return problems;
  };

  const bodyProblems = (op: Operation, body: unknown): string[] => {
    const requestBody = op.requestBody ? deref<Json>(op.requestBody) : undefined;
    const schema = ((requestBody?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as
      | Json
      | undefined;
    if (!schema) return body === undefined ? [] : ['the operation takes no body'];
    if (body === undefined) return requestBody?.required ? ['the body is required'] : [];
    const v = validator(schemaRef(schema));
    return v(body) ? [] : errors(v);
  };

  /** A ref Ajv can compile: the document's own, or an inline schema registered once with its refs pointed at it. */
  const inline = new Map<string, string>();
  function schemaRef(schema: Json): string {
    if (schema.$ref) return `graph${schema.$ref as string}`;
    const text = JSON.stringify(schema);
    let id = inline.get(text);
    if (!id) {
      id = `inline-${inline.size}`;
      ajv.addSchema(JSON.parse(text.replaceAll('"#/components/', '"graph#/components/')), id);
      inline.set(text, id);
    }
    return id;
  }

  /** The schema of a response status (exact, then 2XX/4XX/5XX), following `#/components/responses`; as a ref Ajv knows. */
  const responseSchemaRef = (op: Operation, status: number): string | undefined => {
    const responses = op.responses as Record<string, Json> | undefined;
    let r = responses?.[String(status)] ?? responses?.[`${String(status)[0]}XX`] ?? responses?.default;
    const ref = r?.$ref as string | undefined;
    if (ref) r = (doc.components as Json & { responses: Record<string, Json> }).responses[ref.split('/').pop() as string];
    const schema = ((r?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as Json | undefined;
    return schema ? schemaRef(schema) : undefined;
  };

  return {
    request(method, path, query, contentType, body) {
      if (path === '/v1.0/$batch') {
        const v = validator('batch#/definitions/batchRequest');
        return v(body) ? [] : errors(v);
      }
      const op = operation(method, path);
      if (!op) return [`${method} ${path} is not an operation of Graph v1.0 in the contract`];
      const type =
        body !== undefined && contentType && !contentType.startsWith('application/json') ? [`content type ${contentType}`] : [];
      return [...type, ...queryProblems(op, query), ...bodyProblems(op, body)];
    },
    response(method, path, status, body) {
      if (path === '/v1.0/$batch' && status === 200) {
        const v = validator('batch#/definitions/batchResponse');
        return v(body) ? [] : errors(v);
      }
      if (status === 204) return body === undefined || body === null ? [] : ['204 No Content came with a body'];
      const op = path === '/v1.0/$batch' ? undefined : operation(method, path);
      const ref = op
        ? responseSchemaRef(op, status)
        : status >= 400
          ? 'graph#/components/schemas/microsoft.graph.ODataErrors.ODataError'
          : undefined;
      if (!ref) return body === undefined || body === null ? [] : [`no schema for ${method} ${path} ${status}`];
      const v = validator(ref);
      return v(body) ? [] : errors(v);
    },
  };
}
