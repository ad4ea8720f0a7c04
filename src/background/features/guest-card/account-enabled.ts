import type { Client } from '@microsoft/microsoft-graph-client';
import { path } from '../../services/url-path.ts';

/**
 * An account turned off or on (`PATCH /users/{id}` accountEnabled; learn: user-update), for inactive guests (issue
 * 27). Looked at first: an account already as asked (a send whose answer was lost, or someone else's change) is not
 * written again, and is said so.
 */
export async function setAccountEnabled(client: Client, userId: string, enabled: boolean): Promise<string> {
  const now = (await client.api(path`/users/${userId}`).select('id,accountEnabled').get()) as { accountEnabled?: boolean };
  if ((now.accountEnabled ?? true) === enabled) return enabled ? 'was already enabled' : 'was already disabled';
  await client.api(path`/users/${userId}`).patch({ accountEnabled: enabled });
  return enabled ? 'enabled' : 'disabled (sign-in blocked; can be enabled again)';
}
