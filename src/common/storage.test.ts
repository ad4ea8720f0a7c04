import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../test/support/fake-extension.ts';

vi.mock('./browser.ts', () => import('../../test/support/fake-extension.ts'));

const { item, local, session } = await import('./storage.ts');

const count = item<number>('local', 'count', 0);
const other = item<number>('local', 'other', 0);
const inSession = item<number>('session', 'count', 0);

/** What a watch of `watched` has been called back with, and the abort that stops it. */
function watching<T>(watched: { watch(callback: (value: T) => void, signal: AbortSignal): void }) {
  const seen: T[] = [];
  const stop = new AbortController();
  watched.watch((value) => seen.push(value), stop.signal);
  return { seen, stop: () => stop.abort() };
}

beforeEach(() => storage.clear());

describe('a stored item', () => {
  it('reads its fallback until something is stored, and a copy of it each time', async () => {
    const list = item<string[]>('local', 'list', []);
    (await list.get()).push('edited');
    expect(await list.get()).toEqual([]);
    await list.set(['a']);
    expect(await list.get()).toEqual(['a']);
    await list.remove();
    expect(await list.get()).toEqual([]);
  });

  it('calls a watch back with each new value, and the fallback once removed', async () => {
    const watch = watching(count);
    await count.set(1);
    await count.set(2);
    await count.remove();
    expect(watch.seen).toEqual([1, 2, 0]);
  });

  it('does not call a watch back for other keys, or the same key in the other area', async () => {
    const watch = watching(count);
    await other.set(5);
    await inSession.set(5);
    expect(watch.seen).toEqual([]);
  });

  it('stops calling back once its signal aborts, and never starts on one aborted already', async () => {
    const watch = watching(count);
    await count.set(1);
    watch.stop();
    await count.set(2);
    const stop = new AbortController();
    stop.abort();
    const late: number[] = [];
    count.watch((value) => late.push(value), stop.signal);
    await count.set(3);
    expect(watch.seen).toEqual([1]);
    expect(late).toEqual([]);
  });
});

describe('the declared items', () => {
  it('are each stored under their own name, in their own area', () => {
    for (const [area, items] of Object.entries({ local, session }))
      for (const [name, declared] of Object.entries(items)) {
        const one = typeof declared === 'function' ? declared(0) : declared;
        expect([one.area, one.key]).toEqual([area, typeof declared === 'function' ? `${name}.0` : name]);
      }
  });
});
