/** Each item's work, at most `width` at a time, answers in the items' order; the first failure stops the rest. */
export async function inTurns<T, R>(items: T[], work: (item: T) => Promise<R>, width: number): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        out[i] = await work(items[i] as T);
      } catch (e) {
        // One item failed the whole: the other lanes take no more.
        next = items.length;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}
