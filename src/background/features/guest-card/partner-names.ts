import type { Client } from '@microsoft/microsoft-graph-client';
import type { PartnerName } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import { BATCH_LIMIT, itemError, sendBatch } from '../../services/graph/batch.ts';
import { type TenantInformation, tenantInformationItem } from '../../services/graph/organization.ts';

/**
 * Each partner organization's name and default domain, by tenant id (issue 25: a name where the settings showed a
 * GUID), in JSON batches of 20. One that cannot be read says why: the permission not granted (403), a tenant Entra
 * does not know (404), or Graph's own words.
 */
export async function partnerNames(client: Client, tenantIds: string[]): Promise<Map<string, PartnerName>> {
  const names = new Map<string, PartnerName>();
  for (let from = 0; from < tenantIds.length; from += BATCH_LIMIT) {
    const ids = tenantIds.slice(from, from + BATCH_LIMIT);
    const answers = await sendBatch(
      client,
      ids.map((id, i) => tenantInformationItem(String(i), id)),
    ).catch(() => new Map());
    ids.forEach((id, i) => {
      const a = answers.get(String(i));
      const info = a && a.status < 300 ? (a.body as TenantInformation) : null;
      names.set(
        id,
        info?.displayName
          ? { name: info.displayName, domain: info.defaultDomainName ?? null, unread: null }
          : { name: null, domain: null, unread: unreadWords(a) },
      );
    });
  }
  return names;
}

function unreadWords(answer: { status: number; body: unknown } | undefined): string {
  if (!answer) return t('partnerNameNoAnswer');
  if (answer.status === 403) return t('partnerNameNoPermission');
  if (answer.status === 404) return t('partnerNameUnknown');
  return t('partnerNameUnread', itemError(answer));
}
