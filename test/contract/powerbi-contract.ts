import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CONTRACTS } from './graph-contract.ts';

/** Power BI's Swagger 2.0 subset: schemas of the operations' bodies and 200 responses, checked with Ajv. */
export function powerBiContract() {
  const doc = JSON.parse(readFileSync(join(CONTRACTS, 'powerbi', 'powerbi.subset.json'), 'utf8')) as {
    paths: Record<
      string,
      Record<string, { responses?: Record<string, { schema?: object }>; parameters?: { in: string; schema?: object }[] }>
    >;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'pbi');
  const compiled = new Map<object, ValidateFunction>();
  const check = (schema: object | undefined, data: unknown): string[] => {
    if (!schema) return [];
    const ref = (schema as { $ref?: string }).$ref;
    const v = compiled.get(schema) ?? ajv.compile(ref ? { $ref: `pbi${ref}` } : schema);
    compiled.set(schema, v);
    return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
  return {
    response: (template: string, method: string, status: number, body: unknown) =>
      check(doc.paths[template]?.[method]?.responses?.[String(status)]?.schema, body),
    request: (template: string, method: string, body: unknown) =>
      check(doc.paths[template]?.[method]?.parameters?.find((p) => p.in === 'body')?.schema, body),
  };
}
