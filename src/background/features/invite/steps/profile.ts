import { defineStep, noEntry, type StepCall } from '../../../engine/steps.ts';
import { setProfile } from '../../../services/graph/guests.ts';

/** The guest's given name and surname, from an environment's page (issue 12). */
export interface ProfileInput {
  profile: { givenName: string; surname: string };
  guestId: string;
}

export const profileStep = defineStep('profile', {
  run: async ({ input, session }: StepCall<ProfileInput>) => {
    await setProfile(session.graph.client, input.guestId, input.profile);
    return { kind: 'profile' as const };
  },
  // Naming the guest is part of inviting them: no action of its own in the Activity list.
  entry: noEntry,
});
