import type { Client } from '@microsoft/microsoft-graph-client';
import { t } from '../../../common/i18n.ts';
import { RETRIES, retryAfterMs } from '../error-table.ts';
import { wait } from '../rest.ts';

/** Graph runs at most this many requests in one JSON batch. */
export const BATCH_LIMIT = 20;

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

/** A batch item's response header, whatever the case of its name. */
export const itemHeader = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** Graph's own words for a batch item it refused, or its status when it gave none. */
export const itemError = (item: { status: number; body?: unknown }) =>
  (item.body as { error?: { message?: string } } | null | undefined)?.error?.message ?? t('graphAnswered', item.status);

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
      if (transient && attempt < RETRIES) {
        retryAfter = Math.max(retryAfter, retryAfterMs(itemHeader(r.headers, 'retry-after')));
        again.push(pending.find((p) => p.id === r.id) as BatchItem);
      } else {
        answers.set(r.id, { status: r.status, body: r.body });
      }
    }
    pending = again;
    if (pending.length) await wait(retryAfter);
  }
  return answers;
}
