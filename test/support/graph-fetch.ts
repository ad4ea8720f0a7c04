import { vi } from 'vitest';

export interface Served {
  status?: number;
  body: unknown;
}

/**
 * Graph over a stubbed `fetch`, for the real client: a GET (a next page's link included) and each item of a JSON
 * batch are answered by `answer(url)`, the URL as sent (a batch item's relative to /v1.0). Returns what was asked (a
 * GET's headers beside it, in `headers`) and how many batches were on their way at most at once. Call
 * `vi.unstubAllGlobals()` after.
 */
export function serveGraph(answer: (url: string) => Served) {
  const asked: string[] = [];
  const headers: Headers[] = [];
  const seen = { batches: 0, atOnce: 0, mostAtOnce: 0 };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.endsWith('/$batch')) {
      asked.push(url);
      headers.push(new Headers(typeof input === 'string' ? init?.headers : input.headers));
      const a = answer(url);
      return json(a.status ?? 200, a.body);
    }
    const text = typeof input === 'string' ? String(init?.body) : await input.text();
    const { requests } = JSON.parse(text) as { requests: { id: string; url: string }[] };
    seen.batches++;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, ++seen.atOnce);
    // The batch stays on its way for a moment, as it would over a network, so batches sent together overlap.
    await new Promise((r) => setImmediate(r));
    seen.atOnce--;
    const responses = requests.map((r) => {
      asked.push(r.url);
      const a = answer(r.url);
      return { id: r.id, status: a.status ?? 200, body: a.body };
    });
    return json(200, { responses });
  });
  return { asked, headers, seen };
}
