/**
 * Checks exchanges with the environment API (api.bap.microsoft.com) and the Dataverse Web API (`*.crm.dynamics.com`)
 * against the JSON Schemas in ./powerplatform. Microsoft publishes no machine-readable description of these two APIs
 * that is kept in ../shared/contracts: those schemas are this project's, written from the Learn pages each cites,
 * and are listed apart from Microsoft's own descriptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Api = 'bap' | 'dataverse';

interface Operation {
  api: Api;
  method: string;
  path: RegExp;
  /**
   * Query parameters the operation takes; `api-version` is required on every BAP operation. A list's `$skiptoken`
   * comes in its `nextLink` (`@odata.nextLink` in Dataverse: learn power-apps/developer/data-platform/webapi/query/page-results).
   */
  query: string[];
  request?: string;
  /** The schema of a 2xx body, or null when the operation answers without one. */
  success: string | null;
}

const ENV = '/providers/Microsoft\\.BusinessAppPlatform';
const NAME = '(?:Default-)?[0-9a-f-]{36}';
const GUID = '[0-9a-f-]{36}';
const DV = '/api/data/v9\\.2';
const rx = (s: string) => new RegExp(`^${s}$`, 'i');

const OPERATIONS: Operation[] = [
  {
    api: 'bap',
    method: 'GET',
    path: rx(`${ENV}(/scopes/admin)?/environments`),
    query: ['$expand', '$skiptoken'],
    success: 'environmentList',
  },
  {
    api: 'bap',
    method: 'GET',
    path: rx(`${ENV}(/scopes/admin)?/environments/${NAME}`),
    query: ['$expand'],
    success: 'environment',
  },
  {
    api: 'bap',
    method: 'POST',
    path: rx(`${ENV}/scopes/admin/environments/${NAME}/addUser`),
    query: [],
    request: 'addUserRequest',
    success: null,
  },
  { api: 'bap', method: 'POST', path: rx(`${ENV}/listTenantSettings`), query: [], success: 'tenantSettings' },
  { api: 'dataverse', method: 'GET', path: rx(`${DV}/WhoAmI`), query: [], success: 'whoAmI' },
  {
    api: 'dataverse',
    method: 'GET',
    path: rx(`${DV}/systemusers`),
    query: ['$select', '$filter', '$top', '$skiptoken'],
    success: 'systemuserCollection',
  },
  { api: 'dataverse', method: 'GET', path: rx(`${DV}/systemusers\\(${GUID}\\)`), query: ['$select'], success: 'systemuser' },
  {
    api: 'dataverse',
    method: 'GET',
    path: rx(`${DV}/roles`),
    query: ['$select', '$filter', '$top', '$skiptoken'],
    success: 'roleCollection',
  },
  {
    api: 'dataverse',
    method: 'GET',
    path: rx(`${DV}/systemusers\\(${GUID}\\)/systemuserroles_association`),
    query: ['$select', '$skiptoken'],
    success: 'roleCollection',
  },
  {
    api: 'dataverse',
    method: 'POST',
    path: rx(`${DV}/systemusers\\(${GUID}\\)/systemuserroles_association/\\$ref`),
    query: [],
    request: 'roleReference',
    success: null,
  },
  {
    api: 'dataverse',
    method: 'DELETE',
    path: rx(`${DV}/systemusers\\(${GUID}\\)/systemuserroles_association\\(${GUID}\\)/\\$ref`),
    query: [],
    success: null,
  },
];

/** The api-versions Learn shows: 2020-10-01 on the REST pages, 2016-11-01 and 2019-05-01 as the cmdlets' defaults. */
const API_VERSIONS = new Set(['2016-11-01', '2019-05-01', '2020-10-01']);

export const apiOf = (host: string): Api | undefined =>
  host === 'api.bap.microsoft.com' ? 'bap' : /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/.test(host) ? 'dataverse' : undefined;

export interface PowerPlatformContractCheck {
  request(host: string, method: string, path: string, query: string, contentType: string | undefined, body: unknown): string[];
  response(host: string, method: string, path: string, query: string, status: number, body: unknown): string[];
}

export function powerPlatformContract(): PowerPlatformContractCheck {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const ids: Record<Api, string> = { bap: '', dataverse: '' };
  for (const api of ['bap', 'dataverse'] as const) {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'powerplatform', `${api}.schema.json`), 'utf8'));
    ajv.addSchema(schema);
    ids[api] = schema.$id;
  }
  const validators = new Map<string, ValidateFunction>();
  const check = (api: Api, name: string, value: unknown, what: string): string[] => {
    const key = `${api}#${name}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.getSchema(`${ids[api]}#/definitions/${name}`) as ValidateFunction;
      validators.set(key, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message ?? 'is invalid'}`);
  };
  const find = (host: string, method: string, path: string) => {
    const api = apiOf(host);
    const op = OPERATIONS.find((o) => o.api === api && o.method === method.toUpperCase() && o.path.test(path));
    return { api, op };
  };

  return {
    request(host, method, path, query, contentType, body) {
      const { api, op } = find(host, method, path);
      if (!api) return [`${host} is not a Power Platform host`];
      if (!op) return [`operation ${method} ${path} is not described`];
      const problems: string[] = [];
      const params = new URLSearchParams(query);
      for (const name of params.keys()) {
        if (name !== 'api-version' && !op.query.includes(name)) problems.push(`query parameter ${name} is not declared`);
      }
      if (api === 'bap' && !API_VERSIONS.has(params.get('api-version') ?? '')) {
        problems.push(`api-version ${params.get('api-version') ?? '(none)'} is not one Learn documents`);
      }
      if (op.request) {
        if (!/^application\/json/i.test(contentType ?? '')) problems.push('the request body must be JSON');
        problems.push(...check(api, op.request, body, 'request body'));
      } else if (body !== undefined) problems.push('the operation takes no request body');
      return problems;
    },
    response(host, method, path, _query, status, body) {
      const { api, op } = find(host, method, path);
      if (!api) return [`${host} is not a Power Platform host`];
      if (!op) return [`operation ${method} ${path} is not described`];
      // Dataverse answers an unusable token with a bare 401 and a WWW-Authenticate challenge.
      if (api === 'dataverse' && status === 401) return body === undefined ? [] : ['a 401 from Dataverse has no body'];
      if (status >= 400) return check(api, 'error', body, 'error body');
      if (op.success === null) return body === undefined ? [] : ['the operation answers without a body'];
      return check(api, op.success, body, 'response body');
    },
  };
}
