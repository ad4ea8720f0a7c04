import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PageData } from '../../common/page-data.ts';
import type { GrantSection } from './grant-section.ts';

let loading: Promise<GrantSection<unknown>[]> | null = null;
/**
 * The grant sections come in a chunk of their own (the popup's first load stays within issue 13's 30 KiB): they show
 * only once the page's data has arrived, and the chunk is asked for as soon as the form is, so it is there first.
 */
const loadSections = () => {
  loading ??= import('./grant-sections.ts').then((m) => m.GRANT_SECTIONS);
  return loading;
};

/**
 * Each grant section's state, begun afresh from what the services say about the page (null: not offered here); the
 * form keeps them and hands each back only to the section it came from.
 */
export function useGrantSections(data: PageData | null) {
  const [sections, setSections] = useState<GrantSection<unknown>[] | null>(null);
  useEffect(() => {
    let live = true;
    loadSections().then((s) => live && setSections(s));
    return () => {
      live = false;
    };
  }, []);
  const begun = useMemo(() => (sections && data ? sections.map((g) => g.when(data)) : []), [data, sections]);
  const [held, setHeld] = useState({ from: begun, states: begun });
  const states = held.from === begun ? held.states : begun;
  const offered = (sections ?? []).flatMap((grant, i) => (states[i] == null ? [] : [{ grant, i, state: states[i] }]));
  const setState = (i: number, state: unknown) => setHeld({ from: begun, states: states.map((s, j) => (j === i ? state : s)) });
  return { offered, setState };
}
