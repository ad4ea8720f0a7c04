import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { t } from '../shared/i18n.ts';
import type { PageContext } from '../shared/page-context.ts';
import type { PowerPlatformPage } from '../shared/power-platform.ts';
import type { PowerBiPage } from '../shared/powerbi.ts';
import { send } from '../shared/send.ts';
import { ConsentLine, useConsent } from './ConsentLine.tsx';

/**
 * What the popup reads about a Power BI or Power Platform page, with the consent those reads need (issue 23). An
 * Azure resource is read by its own calls. `notes`: the consent lines and what failed, for above the invite form.
 */
export function usePageReads(signedIn: boolean, context: PageContext | null) {
  const [powerBi, setPowerBi] = useState<PowerBiPage | null>(null);
  const [powerPlatform, setPowerPlatform] = useState<PowerPlatformPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  // The page's admin read of the app's audience needs Power BI access's scopes: until they are granted the person
  // is asked instead (a refused admin read would be kept for an hour as "no admin view", audience-cache.ts).
  const onPowerBi = signedIn && (context?.kind === 'powerbi-app' || context?.kind === 'powerbi-workspace');
  const powerBiConsent = useConsent(['powerBiAccess'], { active: onPowerBi });
  useEffect(() => {
    if (onPowerBi && context && powerBiConsent.state === 'granted')
      send('getPowerBiPage', { context }).then(setPowerBi, setError);
  }, [onPowerBi, context, powerBiConsent.state]);

  // The environment API's token is held only once it was read with, so its consent is known when a read fails.
  const onPowerPlatform = signedIn && context?.kind === 'power-platform-environment';
  const readPowerPlatform = useCallback(() => {
    if (onPowerPlatform && context) send('getPowerPlatformPage', { context }).then(setPowerPlatform, setError);
  }, [onPowerPlatform, context]);
  useEffect(readPowerPlatform, [readPowerPlatform]);
  const powerPlatformConsent = useConsent(['powerPlatform'], {
    active: onPowerPlatform && !!error,
    onGranted: () => {
      setError(null);
      readPowerPlatform();
    },
  });
  const asking = powerPlatformConsent.state !== null && powerPlatformConsent.state !== 'granted';

  const notes = (
    <>
      <ConsentLine consent={powerBiConsent} words={t('consentPowerBi')} />
      {error && onPowerPlatform ? <ConsentLine consent={powerPlatformConsent} words={t('consentPowerPlatform')} /> : null}
      {error && !(onPowerPlatform && asking) ? <ErrorNote error={error} /> : null}
    </>
  );
  // Reads held back for consent are not coming: the page line stops waiting for them, as for a read that failed.
  const held = onPowerBi && powerBiConsent.state !== null && powerBiConsent.state !== 'granted';
  return { powerBi, powerPlatform, failed: !!error || held, notes };
}
