import type { Client } from '@microsoft/microsoft-graph-client';
import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, errorWords } from '../../../common/errors.ts';
import type { ExternalAccess, PlaceGrant } from '../../../common/external-access.ts';
import { t } from '../../../common/i18n.ts';
import type { PageContext } from '../../../common/page-context.ts';
import { extentOf, notReadWords } from '../../../logic/listed.ts';
import { dataverseList } from '../../services/powerplatform/client.ts';
import { path } from '../../services/url-path.ts';
import { readEnvironment } from '../invite/powerplatform-environment.ts';
import { placeAccess, type WayIn } from './place-access.ts';

/**
 * "External access here" on a Power Platform environment (issue 27). With a security group, only its members (and
 * admins) may be added to the environment (learn: power-platform/admin/control-user-access): its members are who can
 * get in, each leaving it a way to take them back. Without one, anyone in the tenant may be added, guests included:
 * said so, and the environment's Dataverse users (enabled, from Entra) are listed as far as they were read.
 */

/** Dataverse's page, and the users looked at without a security group: each costs three Graph reads. */
const USERS_PAGE = 500;
export const DATAVERSE_USERS_CAP = 1000;

async function dataverseWays(settings: Settings, instanceUrl: string, environment: string, notes: string[]): Promise<WayIn[]> {
  const filter = 'isdisabled eq false';
  try {
    const list = await dataverseList<{ azureactivedirectoryobjectid?: string | null }>(
      settings,
      instanceUrl,
      `/systemusers?$select=azureactivedirectoryobjectid&$filter=${encodeURIComponent(filter)}`,
      USERS_PAGE,
      DATAVERSE_USERS_CAP,
    );
    const unread = notReadWords(extentOf(list));
    if (unread) notes.push(t('externalDataverseUsersCut', unread));
    return list.items.flatMap((u) =>
      u.azureactivedirectoryobjectid
        ? [
            {
              path: { kind: 'dataverse' as const, environment },
              roleName: t('externalDataverseUser'),
              broad: null,
              user: { id: u.azureactivedirectoryobjectid },
            },
          ]
        : [],
    );
  } catch (e) {
    notes.push(t('externalDataverseNotRead', errorWords(e)));
    return [];
  }
}

export async function externalAccessEnvironment(
  settings: Settings,
  client: Client,
  context: PageContext,
): Promise<ExternalAccess<PlaceGrant>> {
  if (context.kind !== 'power-platform-environment') throw new AppError(ErrorCodes.badMessage, 'not an environment page');
  const environment = await readEnvironment(settings, context.environmentId);
  const notes: string[] = [];
  let ways: WayIn[] = [];
  if (environment.securityGroupId) {
    const id = environment.securityGroupId;
    const group = await (
      client.api(path`/groups/${id}`).select('id,displayName').get() as Promise<{ displayName?: string }>
    ).then(
      (g) => ({ id, displayName: g.displayName ?? id }),
      () => ({ id, displayName: id }),
    );
    ways = [
      {
        path: { kind: 'securityGroup', environment: environment.displayName, group },
        roleName: t('externalSecurityGroupMember'),
        broad: null,
      },
    ];
  } else {
    notes.push(t('externalNoSecurityGroup', environment.displayName));
    if (environment.instanceUrl) ways = await dataverseWays(settings, environment.instanceUrl, environment.displayName, notes);
  }
  return placeAccess(client, environment.displayName, ways, notes);
}
