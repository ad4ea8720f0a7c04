import { randomUUID } from 'node:crypto';
import type { SandboxTenant, SandboxUser } from './store.ts';

/**
 * Entra's directory audit log (`/auditLogs/directoryAudits`, resource `directoryAudit`): one entry per write the
 * sandbox performs, as Entra records it. Activity names and categories as the Entra audit activity reference lists
 * them (learn: entra/identity/monitoring-health/reference-audit-activities).
 */
export interface SandboxAudit {
  id: string;
  category: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  result: 'success' | 'failure';
  resultReason: string;
  initiatedBy: { id: string; displayName: string; userPrincipalName: string };
  targetResources: {
    id: string;
    displayName: string | null;
    type: 'User' | 'Group' | 'Role' | 'Other';
    userPrincipalName?: string | null;
    modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
  }[];
  additionalDetails?: { key: string; value: string }[];
}

export type AuditInput = Omit<SandboxAudit, 'id' | 'activityDateTime' | 'initiatedBy' | 'result' | 'resultReason'> & {
  result?: SandboxAudit['result'];
  resultReason?: string;
};

/** A user as an audit entry names it among its targets. */
export const userTarget = (u: SandboxUser): SandboxAudit['targetResources'][number] => ({
  id: u.id,
  displayName: u.displayName,
  type: 'User',
  userPrincipalName: u.userPrincipalName,
});

/** Records one directory audit entry, initiated by `by`, newest last. */
export function recordAudit(tenant: SandboxTenant, by: SandboxUser, entry: AuditInput): void {
  tenant.audits ??= [];
  tenant.audits.push({
    id: `Directory_${randomUUID()}`,
    activityDateTime: new Date().toISOString(),
    initiatedBy: { id: by.id, displayName: by.displayName, userPrincipalName: by.userPrincipalName },
    result: 'success',
    resultReason: '',
    ...entry,
  });
}
