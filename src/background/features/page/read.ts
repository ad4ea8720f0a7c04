import type { Feature, Settings } from '../../../common/config.ts';
import { serializeError } from '../../../common/errors.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { PageContext } from '../../../common/page-context.ts';
import type { PageData, PagePart } from '../../../common/page-data.ts';
import { type ConsentState, standing } from '../../../common/setup.ts';
import { describeScopeWithNames } from '../../services/arm/scope.ts';
import { azureRoles } from '../invite/azure-roles.ts';
import { powerBiPage } from '../invite/powerbi-access.ts';
import { powerPlatformPage } from '../invite/powerplatform-environment.ts';
import { consentView } from '../setup/consent-state.ts';

/** Where a feature stands; what cannot be learnt does not hold a read back (it runs, and says what failed). */
const consentOf = (settings: Settings, feature: Feature): Promise<ConsentState> =>
  consentView(settings, [feature]).then(
    (c) => standing(c, [feature]),
    () => 'granted',
  );

/**
 * What the services say about the page the tab is on; each read's failure in its own kind's answer. The `name` part
 * is read apart only where that is quicker (an Azure scope's names, without its roles); elsewhere it is `none`, and
 * the `grants` part names the page too.
 */
export async function readPage(
  settings: Settings,
  me: () => Promise<SignedInAccount>,
  context: PageContext | null,
  part: PagePart,
): Promise<PageData> {
  if (part === 'name') {
    if (context?.kind !== 'azure-resource') return { kind: 'none' };
    // The names ARM knows; the words from the URL stay if ARM cannot be asked.
    const words = await describeScopeWithNames(settings, context.scope).catch(() => undefined);
    return { kind: 'azure', scope: context.scope, ...(words ? { words } : {}), roles: null };
  }
  switch (context?.kind) {
    case 'powerbi-app':
    case 'powerbi-workspace': {
      // The app's admin read of its audience needs Power BI access's scopes: until they are granted the person is
      // asked instead (a refused admin read would be kept for an hour as "no admin view", audience-cache.ts).
      const consent = await consentOf(settings, 'powerBiAccess');
      if (consent !== 'granted') return { kind: 'powerbi', page: null, consent };
      return powerBiPage(settings, await me(), context).then(
        (page) => ({ kind: 'powerbi', page }),
        (e: unknown) => ({ kind: 'powerbi', page: null, error: serializeError(e) }),
      );
    }
    case 'azure-resource':
      return azureRoles(settings, context.scope).then(
        (roles) => ({ kind: 'azure', scope: context.scope, roles }),
        (e: unknown) => ({ kind: 'azure', scope: context.scope, roles: null, error: serializeError(e) }),
      );
    case 'power-platform-environment':
      // The environment API's token is held only once it was read with, so its consent is known when a read fails.
      return powerPlatformPage(settings, context).then(
        (page) => ({ kind: 'power-platform', page }),
        async (e: unknown) => ({
          kind: 'power-platform',
          page: null,
          error: serializeError(e),
          consent: await consentOf(settings, 'powerPlatform'),
        }),
      );
    case undefined:
      return { kind: 'none' };
  }
}
