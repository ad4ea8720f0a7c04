import { browser } from '../../common/browser.ts';
import { local } from '../../common/storage.ts';

/**
 * Records written before the identifiers took one spelling (`license`, as Microsoft's APIs spell it) name their
 * fields `licence…` (a bulk row's `licenceSkuId`, a Power Platform grant's `licence`) and a guest change's kind
 * `removeLicence`. They are rewritten once, when a worker of this version first starts, before anything reads them;
 * the version stored says it is done. Words people read are not touched: only keys, and that one kind.
 */
export const STORED_VERSION = 2;

/** The stored keys that hold records of work: the single invitations, activations, guest changes and the bulk job. */
const isRecordKey = (key: string) =>
  ['operations', 'activations', 'guestChanges', 'bulkJob'].includes(key) || /^bulkRows\.\d+$/.test(key);

const spelled = (name: string) => name.replace('Licence', 'License').replace('licence', 'license');

/** The value with every key spelled `license`, and the guest change kind `removeLicence` as `removeLicense`. */
export function respelled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(respelled);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      spelled(key),
      key === 'kind' && inner === 'removeLicence' ? 'removeLicense' : respelled(inner),
    ]),
  );
}

/** Brings records written by an earlier version to this version's shape, once. */
export async function migrateStored(): Promise<void> {
  if ((await local.storedVersion.get()) >= STORED_VERSION) return;
  const stored = await browser.storage.local.get(null);
  const records = Object.entries(stored).filter(([key]) => isRecordKey(key));
  const changed = records.map(([key, value]) => [key, respelled(value)] as const);
  await browser.storage.local.set({ ...Object.fromEntries(changed), [local.storedVersion.key]: STORED_VERSION });
}
