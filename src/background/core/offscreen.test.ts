import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../common/messaging.ts', () => ({ sendTo: async () => ({ ok: true }) }));

/**
 * Chrome's offscreen API as it behaves: one document at most, created after a moment, a second creation refused.
 * A look at the contexts answers what was there when it was asked, and some answers come late.
 */
let documents = 0;
let creations = 0;
let looks = 0;
beforeEach(() => {
  documents = 0;
  creations = 0;
  looks = 0;
  vi.stubGlobal('chrome', {
    identity: { getRedirectURL: () => 'https://id.chromiumapp.org/' },
    runtime: {
      getURL: (p: string) => `chrome-extension://id/${p}`,
      getContexts: async () => {
        const seen = Array.from({ length: documents }, () => ({}));
        await new Promise((r) => setTimeout(r, looks++ % 2 ? 20 : 0));
        return seen;
      },
    },
    offscreen: {
      createDocument: async () => {
        creations++;
        await new Promise((r) => setTimeout(r, 5));
        if (documents > 0) throw new Error('Only a single offscreen document may be created.');
        documents = 1;
      },
    },
  });
});

describe('the offscreen document', () => {
  it('is created once when the popup and the worker need MSAL at the same moment, and both calls go through', async () => {
    const { callOffscreen } = await import('./offscreen.ts');
    const calls = Array.from({ length: 5 }, () => callOffscreen('getAccount' as never, {} as never));
    await expect(Promise.all(calls)).resolves.toHaveLength(5);
    expect(creations).toBe(1);
  });

  it('is created again after Chrome closed it', async () => {
    const { callOffscreen } = await import('./offscreen.ts');
    await callOffscreen('getAccount' as never, {} as never);
    documents = 0;
    await callOffscreen('getAccount' as never, {} as never);
    expect(creations).toBe(2);
  });
});
