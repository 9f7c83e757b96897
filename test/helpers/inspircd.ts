import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './harness.js';
import { TestClient } from './ircClient.js';
import { exited, waitForOutput } from './ngircd.js';
import { freePort } from './ports.js';

export interface ServicesNetwork {
  /** Clients here get InspIRCd's default connect class: its real flood limits. */
  port: number;
  /** Clients here get a relaxed class, for test clients that send bursts. */
  relaxedPort: number;
  /** Registers an account with NickServ (the nick is the account name). */
  register: (account: string, password: string) => Promise<void>;
  stop: () => Promise<void>;
}

const LINK_PASSWORD = 'linkpw';

/**
 * Debian's InspIRCd linked to Atheme services, on free loopback ports in a temp dir:
 * accounts, SASL PLAIN, account-tag, extended-join and account-notify.
 */
export async function startInspircdWithServices(): Promise<ServicesNetwork> {
  const dir = tempDir();
  chmodSync(dir.path, 0o755);
  const [port, relaxedPort, linkPort] = [await freePort(), await freePort(), await freePort()];
  const conf = join(dir.path, 'inspircd.conf');
  writeFileSync(join(dir.path, 'motd.txt'), 'test network\n');
  writeFileSync(
    conf,
    `<server name="irc.test.local" description="ptgbot test" network="TestNet">
<admin name="test" nick="test" email="test@test.local">
<bind address="127.0.0.1" port="${port}" type="clients">
<bind address="127.0.0.1" port="${relaxedPort}" type="clients">
<bind address="127.0.0.1" port="${linkPort}" type="servers">
<connect name="relaxed" allow="*" port="${relaxedPort}" localmax="1000" globalmax="1000" useident="no" resolvehostnames="no" recvq="65536" threshold="1000" commandrate="1000000" fakelag="no" maxchans="100">
# The default class: InspIRCd's own flood limits (threshold, commandrate, recvq, fakelag).
<connect name="main" allow="*" port="${port}" localmax="1000" globalmax="1000" useident="no" resolvehostnames="no">
<module name="cap">
<module name="ircv3">
<module name="ircv3_accounttag">
<module name="ircv3_capnotify">
<module name="ircv3_servertime">
<module name="ircv3_batch">
<module name="namesx">
<module name="uhnames">
<module name="services_account">
<module name="svshold">
<module name="sasl">
<module name="spanningtree">
<sasl target="services.test.local" requiressl="no">
<link name="services.test.local" ipaddr="127.0.0.1" port="${linkPort}" allowmask="127.0.0.0/8" sendpass="${LINK_PASSWORD}" recvpass="${LINK_PASSWORD}">
<uline server="services.test.local" silent="yes">
<files motd="${join(dir.path, 'motd.txt')}">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="${join(dir.path, 'ircd.log')}">
<dns timeout="1">
<options defaultmodes="not">
`,
  );
  const atheme = join(dir.path, 'atheme.conf');
  const data = join(dir.path, 'data');
  mkdirSync(data);
  const modules = [
    'protocol/inspircd',
    'backend/opensex',
    'crypto/pbkdf2v2',
    'nickserv/main',
    'nickserv/register',
    'nickserv/identify',
    'nickserv/logout',
    'nickserv/info',
    'saslserv/main',
    'saslserv/plain',
  ];
  writeFileSync(
    atheme,
    `${modules.map((m) => `loadmodule "modules/${m}";`).join('\n')}
serverinfo {
  name = "services.test.local"; desc = "Test services"; numeric = "00A"; recontime = 1;
  netname = "TestNet"; hidehostsuffix = "users.test"; adminname = "test";
  adminemail = "test@test.local"; registeremail = "noreply@test.local"; mta = "/bin/true";
  loglevel = { error; info; }; maxlogins = 5; maxusers = 5; mdlimit = 30;
  emaillimit = 10; emailtime = 300; auth = none; casemapping = rfc1459;
};
uplink "irc.test.local" {
  host = "127.0.0.1"; send_password = "${LINK_PASSWORD}"; receive_password = "${LINK_PASSWORD}"; port = ${linkPort};
};
nickserv { nick = "NickServ"; user = "NickServ"; host = "services.test.local"; real = "Nickname Services"; maxnicks = 5; expire = 30; };
saslserv { nick = "SaslServ"; user = "SaslServ"; host = "services.test.local"; real = "SASL"; };
general { commit_interval = 5; flood_msgs = 1000; flood_time = 1; };
`,
  );
  for (const f of [conf, atheme]) chmodSync(f, 0o644);

  const ircd: ChildProcess = spawn(
    'inspircd',
    [
      '--nofork',
      '--nopid',
      `--config=${conf}`,
      ...(process.getuid?.() === 0 ? ['--runasroot'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForOutput(ircd, /is now running/, 'inspircd');
  const services: ChildProcess = spawn(
    'atheme-services',
    [
      '-n',
      '-c',
      atheme,
      '-D',
      data,
      '-l',
      join(dir.path, 'atheme.log'),
      '-p',
      join(dir.path, 'atheme.pid'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForOutput(services, /finished synching with uplink/, 'atheme-services');

  return {
    port,
    relaxedPort,
    register: async (account, password) => {
      const client = new TestClient(account, relaxedPort);
      await client.connect();
      client.say('NickServ', `REGISTER ${password} ${account}@test.local`);
      await client.waitFor((l) => l.nick === 'NickServ' && /registered/i.test(l.params[1] ?? ''));
      await client.quit();
    },
    stop: async () => {
      services.kill('SIGTERM');
      await exited(services);
      // InspIRCd may crash on SIGTERM at shutdown with some modules; the exit code does not matter here.
      ircd.kill('SIGTERM');
      await exited(ircd);
      dir.cleanup();
    },
  };
}
