import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CONTRACTS } from './graph-contract.ts';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  [constraint: string]: unknown;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  responses: Record<string, { schema?: Json }>;
  consumes?: string[];
}

interface Route {
  version: string;
  pattern: RegExp;
  /** Path parameters in the order the pattern captures them. */
  names: string[];
  /** A scope-like parameter that spans segments, which ARM's own validator ranks below fixed templates. */
  spans: boolean;
  literal: number;
  method: string;
  op: Operation;
  /** Where the operation sits, as a ref Ajv can resolve: `file:///…json#/paths/…/put`. */
  at: string;
  consumes: string[];
}

const pointer = (...keys: string[]) =>
  keys.map((k) => `/${encodeURIComponent(k.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');

/**
 * Extracts kept beside these tests, for operations added after ../shared/contracts was made (each names its source
 * file and commit in `info.x-extract-of`): the access reviews at a scope, from azure-rest-api-specs
 * authorization-AccessReviewCalls.json (2021-12-01-preview) @ 65ee5e20b40a1cdce2af21ef7605ee4de10dd78f.
 */
const LOCAL_EXTRACTS = join(import.meta.dirname, 'arm');

/** The swagger files under ../shared/contracts/arm, keyed by file URL so relative `$ref`s resolve as they do upstream. */
function loadDocuments(): Map<string, Json> {
  const read = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(dir, f));
  // The example files that x-ms-examples point at were not copied.
  return new Map(
    [...read(join(CONTRACTS, 'arm')), ...read(LOCAL_EXTRACTS)].map((file) => [
      pathToFileURL(file).href,
      JSON.parse(readFileSync(file, 'utf8'), (k, v) => (k === 'x-ms-examples' ? undefined : v)) as Json,
    ]),
  );
}

/** Every schema of a document, children before parents, with its `#/definitions/…` URL when it has one. */
function eachSchema(url: string, doc: Json, visit: (s: Json, definition?: string) => void): void {
  const walk = (s: unknown, definition?: string) => {
    if (!s || typeof s !== 'object') return;
    const schema = s as Json;
    for (const p of Object.values((schema.properties as Json | undefined) ?? {})) walk(p);
    walk(schema.items);
    walk(schema.additionalProperties);
    for (const a of (schema.allOf as Json[] | undefined) ?? []) walk(a);
    visit(schema, definition);
  };
  for (const [name, s] of Object.entries((doc.definitions as Json | undefined) ?? {}))
    walk(s, `${url}#${pointer('definitions', name)}`);
  for (const p of Object.values((doc.parameters as Record<string, Json> | undefined) ?? {})) walk(p.schema);
  for (const item of Object.values((doc.paths as Record<string, Record<string, Operation>> | undefined) ?? {})) {
    for (const op of Object.values(item)) {
      for (const p of op.parameters ?? []) walk((p as Json).schema);
      for (const r of Object.values(op.responses ?? {})) walk(r.schema);
    }
  }
}

/**
 * Reads the schemas the way Azure's own traffic validator (Azure/oav, lib/transform) does, so that what passes here
 * would pass there: a property that is not required may be null unless it says `x-nullable: false`, and an object
 * that lists its properties has no others (unless it takes part in `allOf` inheritance or a discriminator).
 */
function asArmValidates(docs: Map<string, Json>): void {
  const bases = new Set<string>();
  for (const [url, doc] of docs) {
    eachSchema(url, doc, (s) => {
      for (const a of (s.allOf as { $ref?: string }[] | undefined) ?? []) if (a.$ref) bases.add(new URL(a.$ref, url).href);
    });
  }
  for (const [url, doc] of docs) {
    eachSchema(url, doc, (s, definition) => {
      const properties = s.properties as Record<string, Json> | undefined;
      if (!properties || Object.keys(properties).length === 0) return;
      const required = (s.required as string[] | undefined) ?? [];
      for (const [name, p] of Object.entries(properties)) {
        const nullable = p['x-nullable'] ?? !required.includes(name);
        if (nullable) properties[name] = { if: { type: 'null' }, else: p };
      }
      const inherits = s.allOf || s.discriminator || (definition && bases.has(definition));
      if (s.additionalProperties === undefined && !inherits) s.additionalProperties = false;
    });
  }
}

function newAjv(options: Options = {}): Ajv {
  // unicodeRegExp off: ARM's patterns (`^[-\w\._\(\)]+$`) escape characters that a `u` regular expression rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, ...options });
  addFormats(ajv);
  for (const f of ['int32', 'int64']) ajv.addFormat(f, true);
  return ajv;
}

/** Requests must not carry what the service sets itself (oav's READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST). */
function rejectReadOnly(ajv: Ajv): Ajv {
  ajv.removeKeyword('readOnly');
  const readOnly = (isReadOnly: boolean) => {
    readOnly.errors = isReadOnly
      ? [{ keyword: 'readOnly', message: 'is read-only: the service sets it, a request must not' }]
      : [];
    return !isReadOnly;
  };
  readOnly.errors = [] as Partial<ErrorObject>[];
  ajv.addKeyword({ keyword: 'readOnly', schemaType: 'boolean', errors: true, validate: readOnly });
  return ajv;
}

function explain(e: ErrorObject): string {
  const where = e.instancePath || '/';
  if (e.keyword === 'enum') return `${where} ${e.message}: ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'additionalProperties')
    return `${where} has ${e.params.additionalProperty}, which the schema does not describe`;
  return `${where} ${e.message}`;
}

/**
 * Where ARM answers more than its swagger says (the real service is followed, ../shared guide):
 * - The PIM instance lists are answered at the tenant root (`/providers/Microsoft.Authorization/…?$filter=asTarget()`,
 *   an empty scope), which the `/{scope}/…` template cannot express; the Azure portal's "My roles" and
 *   learn.microsoft.com "List Azure role eligibility schedule instances" (REST, "asTarget()") list them so.
 * - Role management policy assignments take `$filter=roleDefinitionId eq '…'` though 2020-10-01 declares no
 *   `$filter`; PIM clients filter them so against live ARM (kayasax/EasyPIM, Get-PIMAzureResourcePolicy).
 */
/**
 * - An access review's `scope` (AccessReviewScope: `principalType` `guestUser`, `includeInheritedAccess`, …) is marked
 *   read-only, yet it is the only way to say whose access is reviewed, and the swagger's own PUT example
 *   (examples/PutAccessReviewScheduleDefinition.json @ 3873f33d) sends it: it is taken in a request.
 */
const SENT_THOUGH_READ_ONLY: Record<string, RegExp> = {
  ScopeAccessReviewScheduleDefinitions_CreateOrUpdateById: /^\/scope(\/[A-Za-z]+)? is read-only/,
};
const AT_ROOT = new Set(['RoleEligibilityScheduleInstances_ListForScope', 'RoleAssignmentScheduleInstances_ListForScope']);
const UNDECLARED_QUERY: Record<string, string[]> = { RoleManagementPolicyAssignments_ListForScope: ['$filter'] };
/** A list's `nextLink` is followed as given (`x-ms-pageable`): its `$skiptoken` is the service's, declared or not. */
const NEXT_LINK_QUERY = '$skiptoken';

/** `/{scope}/providers/…/roleAssignments/{roleAssignmentName}` -> a pattern; ARM matches paths case-insensitively. */
function route(version: string, template: string, method: string, op: Operation, at: string, consumes: string[]): Route {
  const names: string[] = [];
  const spans = template.startsWith('/{');
  const root = spans && AT_ROOT.has(op.operationId);
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part, i) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      // Only a parameter that opens the path (a scope) may hold slashes, as in oav's pathRegexTransformer.
      return spans && i === 1 ? '(.+)' : '([^/]+)';
    })
    .join('')
    // At the root the scope is empty: `/providers/…`, not `//providers/…`.
    .replace(/^\/\(\.\+\)/, (scope) => (root ? '(?:/(.+))?' : scope));
  const literal = template.replace(/\{[^}]+\}/g, '').length;
  return { version, pattern: new RegExp(`^${source}$`, 'i'), names, spans, literal, method, op, at, consumes };
}

