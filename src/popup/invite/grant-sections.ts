import { azureGrant } from './AzureSection.tsx';
import type { GrantSection } from './grant-section.ts';
import { powerBiGrant } from './PowerBiSection.tsx';
import { powerPlatformGrant } from './PowerPlatformSection.tsx';

/** The grants the invite form offers with an invitation, in the order it shows them; each says when it applies. */
export const GRANT_SECTIONS: GrantSection<unknown>[] = [azureGrant, powerBiGrant, powerPlatformGrant];
