import { describe, expect, it } from 'vitest';
import { unzip, zip } from '../../scripts/zip.ts';

const files = () => [
  { name: 'src/b.js', data: Buffer.from('console.log("b");\n'.repeat(50)) },
  { name: 'manifest.json', data: Buffer.from('{"version":"1.2.3"}\n') },
  { name: 'icons/icon.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
];

describe('the archives npm run package writes', () => {
  it('hold every file, byte for byte, in name order, each as a plain rw-r--r-- file', () => {
    const entries = unzip(zip(files()));
    expect(entries.map((e) => e.name)).toEqual(['icons/icon.png', 'manifest.json', 'src/b.js']);
    for (const f of files()) expect(entries.find((e) => e.name === f.name)?.data.equals(f.data)).toBe(true);
    expect(new Set(entries.map((e) => e.mode))).toEqual(new Set([0o100644]));
  });

  it('are the same bytes however the files were listed and whenever they are written', () => {
    const once = zip(files());
    expect(zip([...files()].reverse()).equals(once)).toBe(true);
    // The entries carry no clock: 1980-01-01 00:00 in each local header (MS-DOS time 0, date 0x21).
    expect(once.readUInt16LE(10)).toBe(0);
    expect(once.readUInt16LE(12)).toBe(0x21);
  });

  it('refuses a name that would climb out of the folder it is unpacked in', () => {
    expect(() => zip([{ name: '../evil.js', data: Buffer.from('') }])).toThrow(/Bad entry name/);
  });
});
