import { useEffect, useState } from 'preact/hooks';

/** How long the typing pauses before the directory is asked: a search per keystroke would spend Graph's budget. */
const PAUSE_MS = 300;

/**
 * A search as the text is typed: asked once the typing pauses, and only the answer for the text now in the field is
 * shown (what was found for an earlier text goes at once, and a late answer for it is dropped).
 */
export function useSearch<T>(text: string, ask: (typed: string) => Promise<T[]>, minLength = 2) {
  const [hits, setHits] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setHits(null);
    setError(null);
    const typed = text.trim();
    if (typed.length < minLength) return;
    let current = true;
    const timer = setTimeout(() => {
      ask(typed).then(
        (found) => current && setHits(found),
        (e) => current && setError(e),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `ask` is a new function on each render; what it asks for changes only with the text (and its caller's key).
  }, [text, minLength]);
  return { hits, error };
}
