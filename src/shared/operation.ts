import type { AzureAssignment, AzureSchedule } from './azure.ts';
import type { ErrorCode } from './errors.ts';
import type { InvitationRequest, InvitationResult } from './model.ts';
import type { AudienceGroup, PowerBiGrant } from './powerbi.ts';

/**
 * One invitation and the grants chosen with it, run by the background from start to end: the popup drafts it,
 * starts it and watches it, and may close at any moment (issue 9). Each step is checked before it is tried again.
 */
export type StepKind = 'invite' | 'azureRole' | 'powerBi';
export type StepState = 'pending' | 'done' | 'failed';

export interface OperationStep {
  kind: StepKind;
  state: StepState;
  /** Set just before the request leaves, so a worker stopped mid-request checks before sending it again. */
  sentAt?: number;
  attempts?: number;
  /** A step that met throttling or a passing failure waits until then (ms). */
  notBefore?: number;
  /** Why it failed: in words for the activity list, and as the error code and detail the popup shows. */
  error?: string;
  code?: ErrorCode;
  detail?: string;
}

export interface AzureGrantRequest {
  scope: string;
  roleId: string;
  roleName: string;
  schedule: AzureSchedule;
}

export interface PowerBiGrantRequest {
  workspaceId: string;
  group?: AudienceGroup;
  viewer: boolean;
}

export interface InviteStart {
  invitation: InvitationRequest;
  azure?: AzureGrantRequest;
  powerBi?: PowerBiGrantRequest;
}

export type OperationStatus = 'running' | 'waiting' | 'done';

export interface Operation extends InviteStart {
  id: string;
  tenantId: string;
  /** Who was signed in when it started. */
  username: string;
  createdAt: number;
  finishedAt?: number;
  status: OperationStatus;
  /** Why it waits (the sign-in needs renewing), in words. */
  waitingFor?: string;
  steps: OperationStep[];
  invited?: InvitationResult;
  assignment?: AzureAssignment & { roleName: string };
  granted?: PowerBiGrant;
  /** The person closed the result card, or started another from the popup. */
  dismissed?: boolean;
}

/** Step names as the progress list shows them. */
export function stepWords(op: Operation, step: OperationStep): string {
  switch (step.kind) {
    case 'invite':
      return op.invitation.resetRedemptionOf ? `Reset redemption for ${op.invitation.email}` : `Invite ${op.invitation.email}`;
    case 'azureRole':
      return `Give ${op.azure?.roleName ?? 'the role'} (Azure)`;
    case 'powerBi':
      return op.powerBi?.group ? `Add to ${op.powerBi.group.displayName}` : 'Power BI access';
  }
}
