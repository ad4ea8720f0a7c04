import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Microsoft's API descriptions and reference data live beside the repository, in ../shared. */
export const sharedDir = join(here, '..', '..', 'shared');
export const contractsDir = join(sharedDir, 'contracts');
export const sharedDataDir = join(sharedDir, 'data');
