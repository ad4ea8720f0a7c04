import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../api.ts';

/**
 * ARM names every answer: `x-ms-request-id` (its own), `x-ms-correlation-request-id` (the caller's when sent, else a
 * new one) and, when the caller sent `x-ms-client-request-id`, that id echoed (learn: azure-resource-manager
 * "Request and response headers"; the ARM RPC's common API details).
 */
export function withArmRequestIds(req: ApiRequest, r: ApiResponse): ApiResponse {
  const clientRequestId = req.headers['x-ms-client-request-id'];
  return {
    ...r,
    headers: {
      ...r.headers,
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': req.headers['x-ms-correlation-request-id'] ?? randomUUID(),
      ...(clientRequestId ? { 'x-ms-client-request-id': clientRequestId } : {}),
    },
  };
}
