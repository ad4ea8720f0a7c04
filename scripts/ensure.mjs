// Runs before `npm start` and `npm test` (npm's prestart / pretest), with Node alone: nothing else may be installed
// yet. Installs the npm dependencies when the lock file changed since the last install, and the Debian packages the
// browsers and the sandbox need when run as root; otherwise names what is missing in one sentence.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// The commands the suite runs, and the Debian package that brings each.
const PACKAGES = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/firefox-esr', 'firefox-esr'],
  ['openssl', 'openssl'],
  ['certutil', 'libnss3-tools'],
];

const onPath = (command) => {
  if (command.startsWith('/')) return existsSync(command);
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const missing = PACKAGES.filter(([command]) => !onPath(command)).map(([, pkg]) => pkg);
if (missing.length > 0) {
  if (process.getuid?.() === 0) {
    console.log(`Installing ${missing.join(', ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  } else {
    console.error(`Install these Debian packages first (as root): apt-get install ${missing.join(' ')}`);
    process.exit(1);
  }
}

// npm ci when the lock file is not the one node_modules was installed from (or nothing is installed).
const lock = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const marker = join(root, 'node_modules', '.installed-lock');
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== lock) {
  console.log('Installing the npm dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(marker, lock);
}
