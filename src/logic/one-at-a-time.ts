/**
 * A queue for read-modify-write work on one stored value: each piece of work starts after the last has settled, so
 * two changes arriving together (a message and the runner, two tabs) do not write over each other.
 */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = last.then(work);
    last = next.catch(() => undefined);
    return next;
  };
}
