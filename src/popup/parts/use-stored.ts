import { type Inputs, useEffect } from 'preact/hooks';
import type { StoredItem } from '../../common/storage.ts';

/**
 * Runs `load` now, and again whenever one of `items` changes in storage, until the view goes or `inputs` change:
 * the view shows what the background has written as soon as it writes it.
 */
export function useStored(items: readonly StoredItem<unknown>[], load: () => void, inputs: Inputs): void {
  useEffect(() => {
    load();
    const stop = new AbortController();
    for (const watched of items) watched.watch(() => load(), stop.signal);
    return () => stop.abort();
    // `load` and `items` are made anew on each render; what they read changes only with `inputs`.
  }, inputs);
}
