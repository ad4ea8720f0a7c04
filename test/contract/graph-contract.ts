import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation } from 'openapi-backend';

export const CONTRACTS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'contracts');
const LOOSE_FORMATS = ['base64url', 'decimal', 'uint8', 'int8', 'int16', 'int32', 'int64', 'uuid', 'duration', 'double', 'float', 'time'];

type Json = Record<string, unknown>;

/** Graph's OpenAPI subset, with the `@odata.type` required marker stripped (msgraph-metadata#1166, contracts README). */
function loadGraphDocument(): Json {
  const text = readFileSync(join(CONTRACTS, 'graph', 'graph-v1.0.subset.json'), 'utf8');
  return JSON.parse(text, (_k, v) => {
    if (v && Array.isArray(v.required)) v.required = v.required.filter((r: string) => r !== '@odata.type');
    return v;
  }) as Json;
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

export async function graphContract(): Promise<ContractCheck> {
  const doc = loadGraphDocument();
  const api = new OpenAPIBackend({ definition: doc as never, strict: false, quick: false, customizeAjv: (a) => {
    for (const f of [...LOOSE_FORMATS, 'date-time', 'date']) a.addFormat(f, true);
    return a;
  } });
  await api.init();
  const ajv = newAjv();
  ajv.addSchema(doc, 'graph');
  const batch = JSON.parse(readFileSync(join(CONTRACTS, 'graph', 'graph-json-batch.schema.json'), 'utf8')) as Json;
  ajv.addSchema(batch, 'batch');
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string) => {
    let v = compiled.get(ref);
    if (!v) compiled.set(ref, (v = ajv.compile({ $ref: ref })));
    return v;
  };
  const errors = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  const operation = (method: string, path: string): Operation | undefined =>
    api.matchOperation({ method, path: path.replace(/^\/v1\.0/, ''), headers: {} }) as Operation | undefined;

  /** The schema `$ref` of a response status (exact, then 2XX/4XX/5XX), following `#/components/responses`. */
  const responseSchemaRef = (op: Operation, status: number): string | undefined => {
    const responses = op.responses as Record<string, Json> | undefined;
    let r = responses?.[String(status)] ?? responses?.[`${String(status)[0]}XX`] ?? responses?.default;
    const ref = r?.$ref as string | undefined;
    if (ref) r = (doc.components as Json & { responses: Record<string, Json> }).responses[ref.split('/').pop() as string];
    const schema = ((r?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as Json | undefined;
    return schema?.$ref ? `graph${schema.$ref as string}` : undefined;
  };

  return {
    request(method, path, query, contentType, body) {
      if (path === '/v1.0/$batch') {
        const v = validator('batch#/definitions/batchRequest');
        return v(body) ? [] : errors(v);
      }
      if (!operation(method, path)) return [`${method} ${path} is not an operation of Graph v1.0 in the contract`];
      const result = api.validateRequest({
        method, path: `${path.replace(/^\/v1\.0/, '')}${query ? `?${query}` : ''}`,
        headers: { 'content-type': contentType ?? 'application/json' }, body,
      });
      return result.valid ? [] : (result.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    },
    response(method, path, status, body) {
      if (path === '/v1.0/$batch' && status === 200) {
        const v = validator('batch#/definitions/batchResponse');
        return v(body) ? [] : errors(v);
      }
      const op = path === '/v1.0/$batch' ? undefined : operation(method, path);
      const ref = op ? responseSchemaRef(op, status) : status >= 400 ? 'graph#/components/schemas/microsoft.graph.ODataErrors.ODataError' : undefined;
      if (!ref) return body === undefined || body === null ? [] : [`no schema for ${method} ${path} ${status}`];
      const v = validator(ref);
      return v(body) ? [] : errors(v);
    },
  };
}
