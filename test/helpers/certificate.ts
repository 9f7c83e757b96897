import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

/** A throwaway self-signed certificate and its key in `dir`, readable by every user. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=test.local',
    ],
    { stdio: 'ignore' },
  );
  for (const f of [key, cert]) chmodSync(f, 0o644);
  return { cert, key };
}
