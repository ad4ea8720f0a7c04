import { browser } from '../../common/browser.ts';
import { t } from '../../common/i18n.ts';
import type { PageContext } from '../../common/page-context.ts';

/** Why the extension can act on the page, for the toolbar button's title. */
function reason(context: PageContext): string {
  switch (context.kind) {
    case 'powerbi-app':
    case 'powerbi-workspace':
      return t('badgeTitlePowerBi');
    case 'azure-resource':
      return t('badgeTitleAzure');
    case 'power-platform-environment':
      return t('badgeTitlePowerPlatform');
  }
}

/**
 * Marks the toolbar button of a tab whose page the extension can act on, and unmarks it when the tab goes
 * elsewhere. Per tab: the browser drops a tab's badge and title with the tab. A tab closed meanwhile is no error.
 */
export async function markTab(tabId: number, context: PageContext | null): Promise<void> {
  const title = context ? t('badgeTitle', reason(context)) : t('extName');
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: context ? t('badgeText') : '' }),
    browser.action.setTitle({ tabId, title }),
  ]).catch(() => undefined);
}
