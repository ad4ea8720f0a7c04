import type { ApiResponse } from '../api.ts';
import type { SandboxGroup, SandboxTenant } from '../store.ts';
import { badRequest, notFound } from './errors.ts';

export function groupResource(g: SandboxGroup): Record<string, unknown> {
  return {
    id: g.id,
    displayName: g.displayName,
    description: null,
    mailNickname: g.mailNickname,
    mailEnabled: g.mailEnabled,
    securityEnabled: g.securityEnabled,
    groupTypes: [],
  };
}

/** `POST /groups/{id}/members/$ref` with `{"@odata.id": ".../directoryObjects/{id}"}`. */
export function addMember(tenant: SandboxTenant, group: SandboxGroup, body: unknown): ApiResponse {
  const ref = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  const id =
    typeof ref === 'string' ? /\/(?:directoryObjects|users)\/([0-9a-f-]{36})$/i.exec(ref)?.[1]?.toLowerCase() : undefined;
  if (!id) return badRequest("The '@odata.id' of the member must name a directory object.");
  if (!tenant.users.some((u) => u.id === id)) return notFound(id);
  if (group.members.includes(id)) {
    return badRequest("One or more added object references already exist for the following modified properties: 'members'.");
  }
  group.members.push(id);
  return { status: 204 };
}
