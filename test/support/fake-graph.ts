/** One request inside a JSON batch, as the worker's code sends it. */
export interface BatchItem {
  id: string;
  method: string;
  url: string;
  body?: Record<string, unknown>;
}

export interface BatchReply {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The Graph client module as the worker's code calls it for JSON batches: `beforeBatch` may throw for the whole
 * batch (as the client does when the request fails), and `answer` answers each item. For `vi.mock('…/client.ts')`.
 */
export function fakeGraphClient(answer: (item: BatchItem) => BatchReply, beforeBatch: (items: BatchItem[]) => void = () => {}) {
  return {
    graphSession: () => ({
      grantedScopes: async () => ['https://graph.microsoft.com/User.Invite.All'],
      client: {
        api: () => ({
          middlewareOptions() {
            return this;
          },
          post: async ({ requests }: { requests: BatchItem[] }) => {
            beforeBatch(requests);
            return { responses: requests.map(answer) };
          },
        }),
      },
    }),
  };
}

/** The addresses a batched `mail in (…)` look-up asks for. */
export const askedMails = (item: BatchItem) => (decodeURIComponent(item.url).match(/'[^']+'/g) ?? []).map((q) => q.slice(1, -1));
