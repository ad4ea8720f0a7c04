import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/common/browser.ts', () => import('../support/fake-extension.ts'));

const { local, session } = await import('../../src/common/storage.ts');
const privacy = readFileSync(resolve(import.meta.dirname, '..', '..', 'PRIVACY.md'), 'utf8');

describe('PRIVACY.md', () => {
  it('names every item the extension stores, in the storage area it is kept in', () => {
    const items = [...Object.values(local), ...Object.values(session)].map((i) =>
      typeof i === 'function' ? { area: i(0).area, key: i(0).key.replace(/\.0$/, '.*') } : { area: i.area, key: i.key },
    );
    const table = privacy.split('\n').filter((line) => line.startsWith('|'));
    for (const { area, key } of items) {
      const row = table.find((line) => line.includes(`\`${key}\``));
      expect([key, row?.includes(area === 'local' ? 'local storage' : 'session storage')]).toEqual([key, true]);
    }
  });
});
