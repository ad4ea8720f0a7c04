import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Feature } from '../../common/config.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { errorFrom } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { PageContext } from '../../common/page-context.ts';
import type { PageData } from '../../common/page-data.ts';
import { send } from '../../common/send.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';

/** The feature a kind of page is read with, and the words asking for its consent. */
const PAGE_CONSENT: Partial<Record<PageData['kind'], { feature: Feature; words: () => string }>> = {
  powerbi: { feature: 'powerBiAccess', words: () => t('consentPowerBi') },
  'power-platform': { feature: 'powerPlatform', words: () => t('consentPowerPlatform') },
};

/**
 * What the services say about the page the tab is on (one message, features/page), with the consent its read still
 * needs (issue 23). The page's name is asked for beside the rest, so the page line shows it as soon as it is known.
 * `data`: the page's grants, for the invite form; `named`: with the name, for the page line; `answered`: what names
 * the page came, whatever it holds. `notes`: the consent line and what failed, for above the invite form.
 */
export function usePageData(signedIn: boolean, context: PageContext | null) {
  const [data, setData] = useState<PageData | null>(null);
  const [name, setName] = useState<PageData | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  // Each read replaces the one before; a late answer for another page (or an older read) is dropped.
  const [reads, setReads] = useState(0);
  useEffect(() => {
    setData(null);
    setName(null);
    setFailed(null);
    if (!signedIn) return;
    let current = true;
    send('getPage', { context, part: 'name' }).then(
      (d) => current && setName(d),
      () => undefined,
    );
    send('getPage', { context, part: 'grants' }).then(
      (d) => current && setData(d),
      (e: unknown) => current && setFailed(e),
    );
    return () => {
      current = false;
    };
  }, [signedIn, context, reads]);
  const readAgain = useCallback(() => setReads((n) => n + 1), []);

  const asks = data && 'consent' in data && data.consent ? PAGE_CONSENT[data.kind] : undefined;
  const consent = useConsent(asks ? [asks.feature] : [], {
    active: false,
    known: asks && data && 'consent' in data ? data.consent : undefined,
    onGranted: readAgain,
  });
  const asking = !!asks && consent.state !== null && consent.state !== 'granted';
  const error = data && 'error' in data && data.error ? errorFrom(data.error) : failed;
  const notes = (
    <>
      {asks ? <ConsentLine consent={consent} words={asks.words()} /> : null}
      {error && !asking ? <ErrorNote error={error} /> : null}
    </>
  );
  // For the page line: the name read apart (an Azure scope's) joins the rest of the same page. The invite form takes
  // the rest alone, so a name coming late never begins its sections afresh.
  const named = useMemo(
    () => (name?.kind === 'azure' && data?.kind === 'azure' ? { ...data, words: name.words } : (data ?? name)),
    [data, name],
  );
  const answered = failed !== null || data !== null || (name !== null && name.kind !== 'none');
  return { data, named, answered, notes };
}
