import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { PageContext } from '../../../common/page-context.ts';
import { powerBiPage } from '../invite/powerbi-access.ts';
import { readEnvironment } from '../invite/powerplatform-environment.ts';

/**
 * The group whose guests a page's access reviews cover: a Power BI app's audience, found as the invite form finds it
 * (Power BI's admin view of the app, else the group remembered for it), the first when it has several; an
 * environment's security group. A page without one is said so.
 */
export async function pageGroup(settings: Settings, account: SignedInAccount, page: PageContext): Promise<string> {
  let id: string | null | undefined;
  if (page.kind === 'powerbi-app') id = (await powerBiPage(settings, account, page)).audience.groups[0]?.id;
  else if (page.kind === 'power-platform-environment') id = (await readEnvironment(settings, page.environmentId)).securityGroupId;
  else throw new AppError(ErrorCodes.badMessage, 'no group on this page');
  if (!id) throw new AppError(ErrorCodes.notFound, t('reviewsNoGroup'));
  return id.toLowerCase();
}
