import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_HOSTS } from './hosts.ts';

export interface SandboxCerts {
  key: string;
  cert: string;
  ca: string;
  /** base64 SHA-256 of each certificate's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiHashes: string[];
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

function spkiHash(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Whether a certificate made earlier names every host played now (a state folder may predate a new host). */
function coversEveryHost(file: string): boolean {
  const names = (new X509Certificate(readFileSync(file)).subjectAltName ?? '').split(', ');
  return SANDBOX_HOSTS.every((h) => names.includes(`DNS:${h}`));
}

/** A local CA and one server certificate for every Microsoft host the sandbox plays; made once per folder. */
export function ensureCerts(dir: string): SandboxCerts {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'server.crt')) || !coversEveryHost(join(dir, 'server.crt'))) {
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '825',
        '-subj',
        '/CN=Invite Here sandbox CA',
      ],
      dir,
    );
    openssl(
      [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'server.key',
        '-out',
        'server.csr',
        '-subj',
        '/CN=Invite Here sandbox cloud',
      ],
      dir,
    );
    writeFileSync(
      join(dir, 'server.ext'),
      `subjectAltName=${SANDBOX_HOSTS.map((h) => `DNS:${h}`).join(',')},DNS:localhost,IP:127.0.0.1\n` +
        'extendedKeyUsage=serverAuth\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'server.crt',
        '-days',
        '825',
        '-extfile',
        'server.ext',
      ],
      dir,
    );
  }
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const cert = read('server.crt');
  const ca = read('ca.crt');
  return { key: read('server.key'), cert, ca, spkiHashes: [spkiHash(cert), spkiHash(ca)] };
}
