import type { AzureRoles } from '../logic/azure.ts';
import type { PowerPlatformPage } from '../logic/power-platform.ts';
import type { SerializedError } from './errors.ts';
import type { PowerBiPage } from './powerbi.ts';
import type { ConsentState } from './setup.ts';

/**
 * What the services say about the page the tab is on, one kind per kind of page: the popup lays it out and offers its
 * grants. A read that failed is carried in its own kind's answer, with the consent its feature still needs when that
 * is why (issue 23): the Power BI page is not read until its consent is given, the environment's is asked after a
 * read fails.
 */
export type PagePart = 'name' | 'grants';

export type PageData =
  | { kind: 'none' }
  | { kind: 'powerbi'; page: PowerBiPage | null; error?: SerializedError; consent?: ConsentState }
  | {
      kind: 'azure';
      scope: string;
      /** The scope in words with ARM's names, in the answer for its name; none when ARM could not be asked. */
      words?: string;
      roles: AzureRoles | null;
      error?: SerializedError;
    }
  | { kind: 'power-platform'; page: PowerPlatformPage | null; error?: SerializedError; consent?: ConsentState };
