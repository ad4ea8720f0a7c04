// Moves files to the layout of issue 24 and rewrites every path that named them. Run from the repository root:
// `node scripts/relayout.mjs [map]` (default scripts/relayout-map.txt; its header says the format). Safe to run
// again: a second run moves nothing and changes nothing.
//
// Paths are resolved in the tree as it was before this run's moves (both the file that names a path and the file
// named may move), then written from each file's new place. Rewritten: relative specifiers (import, export,
// import(), vi.mock, any './' or '../' string), repository paths (`src/...`) in code, configs, manifest, HTML and
// Markdown, and a file named in a comment by its folder path (`shared/operation.ts`) or by its name beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

const ROOT = process.cwd();
const MAP = process.argv[2] ?? 'scripts/relayout-map.txt';
const SELF = ['scripts/relayout.mjs', MAP];
const TEXT = /\.(ts|tsx|mts|mjs|js|json|html|css|md)$/;
const CODE = ['.ts', '.tsx', '.mts', '.mjs', '.js'];
const SCANNED = /^(src|test|sandbox|scripts|docs|public)\/|^[^/]+$/;

const exists = (p) => existsSync(join(ROOT, p)) && statSync(join(ROOT, p)).isFile();
const read = (p) => readFileSync(join(ROOT, p), 'utf8');
const norm = (p) => posix.normalize(p).replace(/^\.\//, '');

// ---- the map ---------------------------------------------------------------------------------------------------
const moves = new Map(); // old -> new, as written
const keep = [];
const oldFolders = [];
const newFolders = [];
const edits = [];
for (const [i, raw] of read(MAP).split('\n').entries()) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const fail = (why) => {
    throw new Error(`${MAP}:${i + 1}: ${why}: ${line}`);
  };
  if (line.startsWith('@')) {
    const word = line.split(/\s/, 1)[0];
    const arg = line.slice(word.length).trim();
    if (word === '@keep') keep.push(arg);
    else if (word === '@old-folder') oldFolders.push(arg);
    else if (word === '@new-folder') newFolders.push(arg);
    else if (word === '@edit') {
      const m = /^(\S+) :: (.+) ==> (.+)$/.exec(arg);
      if (!m) fail('an edit is `@edit <path> :: <old> ==> <new>`');
      edits.push({ path: m[1], from: m[2], to: m[3] });
    } else fail('unknown directive');
    continue;
  }
  const m = /^(\S+)\s*->\s*(\S+)$/.exec(line);
  if (!m) fail('a move is `old/path.ts -> new/path.ts`');
  if (moves.has(m[1])) fail('named twice');
  moves.set(m[1], m[2]);
}

// A file's tests go with it, renamed alike, unless the map places them itself.
for (const [from, to] of [...moves]) {
  const stem = from.replace(/\.tsx?$/, '');
  const toStem = to.replace(/\.tsx?$/, '');
  for (const ext of ['.test.ts', '.test.tsx']) {
    if (stem !== from && !moves.has(stem + ext) && exists(stem + ext)) moves.set(stem + ext, toStem + ext);
  }
}

// This run's moves: entries whose source is here. The rest are already done, or their source is gone.
const now = new Map();
const skipped = [];
let inPlace = 0;
for (const [from, to] of moves) {
  if (!exists(from)) {
    if (exists(to)) inPlace++;
    else skipped.push(from);
  } else if (from !== to) {
    if (exists(to)) throw new Error(`both ${from} and ${to} exist: move one by hand first`);
    now.set(from, to);
  }
}
const targets = new Map();
for (const [from, to] of now) {
  if (targets.has(to)) throw new Error(`${targets.get(to)} and ${from} both go to ${to}`);
  if (now.has(to)) throw new Error(`${to} is moved and is also where ${from} goes: split the map in two runs`);
  targets.set(to, from);
}

/** Where a path of the tree as it was stands after this run; undefined when it is not a file that moved. */
function movedTo(p) {
  if (now.has(p)) return now.get(p);
  // A name left behind by an earlier run or another branch: its entry's source is gone, its target is here.
  if (moves.has(p) && !exists(p) && exists(moves.get(p))) return moves.get(p);
  return undefined;
}
const after = (p) => now.get(p) ?? p;

// ---- the files to rewrite --------------------------------------------------------------------------------------
const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
const files = listed
  .split('\n')
  .filter((f) => f && TEXT.test(f) && SCANNED.test(f) && f !== 'package-lock.json' && !SELF.includes(f) && exists(f));

/** A relative specifier resolved as a module: as written, or with its extension or `/index` added. */
function resolveModule(base, spec) {
  const p = norm(posix.join(base, spec));
  if (exists(p) || movedTo(p)) return { path: p, form: 'as-written' };
  if (/\.js$/.test(p)) {
    const ts = p.replace(/\.js$/, '.ts');
    if (exists(ts) || movedTo(ts)) return { path: ts, form: 'js' };
  }
  for (const ext of CODE) if (exists(p + ext) || movedTo(p + ext)) return { path: p + ext, form: 'bare' };
  for (const ext of CODE)
    if (exists(`${p}/index${ext}`) || movedTo(`${p}/index${ext}`)) return { path: `${p}/index${ext}`, form: 'folder' };
  return null;
}

