import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../test/support/fake-extension.ts';

vi.mock('../../common/browser.ts', () => import('../../../test/support/fake-extension.ts'));

const { migrateStored, STORED_VERSION } = await import('./stored-migration.ts');
const { local } = await import('../../common/storage.ts');

const SKU = 'f30db892-07e9-47e9-837c-80727f46fd3d';
const ENV_SKU = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';

// As the previous version wrote them: a guest change taking a licence back, a single invitation to an environment
// with its licence, and a bulk row whose licence column resolved to a SKU.
const guestChange = {
  id: '6d1f4b1e-3c2a-4f7e-9a57-1b2c3d4e5f60',
  guest: { id: '0b5f2d8e-9c1a-4e3b-8f7d-2a4c6e8b0d13', displayName: 'Pat', mail: 'pat@partner.example' },
  change: { kind: 'removeLicence', licence: { skuId: SKU, name: 'Power BI Pro' } },
  steps: [{ kind: 'change', state: 'pending' }],
};
const operation = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  invitation: { email: 'lena@partner.example', displayName: 'Lena' },
  powerPlatform: {
    environmentId: 'Default-e1dd4023-a656-480a-8a0e-c1b1eec51e1d',
    licence: { skuId: ENV_SKU, name: 'Dynamics 365 Sales' },
  },
  steps: [{ kind: 'envLicense', state: 'done' }],
};
const row = { line: 2, email: 'ola@partner.example', licence: 'Dynamics 365 Sales', licenceSkuId: ENV_SKU, usageLocation: 'NL' };

beforeEach(() => storage.clear());

describe('records written by the previous version', () => {
  it('are read with every licence field spelled as the code names it now, and the words people read kept', async () => {
    for (const [key, value] of Object.entries({ guestChanges: [guestChange], operations: [operation], 'bulkRows.0': [row] }))
      storage.set(key, value);
    storage.set('settings', { licence: 'kept' });
    await migrateStored();
    const [change] = await local.guestChanges.get();
    expect(change?.change).toEqual({ kind: 'removeLicense', license: { skuId: SKU, name: 'Power BI Pro' } });
    const [op] = await local.operations.get();
    expect(op?.powerPlatform?.license).toEqual({ skuId: ENV_SKU, name: 'Dynamics 365 Sales' });
    expect(await local.bulkRows(0).get()).toEqual([
      { line: 2, email: 'ola@partner.example', license: 'Dynamics 365 Sales', licenseSkuId: ENV_SKU, usageLocation: 'NL' },
    ]);
    // Only records of work are rewritten.
    expect(storage.get('settings')).toEqual({ licence: 'kept' });
    expect(await local.storedVersion.get()).toBe(STORED_VERSION);
  });

  it('are rewritten once: a record written after the move is left as it is', async () => {
    await migrateStored();
    storage.set('guestChanges', [{ ...guestChange, change: { kind: 'removeLicence' } }]);
    await migrateStored();
    expect((await local.guestChanges.get())[0]?.change).toEqual({ kind: 'removeLicence' });
  });
});
