import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file in an archive: its path inside it (forward slashes) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

// The zip format's fixed parts (APPNOTE.TXT): signatures, and 1980-01-01 00:00 as MS-DOS date and time, the
// earliest a zip can say. Every entry carries that time and the same permissions, so an archive depends only on
// the names and bytes it holds, never on when or where it was made.
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Made by Unix (3), zip 2.0, so the external attributes below are read as a Unix mode: a plain file, rw-r--r--. */
const MADE_BY = (3 << 8) | 20;
const UNIX_FILE_MODE = 0o100644;
const DEFLATE = 8;
const STORE = 0;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 1 << 11;

/**
 * The fields the local and the central header share, in the same order (APPNOTE 4.3.7 and 4.3.12): version needed,
 * flags, method, time, date, CRC-32, compressed and uncompressed sizes, name length.
 */
function entryFields(method: number, crc: number, compressed: number, size: number, nameLength: number): Buffer {
  const fields = Buffer.alloc(24);
  fields.writeUInt16LE(20, 0);
  fields.writeUInt16LE(UTF8_NAMES, 2);
  fields.writeUInt16LE(method, 4);
  fields.writeUInt16LE(DOS_TIME, 6);
  fields.writeUInt16LE(DOS_DATE, 8);
  fields.writeUInt32LE(crc, 10);
  fields.writeUInt32LE(compressed, 14);
  fields.writeUInt32LE(size, 18);
  fields.writeUInt16LE(nameLength, 22);
  return fields;
}

/**
 * A zip of `entries`, sorted by name, deflated at zlib's highest level (stored when that does not shrink a file).
 * The same entries give the same bytes on every run and machine with the same zlib.
 */
export function zip(entries: ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of sorted) {
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) throw new Error(`Bad entry name: ${name}`);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : data;
    const crc = crc32(data);
    const fields = entryFields(method, crc, body.length, data.length, nameBytes.length);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    fields.copy(local, 4);
    // The local header's extra-field length stays 0.
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(MADE_BY, 4);
    fields.copy(header, 6);
    // Extra field, comment, disk number and internal attributes stay 0.
    header.writeUInt32LE(UNIX_FILE_MODE * 0x10000, 38);
    header.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, body);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** The entries of a zip `zip` wrote (no zip64, no encryption), with each entry's Unix mode, checked by its CRC. */
export function unzip(archive: Buffer): (ZipEntry & { mode: number })[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('Not a zip: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: (ZipEntry & { mode: number })[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('Bad central directory');
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const mode = archive.readUInt32LE(at + 38) >>> 16;
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const bodyAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const body = archive.subarray(bodyAt, bodyAt + compressed);
    const data = method === DEFLATE ? inflateRawSync(body) : Buffer.from(body);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    entries.push({ name, data, mode });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
