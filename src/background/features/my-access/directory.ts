import type { Client } from '@microsoft/microsoft-graph-client';
import { t } from '../../../common/i18n.ts';
import type { Me, MyAccess } from '../../../common/my-access.ts';
import { extentOf } from '../../../logic/listed.ts';
import { itemError, sendBatch } from '../../services/graph/batch.ts';
import { itemAppError } from '../../services/graph/errors.ts';
import { MAX_GROUPS } from '../../services/graph/guests.ts';
import { graphList } from '../../services/graph/list.ts';

const ME = 'id,displayName,mail,userPrincipalName,userType,externalUserState';

/** Who I am here, my licences and my groups: one JSON batch of three reads, all of them about me. */
export async function myDirectory(client: Client): Promise<{ me: Me } & Pick<MyAccess, 'licenses' | 'groups' | 'groupsRead'>> {
  const answers = await sendBatch(client, [
    { id: 'me', method: 'GET', url: `/me?$select=${ME}` },
    { id: 'licenses', method: 'GET', url: '/me/licenseDetails?$select=skuId,skuPartNumber' },
    // No $select: the list is of directoryObjects, whose description names no displayName to select.
    { id: 'groups', method: 'GET', url: '/me/transitiveMemberOf' },
  ]);
  const body = <T>(id: string): T => {
    const a = answers.get(id);
    if (!a || a.status >= 300) throw itemAppError(a?.status ?? 0, a ? itemError(a) : t('graphNoAnswer'), a?.body);
    return a.body as T;
  };
  const me = body<Me>('me');
  const [{ items: licenses }, groups] = await Promise.all([
    graphList<{ skuId?: string; skuPartNumber?: string }>(client, body('licenses')),
    graphList<{ '@odata.type'?: string; id: string; displayName?: string | null }>(client, body('groups'), MAX_GROUPS),
  ]);
  return {
    me: {
      id: me.id,
      displayName: me.displayName,
      mail: me.mail ?? null,
      userPrincipalName: me.userPrincipalName,
      userType: me.userType ?? 'Member',
      externalUserState: me.externalUserState ?? null,
    },
    licenses: licenses.map((l) => ({ skuId: l.skuId ?? '', skuPartNumber: l.skuPartNumber ?? '' })),
    groupsRead: extentOf(groups),
    groups: groups.items
      .filter((g) => g['@odata.type'] === '#microsoft.graph.group')
      .map((g) => ({ id: g.id, displayName: g.displayName ?? g.id })),
  };
}
