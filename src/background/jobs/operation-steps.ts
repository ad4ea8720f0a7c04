import type { Settings } from '../../shared/config.ts';
import type { InvitationResult } from '../../shared/model.ts';
import type { Operation, OperationStep } from '../../shared/operation.ts';
import { ensureAzureRole } from '../arm/roles.ts';
import { graphSession } from '../graph/client.ts';
import { findUserByEmail, inviteGuest, isInvitedUser } from '../graph/invitations.ts';
import { grantPowerBiAccess } from '../powerbi/access.ts';

/**
 * What each step of a single invitation does, given the operation as stored. Every step is safe to run again after
 * a worker stopped halfway: the invitation is looked for before it is sent again (a second one would send a second
 * e-mail), a role already there counts as given, and a group or workspace role is granted idempotently.
 */
export type StepResult = Partial<Pick<Operation, 'invited' | 'assignment' | 'granted'>>;

/** The invitation sent before the worker stopped, if Graph made it: the guest, without the redeem link Graph gave once. */
async function invitedBefore(settings: Settings, op: Operation): Promise<InvitationResult | null> {
  const user = await findUserByEmail(graphSession(settings).client, op.invitation.email.trim());
  if (!user?.id || !isInvitedUser(user)) return null;
  return {
    guest: {
      id: user.id,
      displayName: user.displayName ?? op.invitation.email,
      email: user.mail ?? op.invitation.email,
      userPrincipalName: user.userPrincipalName ?? '',
      userType: user.userType ?? op.invitation.userType,
      state: null,
    },
    status: 'PendingAcceptance',
    redeemUrl: '',
    existing: false,
  };
}

export async function runStep(settings: Settings, op: Operation, step: OperationStep): Promise<StepResult> {
  switch (step.kind) {
    case 'invite': {
      // A reset (or a resend) finds the guest there either way; doing it again is harmless, claiming it is not.
      const before = step.sentAt && !op.invitation.resetRedemptionOf ? await invitedBefore(settings, op) : null;
      return { invited: before ?? (await inviteGuest(graphSession(settings), op.invitation)) };
    }
    case 'azureRole': {
      const { azure, invited } = op;
      if (!azure || !invited) throw new Error('The role has no guest to go to.');
      const made = await ensureAzureRole(settings, {
        scope: azure.scope,
        roleId: azure.roleId,
        principalId: invited.guest.id,
        schedule: azure.schedule,
      });
      return { assignment: { ...made, roleName: azure.roleName } };
    }
    case 'powerBi': {
      const { powerBi, invited } = op;
      if (!powerBi || !invited) throw new Error('The Power BI access has no guest to go to.');
      const granted = await grantPowerBiAccess(settings, {
        workspaceId: powerBi.workspaceId,
        userId: invited.guest.id,
        email: invited.guest.email,
        group: powerBi.group,
        viewer: powerBi.viewer,
      });
      return { granted };
    }
  }
}
