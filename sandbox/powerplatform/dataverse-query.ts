/**
 * The part of OData the sandbox's Dataverse reads: `$select`, and a `$filter` of `field eq value` clauses joined by
 * `and` (learn: power-apps/developer/data-platform/webapi/query/filter-rows). Answers in Dataverse's error shape.
 */
import type { ApiResponse } from '../api.ts';

export const API = '/api/data/v9.2';

/**
 * The Web API's error body, `{ error: { code: '0x…', message } }` (learn:
 * power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#parse-errors-from-the-response);
 * codes from learn: power-apps/developer/data-platform/reference/web-service-error-codes.
 */
export const dataverseError = (status: number, code: string, message: string, headers?: Record<string, string>): ApiResponse => ({
  status,
  body: { error: { code, message } },
  ...(headers ? { headers } : {}),
});

/** 0x80040217 ObjectDoesNotExist, -2147220969 (learn: troubleshoot/power-platform/dataverse/.../client-errors). */
export const doesNotExist = (entity: string, id: string) =>
  dataverseError(404, '0x80040217', `${entity} With Id = ${id} Does Not Exist`);

/** 0x80060888: a `$select` or `$filter` naming a column the table does not have. */
const unknownProperty = (name: string, entity: string) =>
  dataverseError(400, '0x80060888', `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${entity}'.`);

type Row = Record<string, unknown>;

function literal(raw: string): unknown {
  if (/^'.*'$/.test(raw)) return raw.slice(1, -1).replaceAll("''", "'");
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  return raw.toLowerCase(); // a GUID, unquoted as OData writes it
}

/** Rows of one table under `$filter` and `$select`, or the error Dataverse gives for the query. */
export function query(rows: Row[], params: URLSearchParams, entity: string, columns: string[]): Row[] | ApiResponse {
  let out = rows;
  const filter = params.get('$filter');
  if (filter) {
    for (const clause of filter.split(/\s+and\s+/i)) {
      const m = /^\s*\(?\s*([\w]+)\s+eq\s+(.+?)\s*\)?\s*$/i.exec(clause);
      if (!m?.[1] || !m[2])
        return dataverseError(400, '0x80060888', `The sandbox reads only 'field eq value' filters: ${clause}`);
      const [, field, raw] = m;
      if (!columns.includes(field)) return unknownProperty(field, entity);
      const value = literal(raw);
      out = out.filter((r) => {
        const v = r[field];
        return typeof v === 'string' && typeof value === 'string' ? v.toLowerCase() === value.toLowerCase() : v === value;
      });
    }
  }
  const select = params
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = select?.find((s) => !columns.includes(s));
  if (bad) return unknownProperty(bad, entity);
  // Dataverse returns a row's etag whatever `$select` says.
  const pick = (r: Row) => ({
    '@odata.etag': r['@odata.etag'],
    ...Object.fromEntries((select ?? []).map((s) => [s, r[s] ?? null])),
  });
  return select ? out.map(pick) : out;
}

/** `@odata.context` of a collection, with the selected columns as Dataverse writes them. */
export function collectionContext(base: string, set: string, params: URLSearchParams): string {
  const select = params.get('$select');
  return `${base}${API}/$metadata#${set}${select ? `(${select})` : ''}`;
}
