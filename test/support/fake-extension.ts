/**
 * chrome.storage.local, chrome.storage.session, their onChanged and chrome.alarms as a worker unit test needs them, in place of src/common/browser.ts. The
 * stored values live on globalThis, so a test that resets its modules (a fresh worker) still finds what the last
 * worker wrote, as a real restart would.
 */
import { isDeepStrictEqual } from 'node:util';

const shared = globalThis as { fakeLocalStorage?: Map<string, unknown> };
shared.fakeLocalStorage ??= new Map<string, unknown>();
export const storage = shared.fakeLocalStorage;
/** chrome.storage.session: memory only, as the browser keeps it (and kept across module resets, as above). */
const sharedSession = globalThis as { fakeSessionStorage?: Map<string, unknown> };
sharedSession.fakeSessionStorage ??= new Map<string, unknown>();
export const sessionStorage = sharedSession.fakeSessionStorage;

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type ChangeListener = (changes: Changes, area: string) => void;
/** chrome.storage.onChanged: told of every value that changed (not of one written again unchanged), with its area. */
const listeners = new Set<ChangeListener>();
const tell = (changes: Changes, area: string) => {
  if (Object.keys(changes).length) for (const listener of [...listeners]) listener(structuredClone(changes), area);
};

/** One storage area over its map; `remove` takes a key or a list, as chrome.storage does. */
const area = (map: Map<string, unknown>, name: string) => ({
  /** A key, or null for everything stored (as chrome.storage answers). */
  get: async (key: string | null) =>
    key === null ? structuredClone(Object.fromEntries(map)) : map.has(key) ? { [key]: structuredClone(map.get(key)) } : {},
  set: async (values: Record<string, unknown>) => {
    const changes: Changes = {};
    for (const [k, v] of Object.entries(values)) {
      if (!isDeepStrictEqual(map.get(k), v)) changes[k] = { oldValue: map.get(k), newValue: structuredClone(v) };
      map.set(k, structuredClone(v));
    }
    tell(changes, name);
  },
  remove: async (keys: string | string[]) => {
    const changes: Changes = {};
    for (const k of [keys].flat()) {
      if (map.has(k)) changes[k] = { oldValue: map.get(k) };
      map.delete(k);
    }
    tell(changes, name);
  },
});

export const browser = {
  storage: {
    local: area(storage, 'local'),
    session: area(sessionStorage, 'session'),
    onChanged: {
      addListener: (listener: ChangeListener) => void listeners.add(listener),
      removeListener: (listener: ChangeListener) => void listeners.delete(listener),
    },
  },
  alarms: { create: async () => undefined, clear: async () => true },
};
