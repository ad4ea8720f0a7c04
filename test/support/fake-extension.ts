/**
 * chrome.storage.local and chrome.alarms as a worker unit test needs them, in place of src/shared/browser.ts. The
 * stored values live on globalThis, so a test that resets its modules (a fresh worker) still finds what the last
 * worker wrote, as a real restart would.
 */
const shared = globalThis as { fakeLocalStorage?: Map<string, unknown> };
shared.fakeLocalStorage ??= new Map<string, unknown>();
export const storage = shared.fakeLocalStorage;

export const browser = {
  storage: {
    local: {
      get: async (key: string) => (storage.has(key) ? { [key]: structuredClone(storage.get(key)) } : {}),
      set: async (values: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(values)) storage.set(k, structuredClone(v));
      },
      remove: async (keys: string[]) => {
        for (const k of keys) storage.delete(k);
      },
    },
  },
  alarms: { create: async () => undefined, clear: async () => true },
};
