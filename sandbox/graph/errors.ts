import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../api.ts';

/** Graph's ODataError body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): ApiResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

export const insufficientPrivileges = () =>
  graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const notFound = (id: string) =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string) => graphError(400, 'Request_BadRequest', message);

/**
 * Graph names every answer: `request-id` (its own) and `client-request-id` (the caller's, echoed, else the same id),
 * in the headers and in an error's `innerError` (learn: errors, "Microsoft Graph REST API response headers").
 */
export function withRequestIds(req: ApiRequest, r: ApiResponse): ApiResponse {
  const requestId = r.headers?.['request-id'] ?? randomUUID();
  const clientRequestId = req.headers['client-request-id'] ?? requestId;
  const inner = (r.body as { error?: { innerError?: Record<string, unknown> } } | undefined)?.error?.innerError;
  if (inner) {
    inner['request-id'] = requestId;
    inner['client-request-id'] = clientRequestId;
  }
  return { ...r, headers: { ...r.headers, 'request-id': requestId, 'client-request-id': clientRequestId } };
}
