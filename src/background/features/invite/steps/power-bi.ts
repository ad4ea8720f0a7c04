import { t } from '../../../../common/i18n.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import type { Guest } from '../grants.ts';
import { grantWorkspaceAccess } from '../powerbi-access.ts';

/** Viewer on the workspace when asked, then the guest's licence path to its content. */
export interface PowerBiInput {
  powerBi: { workspaceId: string; viewer: boolean };
  guest: Guest;
}

export const powerBiStep = defineStep('powerBi', {
  run: async ({ input, session }: StepCall<PowerBiInput>) => {
    const licensePath = await grantWorkspaceAccess(session.settings, { ...input.powerBi, guest: input.guest });
    return { kind: 'powerBi' as const, licensePath };
  },
  // Reading the licence path is no action of its own: only a Viewer role given is.
  entry: (op, base) => (op.powerBi?.viewer ? [{ ...base, action: 'workspace', detail: t('loggedWorkspaceViewer') }] : []),
});
