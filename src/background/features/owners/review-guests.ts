import type { Client } from '@microsoft/microsoft-graph-client';
import type { ReviewGuest } from '../../../common/access-review.ts';
import { subscribedSkus } from '../../services/graph/licenses.ts';
import { externalPeople } from './external-people.ts';

/**
 * Licences that carry access reviews (learn: id-governance/licensing-fundamentals): Microsoft Entra ID P2 and
 * Microsoft Entra ID Governance, and the suites holding P2 (Microsoft 365 E5, EMS E5), by Graph's part numbers.
 */
const GOVERNANCE = new Set(['AAD_PREMIUM_P2', 'SPE_E5', 'EMSPREMIUM', 'MICROSOFT_ENTRA_ID_GOVERNANCE']);

/** Whether the tenant holds such a licence; null when its licences cannot be read (the service then decides). */
export async function licensed(client: Client): Promise<boolean | null> {
  const skus = await subscribedSkus(client).catch(() => null);
  if (!skus) return null;
  return skus.some((s) => GOVERNANCE.has(s.skuPartNumber.toUpperCase()) && s.enabled > 0);
}

/**
 * The guests among these users, each with their sponsors (the reviewers of a sponsors' review): read in JSON batches
 * by External access here's one reader.
 */
export async function guestsAmong(client: Client, ids: string[]): Promise<ReviewGuest[]> {
  const { people } = await externalPeople(client, [...new Set(ids.map((id) => id.toLowerCase()))]);
  return people.filter((p) => p.kind === 'guest').map((p) => ({ id: p.id, displayName: p.displayName, sponsors: p.sponsors }));
}
