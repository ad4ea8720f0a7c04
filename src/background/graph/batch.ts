import type { Client } from '@microsoft/microsoft-graph-client';
import { wait } from '../rest.ts';

export interface BatchItem {
  id: string;
  method: 'GET' | 'POST';
  url: string;
  /** A POST's JSON body; the batch item then says its content type. */
  body?: unknown;
}

export interface BatchAnswer {
  status: number;
  body: unknown;
}

const wire = (item: BatchItem) => (item.body === undefined ? item : { ...item, headers: { 'content-type': 'application/json' } });

/**
 * JSON `$batch` of independent requests (at most 20) that are safe to repeat. Graph throttles each item on its
 * own and the SDK's RetryHandler sees only the outer 200, so items answered 429/503 are sent again after their
 * Retry-After, up to three times.
 */
export async function sendBatch(client: Client, items: BatchItem[]): Promise<Map<string, BatchAnswer>> {
  const answers = new Map<string, BatchAnswer>();
  let pending = items;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const reply = (await client.api('/$batch').post({ requests: pending.map(wire) })) as {
      responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
    };
    let retryAfter = 0;
    const again: BatchItem[] = [];
    for (const r of reply.responses) {
      const transient = r.status === 429 || r.status === 503 || r.status === 504;
      if (transient && attempt < 3) {
        const header = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
        retryAfter = Math.max(retryAfter, Number(header ?? 1) || 1);
        again.push(pending.find((p) => p.id === r.id) as BatchItem);
      } else {
        answers.set(r.id, { status: r.status, body: r.body });
      }
    }
    pending = again;
    if (pending.length) await wait(retryAfter * 1000);
  }
  return answers;
}
