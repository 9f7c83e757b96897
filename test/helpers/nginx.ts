import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { selfSignedCertificate } from './certificate.js';
import { tempDir } from './harness.js';
import { exited } from './ngircd.js';
import { freePort } from './ports.js';

/** The example site from the repository, as the README gives it. */
export const SITE = new URL('../../deploy/nginx-ptgbot.conf', import.meta.url).pathname;

/** Resolves once something accepts connections on the port (nginx says nothing when ready). */
async function accepting(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode})`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
  }
}

/**
 * Debian's nginx on a free loopback port with a throwaway certificate, running the example
 * site with only its port, certificate and upstream changed to the test's.
 */
export async function startNginx(
  upstreamPort: number,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const dir = tempDir();
  chmodSync(dir.path, 0o755);
  const port = await freePort();
  const { cert, key } = selfSignedCertificate(dir.path);
  const site = readFileSync(SITE, 'utf8')
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
    .replace('/etc/ssl/certs/ptg.example.org.pem', cert)
    .replace('/etc/ssl/private/ptg.example.org.key', key)
    .replace('http://127.0.0.1:8080/', `http://127.0.0.1:${upstreamPort}/`);
  writeFileSync(join(dir.path, 'site.conf'), site);
  const temp = join(dir.path, 'temp');
  mkdirSync(temp);
  chmodSync(temp, 0o777);
  const conf = join(dir.path, 'nginx.conf');
  writeFileSync(
    conf,
    `pid ${join(dir.path, 'nginx.pid')};
error_log ${join(dir.path, 'error.log')};
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${join(dir.path, 'site.conf')};
}
`,
  );
  const child = spawn('nginx', ['-p', dir.path, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await accepting(port, child);
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
      dir.cleanup();
    },
  };
}
