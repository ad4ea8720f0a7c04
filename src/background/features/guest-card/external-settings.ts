import type { Client } from '@microsoft/microsoft-graph-client';
import { errorWords } from '../../../common/errors.ts';
import type { ExternalSettings } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { type B2bSetting, b2bWords, guestAccessWords, invitesFromWords } from '../../../logic/tenant-settings.ts';
import { itemError, sendBatch } from '../../services/graph/batch.ts';
import { graphList } from '../../services/graph/list.ts';
import { partnerNames } from './partner-names.ts';

interface CrossTenant {
  tenantId?: string;
  b2bCollaborationInbound?: B2bSetting | null;
  b2bCollaborationOutbound?: B2bSetting | null;
}

const both = (c: CrossTenant) => ({
  inbound: b2bWords(c.b2bCollaborationInbound, 'inbound'),
  outbound: b2bWords(c.b2bCollaborationOutbound, 'outbound'),
});

/**
 * Who may invite, what guests may see, and the cross-tenant access default and partner entries, read in one JSON
 * batch (Policy.Read.All), and each partner's name (CrossTenantInformation.ReadBasic.All). A part that cannot be
 * read is said in words.
 */
export async function externalSettings(client: Client): Promise<ExternalSettings> {
  const answers = await sendBatch(client, [
    { id: 'authorization', method: 'GET', url: '/policies/authorizationPolicy?$select=allowInvitesFrom,guestUserRoleId' },
    { id: 'default', method: 'GET', url: '/policies/crossTenantAccessPolicy/default' },
    { id: 'partners', method: 'GET', url: '/policies/crossTenantAccessPolicy/partners' },
  ]);
  const problems: string[] = [];
  const ok = <T>(id: string, unread: (why: string) => string): T | null => {
    const a = answers.get(id);
    if (a && a.status < 300) return a.body as T;
    problems.push(unread(a ? itemError(a) : t('graphNoAnswer')));
    return null;
  };
  const policy = ok<{ allowInvitesFrom?: string; guestUserRoleId?: string }>('authorization', (why) =>
    t('unreadInviteSettings', why),
  );
  const def = ok<CrossTenant>('default', (why) => t('unreadCrossTenantDefault', why));
  const first = ok<{ value: CrossTenant[] }>('partners', (why) => t('unreadCrossTenantPartners', why));
  // Every partner entry: a tenant with many partners gets them over several pages.
  const partners = first
    ? await graphList<CrossTenant>(client, first).catch((e: unknown) => {
        problems.push(t('unreadCrossTenantPartners', errorWords(e)));
        return null;
      })
    : null;
  const entries = (partners?.items ?? []).map((p) => ({ tenantId: p.tenantId ?? '', ...both(p) }));
  const names = await partnerNames(
    client,
    entries.map((p) => p.tenantId),
  );
  return {
    allowInvitesFrom: policy?.allowInvitesFrom
      ? { value: policy.allowInvitesFrom, words: invitesFromWords(policy.allowInvitesFrom) }
      : null,
    guestAccess: policy?.guestUserRoleId
      ? { value: policy.guestUserRoleId, words: guestAccessWords(policy.guestUserRoleId) }
      : null,
    crossTenantDefault: def ? both(def) : null,
    partners: entries.map((p) => ({
      ...p,
      ...(names.get(p.tenantId) ?? { name: null, domain: null, unread: t('partnerNameNoAnswer') }),
    })),
    problems,
  };
}
