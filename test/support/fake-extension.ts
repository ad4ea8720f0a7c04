/**
 * chrome.storage.local, chrome.storage.session and chrome.alarms as a worker unit test needs them, in place of src/shared/browser.ts. The
 * stored values live on globalThis, so a test that resets its modules (a fresh worker) still finds what the last
 * worker wrote, as a real restart would.
 */
const shared = globalThis as { fakeLocalStorage?: Map<string, unknown> };
shared.fakeLocalStorage ??= new Map<string, unknown>();
export const storage = shared.fakeLocalStorage;
/** chrome.storage.session: memory only, as the browser keeps it (and kept across module resets, as above). */
const sharedSession = globalThis as { fakeSessionStorage?: Map<string, unknown> };
sharedSession.fakeSessionStorage ??= new Map<string, unknown>();
export const sessionStorage = sharedSession.fakeSessionStorage;

/** One storage area over its map; `remove` takes a key or a list, as chrome.storage does. */
const area = (map: Map<string, unknown>) => ({
  get: async (key: string) => (map.has(key) ? { [key]: structuredClone(map.get(key)) } : {}),
  set: async (values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) map.set(k, structuredClone(v));
  },
  remove: async (keys: string | string[]) => {
    for (const k of [keys].flat()) map.delete(k);
  },
});

export const browser = {
  storage: { local: area(storage), session: area(sessionStorage) },
  alarms: { create: async () => undefined, clear: async () => true },
};
