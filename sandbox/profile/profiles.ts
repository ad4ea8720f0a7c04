import type { SandboxState } from '../store.ts';
import { growLarge } from './large.ts';

/** The sandbox's tenants: `small`, the seed as it is (sandbox/seed.json); `large`, a tenant of real size (large.ts). */
export const PROFILE_NAMES = ['small', 'large'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const isProfileName = (name: unknown): name is ProfileName => PROFILE_NAMES.includes(name as ProfileName);

/** The state a profile starts from, made from a fresh copy of the seed. */
export function profileState(seed: SandboxState, name: ProfileName): SandboxState {
  return name === 'large' ? { ...growLarge(seed), profile: 'large' } : seed;
}

/**
 * The profile a start script was asked for: its `--profile` flag, else `SANDBOX_PROFILE` in the environment, else
 * none (the state folder's state as it is). An unknown name is an error, not a silent small tenant.
 */
export function chosenProfile(flag: string | undefined): ProfileName | undefined {
  const name = flag ?? process.env.SANDBOX_PROFILE;
  if (name === undefined || name === '') return undefined;
  if (!isProfileName(name)) throw new Error(`Unknown sandbox profile "${name}": use one of ${PROFILE_NAMES.join(', ')}.`);
  return name;
}
