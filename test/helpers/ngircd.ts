import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCertificate } from './certificate.js';
import { tempDir } from './harness.js';
import { freePort } from './ports.js';

export interface IrcServer {
  port: number;
  /** Kills the server process (SIGKILL): every connection drops at once. */
  kill: () => Promise<void>;
  /** Starts it again on the same port. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)),
    );
  });
}

/** The [SSL] section for the test server's TLS port: a throwaway certificate, readable by nobody. */
function sslSection(dir: string, tlsPort: number): string {
  const { cert, key } = selfSignedCertificate(dir);
  const dh = join(dir, 'dh.pem');
  // ffdhe2048 is a standard group: no slow generation of DH parameters at every start.
  execFileSync(
    'openssl',
    ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', dh],
    { stdio: 'ignore' },
  );
  chmodSync(dh, 0o644);
  return `[SSL]\nCertFile = ${cert}\nKeyFile = ${key}\nDHFile = ${dh}\nPorts = ${tlsPort}\n`;
}

export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** An IRC operator of the test server (`OPER name password`), who may KILL a connection. */
export const OPER = { name: 'testoper', password: 'testoper-secret' };

/**
 * Debian's ngircd on a free loopback port, as nobody, in its own temp dir. `penalty`
 * keeps ngircd's default flood penalty; by default it is off so tests run fast.
 */
export async function startNgircd(
  options: { penalty?: boolean; tls?: boolean } = {},
): Promise<IrcServer & { tlsPort: number | null }> {
  const dir = tempDir();
  chmodSync(dir.path, 0o755);
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  const tls = tlsPort === null ? '' : sslSection(dir.path, tlsPort);
  const conf = join(dir.path, 'ngircd.conf');
  writeFileSync(
    conf,
    `[Global]
Name = irc.test.local
Info = ptgbot test server
Listen = 127.0.0.1
Ports = ${port}
MotdPhrase = test server
[Limits]
MaxConnectionsIP = 0
MaxJoins = 0
MaxNickLength = 30
PingTimeout = 300
PongTimeout = 300
${options.penalty ? '' : 'MaxPenaltyTime = 0'}
[Operator]
Name = ${OPER.name}
Password = ${OPER.password}
[Options]
DNS = no
Ident = no
PAM = no
${tls}`,
  );
  chmodSync(conf, 0o644);
  let child: ChildProcess;
  const launch = async () => {
    const asRoot = process.getuid?.() === 0;
    child = asRoot
      ? spawn(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', 'ngircd', '-n', '-f', conf],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        )
      : spawn('ngircd', ['-n', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForOutput(child, /Now listening on/, 'ngircd');
  };
  await launch();
  return {
    port,
    tlsPort,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: launch,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
      dir.cleanup();
    },
  };
}
