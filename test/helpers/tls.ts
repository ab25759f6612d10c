import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** A self-signed certificate for 127.0.0.1, made with openssl in a fresh folder. */
export function selfSignedCertificate(): { dir: string; key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'pipe' },
  );
  return { dir, key, cert };
}

/**
 * Trusts `certPath` in this process from now on, as NODE_EXTRA_CA_CERTS does for a process
 * started with it (which is read only at start): for in-process tests of HTTPS clients.
 */
export function trustInProcess(certPath: string): void {
  const pem = fs.readFileSync(certPath, 'utf8');
  const current = tls.getCACertificates('default');
  if (!current.includes(pem)) tls.setDefaultCACertificates([...current, pem]);
}