/** `to` as a relative specifier from folder `from`, in the form the old one had. */
function specifier(fromDir, to, form) {
  let target = to;
  if (form === 'bare') target = to.replace(/\.[^./]+$/, '');
  if (form === 'js') target = to.replace(/\.tsx?$/, '.js');
  if (form === 'folder') target = posix.dirname(to);
  const rel = posix.relative(fromDir, target) || '.';
  return rel.startsWith('.') ? rel : `./${rel}`;
}

// A path-like token: starts after a character that cannot be part of a path or URL.
const TOKEN =
  /(?<![\w@./:~$-])(\.{1,2}\/[\w@./-]*|[\w@][\w@.-]*(?:\/[\w@.-]+)*\.(?:tsx?|mts|mjs|js|json|html|css|md))(?![\w/-])/g;

function rewrite(file, text) {
  const oldDir = posix.dirname(file);
  const newDir = posix.dirname(after(file));
  // In Markdown a backtick is code, not a string.
  const quotes = file.endsWith('.md') ? /['"]/ : /['"`]/;
  return text.replace(TOKEN, (token, _t, at) => {
    const quoted = quotes.test(text[at - 1] ?? '');
    const core = token.replace(/\.+$/, ''); // a sentence's full stop after a name
    const tail = token.slice(core.length);
    if (core.startsWith('./') || core.startsWith('../')) {
      const hit = resolveModule(oldDir, core);
      if (!hit) return token;
      const target = movedTo(hit.path);
      if (!target && newDir === oldDir) return token;
      const spec = specifier(newDir, target ?? hit.path, hit.form);
      return spec === core ? token : spec + tail;
    }
    // A repository path (`src/shared/x.ts`), or a name beside the file in a comment (`renewal.ts`, `arm/client.ts`).
    const asRoot = movedTo(core);
    if (asRoot) return asRoot + tail;
    if (quoted) return token;
    const beside = movedTo(norm(posix.join(oldDir, core)));
    if (beside) return (posix.dirname(beside) === newDir ? posix.basename(beside) : beside.replace(/^src\//, '')) + tail;
    // A path under src named without it (`shared/operation.ts`, `background/jobs/engine.ts`).
    const underSrc = movedTo(`src/${core}`);
    if (underSrc) return underSrc.replace(/^src\//, '') + tail;
    return token;
  });
}

const changed = new Map(); // new path -> new text
for (const f of files) {
  const text = read(f);
  const next = rewrite(f, text);
  if (next !== text || now.has(f)) changed.set(after(f), next);
}

// ---- move, write, edit -----------------------------------------------------------------------------------------
const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n'));
for (const [from, to] of now) {
  mkdirSync(join(ROOT, dirname(to)), { recursive: true });
  if (tracked.has(from)) execFileSync('git', ['mv', from, to], { cwd: ROOT });
  else renameSync(join(ROOT, from), join(ROOT, to));
}
let rewritten = 0;
for (const [f, text] of changed) {
  if (exists(f) && read(f) === text) continue;
  writeFileSync(join(ROOT, f), text);
  rewritten++;
}
for (const e of edits) {
  const f = exists(e.path) ? e.path : after(e.path);
  if (!exists(f)) {
    console.log(`edit not made, no ${e.path}`);
    continue;
  }
  const text = read(f);
  if (text.includes(e.from) && !text.includes(e.to)) {
    writeFileSync(join(ROOT, f), text.replace(e.from, e.to));
    console.log(`edited ${f}`);
  } else if (!text.includes(e.to)) console.log(`edit not made, ${f} no longer holds: ${e.from}`);
}

// Folders the moves emptied.
function dropEmpty(dir) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return;
  for (const e of readdirSync(abs, { withFileTypes: true })) if (e.isDirectory()) dropEmpty(join(dir, e.name));
  if (readdirSync(abs).length === 0) rmdirSync(abs);
}
for (const dir of oldFolders) dropEmpty(dir);

// ---- what a person should look at ------------------------------------------------------------------------------
console.log(`moved ${now.size}, already in place ${inPlace}, files rewritten ${rewritten}`);
if (skipped.length) console.log(`\nnot moved, no such file (left the map or moved elsewhere):\n  ${skipped.join('\n  ')}`);

const depth = (p) => p.split('/').length;
const located = [...now].filter(
  ([from, to]) => depth(from) !== depth(to) && /import\.meta\.(dirname|url)|__dirname/.test(read(to)),
);
if (located.length) {
  console.log('\nmoved to another depth and find files from their own place (check those paths):');
  for (const [, to] of located) console.log(`  ${to}`);
}

const kept = (f) => keep.some((k) => (k.endsWith('/') ? f.startsWith(k) : f.replace(/\.test(\.tsx?)$/, '$1') === k));
const placed = (f) => newFolders.some((d) => f.startsWith(d));
const left = [];
for (const dir of oldFolders) {
  if (!existsSync(join(ROOT, dir))) continue;
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const f = relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/');
    if (!kept(f) && !placed(f)) left.push(f);
  }
}
if (left.length) console.log(`\nleft in old folders, placed by no line of the map:\n  ${left.sort().join('\n  ')}`);
console.log('\nnext: npx biome check --write . (import order), then the checks.');