export interface ArmContractCheck {
  /** Problems with a request, or an empty list. */
  request(method: string, path: string, query: string, contentType: string | undefined, body: unknown): string[];
  /** Problems with a response, or an empty list. */
  response(method: string, path: string, query: string, status: number, body: unknown): string[];
}

export function armContract(): ArmContractCheck {
  const docs = loadDocuments();
  asArmValidates(docs);
  const requests = rejectReadOnly(newAjv());
  const responses = newAjv();
  for (const [url, doc] of docs) {
    requests.addSchema({ ...doc, $id: url });
    responses.addSchema({ ...doc, $id: url });
  }
  const params = newAjv({ coerceTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  const check = (ajv: Ajv, ref: string, data: unknown): string[] => {
    const key = `${ajv === requests ? 'request' : 'response'} ${ref}`;
    const v = compiled.get(key) ?? ajv.compile({ $ref: ref });
    compiled.set(key, v);
    // A failed `if: {type: null}` only says the value was not null; the `else` errors say what is wrong.
    return v(data) ? [] : (v.errors ?? []).filter((e) => e.keyword !== 'if').map(explain);
  };

  // Templates that are a lone id parameter (`/{roleAssignmentId}`, x-ms-paths' `/{roleId}`) would match any URL;
  // their ids are documented as the scoped template's path, which is matched instead.
  const routes: Route[] = [];
  for (const [url, doc] of docs) {
    const version = (doc.info as { version: string }).version;
    for (const [template, item] of Object.entries((doc.paths as Record<string, Record<string, Operation>> | undefined) ?? {})) {
      if (/^\/\{[^}]+\}$/.test(template)) continue;
      for (const [method, op] of Object.entries(item)) {
        const consumes = op.consumes ?? (doc.consumes as string[] | undefined) ?? ['application/json'];
        routes.push(route(version, template, method.toUpperCase(), op, `${url}#${pointer('paths', template, method)}`, consumes));
      }
    }
  }
  // oav's priority: templates without a scope first, then the one with the most literal text.
  routes.sort((a, b) => Number(a.spans) - Number(b.spans) || b.literal - a.literal);

  /** The operation for this method, path and api-version, or why there is none. */
  const find = (method: string, path: string, query: string): { r?: Route; values?: string[]; problem?: string } => {
    const matches = routes.filter((r) => r.method === method && r.pattern.test(path));
    if (matches.length === 0) return { problem: `${method} ${path} is not an ARM operation in the contract` };
    const version = new URLSearchParams(query).get('api-version');
    const r = matches.find((m) => m.version === version);
    if (!r) {
      const known = [...new Set(matches.map((m) => m.version))].join(', ');
      return {
        problem: `api-version ${version ?? '(none)'} is not one the contract describes for ${matches[0]?.op.operationId} (${known})`,
      };
    }
    return {
      r,
      values: r.pattern
        .exec(path)
        ?.slice(1)
        .map((v) => decodeURIComponent(v ?? '')),
    };
  };

  /** A parameter, following a `$ref` into whichever file holds it; with its location for Ajv. */
  const parameter = (r: Route, p: Parameter | { $ref: string }, i: number): { p: Parameter; at: string } => {
    const ref = (p as { $ref?: string }).$ref;
    if (!ref) return { p: p as Parameter, at: `${r.at}${pointer('parameters', String(i))}` };
    const at = new URL(ref, r.at).href;
    const [file = '', fragment = ''] = at.split('#');
    const found = fragment
      .split('/')
      .slice(1)
      .reduce<unknown>(
        (node, k) => (node as Json | undefined)?.[decodeURIComponent(k).replaceAll('~1', '/').replaceAll('~0', '~')],
        docs.get(file),
      );
    return { p: found as Parameter, at };
  };

  const paramProblem = (p: Parameter, value: string): string[] => {
    const keep = ['type', 'format', 'pattern', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum'];
    const schema = {
      type: 'object',
      properties: { value: Object.fromEntries(Object.entries(p).filter(([k]) => keep.includes(k))) },
    };
    const key = `param ${JSON.stringify(schema)}`;
    const v = compiled.get(key) ?? params.compile(schema);
    compiled.set(key, v);
    return v({ value }) ? [] : (v.errors ?? []).map((e) => `${p.in} parameter ${p.name} ${explain(e).replace(/^\/value /, '')}`);
  };

  return {
    request(method, path, query, contentType, body) {
      const { r, values, problem } = find(method, path, query);
      if (!r || !values) return [problem ?? 'no operation'];
      const problems: string[] = [];
      const sent = new URLSearchParams(query);
      const declared = (r.op.parameters ?? []).map((p, i) => parameter(r, p, i));
      for (const { p, at } of declared) {
        if (p.in === 'path') problems.push(...paramProblem(p, values[r.names.indexOf(p.name)] ?? ''));
        if (p.in === 'query' && sent.has(p.name)) problems.push(...paramProblem(p, sent.get(p.name) ?? ''));
        if (p.in === 'query' && p.required && !sent.has(p.name)) problems.push(`query parameter ${p.name} is required`);
        if (p.in === 'body' && body === undefined && p.required) problems.push('the body is required');
        if (p.in === 'body' && body !== undefined) problems.push(...check(requests, `${at}/schema`, body));
      }
      for (const name of new Set(sent.keys())) {
        if (name === NEXT_LINK_QUERY || UNDECLARED_QUERY[r.op.operationId]?.includes(name)) continue;
        if (!declared.some(({ p }) => p.in === 'query' && p.name === name))
          problems.push(`query parameter ${name} is not declared`);
      }
      if (body !== undefined && !declared.some(({ p }) => p.in === 'body')) problems.push('the operation takes no body');
      const readOnlySent = SENT_THOUGH_READ_ONLY[r.op.operationId];
      if (readOnlySent) return problems.filter((p) => !readOnlySent.test(p));
      if (body !== undefined && contentType && !r.consumes.some((c) => contentType.startsWith(c))) {
        problems.push(`content type ${contentType} is not one of ${r.consumes.join(', ')}`);
      }
      return problems;
    },
    response(method, path, query, status, body) {
      const { r } = find(method, path, query);
      const declared = r?.op.responses[String(status)] ? String(status) : status >= 400 ? 'default' : undefined;
      // An expired token is refused by ARM's front door before any provider sees the call: its answer has the common
      // shape, not the provider's own error definition (Subscriptions' CloudError nests ErrorResponse a level deeper).
      if (!r || !declared || !r.op.responses[declared] || status === 401) {
        // Errors from ARM's front door (no such operation, bad api-version, expired token) have the common shape.
        const types = [...docs.keys()].find((u) => u.endsWith('/common-types/resource-management/v2/types.json'));
        if (status >= 400 && types) return check(responses, `${types}#/definitions/ErrorResponse`, body);
        return [`${status} is not a response the contract describes for ${r?.op.operationId ?? `${method} ${path}`}`];
      }
      if (!r.op.responses[declared]?.schema) return body === undefined || body === null ? [] : [`${status} came with a body`];
      return check(responses, `${r.at}${pointer('responses', declared, 'schema')}`, body);
    },
  };
}
