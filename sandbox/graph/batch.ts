import type { ApiRequest, ApiResponse } from '../api.ts';
import { badRequest } from './errors.ts';

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

type ItemRunner = (req: ApiRequest) => Promise<ApiResponse>;

function validate(body: unknown): BatchItem[] | string {
  const requests = (body as { requests?: unknown })?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return 'Invalid batch payload format.';
  if (requests.length > 20) return 'The number of batch requests exceeds the limit of 20.';
  const ids = new Set<string>();
  for (const r of requests as BatchItem[]) {
    if (typeof r?.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string')
      return 'Invalid batch payload format.';
    if (ids.has(r.id.toLowerCase())) return `Batch request contains duplicate id '${r.id}'.`;
    if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      return `Batch request '${r.id}' has a body but no Content-Type header.`;
    }
    ids.add(r.id.toLowerCase());
  }
  return requests as BatchItem[];
}

/**
 * `POST /$batch` (json-batching.md): up to 20 items, each routed and throttled on its own; items with `dependsOn`
 * run after their dependencies and get 424 when one failed.
 */
export async function batch(req: ApiRequest, runItem: ItemRunner): Promise<ApiResponse> {
  const items = validate(req.body);
  if (typeof items === 'string') return badRequest(items);
  const version = req.path.split('/')[1] ?? 'v1.0';
  const results = new Map<string, ApiResponse>();
  const run = (item: BatchItem): Promise<ApiResponse> => {
    const url = new URL(`https://${req.host}/${version}${item.url.startsWith('/') ? '' : '/'}${item.url}`);
    const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const sub: ApiRequest = {
      method: item.method.toUpperCase(),
      host: req.host,
      path: url.pathname,
      query: url.searchParams,
      headers: { ...headers, authorization: req.headers.authorization },
      body: item.body,
    };
    return runItem(sub);
  };
  const sequential = items.some((i) => i.dependsOn?.length);
  if (sequential) {
    for (const item of items) {
      const failed = (item.dependsOn ?? []).some((d) => (results.get(d.toLowerCase())?.status ?? 424) >= 400);
      results.set(
        item.id.toLowerCase(),
        failed
          ? { status: 424, body: { error: { code: 'FailedDependency', message: 'A dependency of this request failed.' } } }
          : await run(item),
      );
    }
  } else {
    const answers = await Promise.all(items.map(run));
    for (const [i, item] of items.entries()) results.set(item.id.toLowerCase(), answers[i] as ApiResponse);
  }
  return {
    status: 200,
    body: {
      responses: items.map((item) => {
        const r = results.get(item.id.toLowerCase()) as ApiResponse;
        return {
          id: item.id,
          status: r.status,
          headers: { 'content-type': 'application/json', ...r.headers },
          body: r.body ?? null,
        };
      }),
    },
  };
}
