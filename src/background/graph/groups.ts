import type { Client } from '@microsoft/microsoft-graph-client';
import type { Group } from '@microsoft/microsoft-graph-types';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import type { AudienceGroup } from '../../shared/powerbi.ts';

/** Security groups whose name starts with the text typed, for choosing an app's audience group. */
export async function searchGroups(client: Client, text: string): Promise<AudienceGroup[]> {
  const { value } = (await client
    .api('/groups')
    .filter(`securityEnabled eq true and startswith(displayName,'${text.replace(/'/g, "''")}')`)
    .select('id,displayName')
    .top(10)
    .get()) as { value: Group[] };
  return value.map((g) => ({ id: g.id ?? '', displayName: g.displayName ?? '' }));
}

/** Adds the user to the group; "already a member" counts as success. Returns whether they were added now. */
export async function addGroupMember(client: Client, groupId: string, userId: string): Promise<boolean> {
  try {
    await client
      .api(`/groups/${groupId}/members/$ref`)
      .post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCodes.badRequest && /already exist/i.test(e.detail ?? '')) return false;
    throw e;
  }
}
