import type { IrcSettings } from './ircConfig.js';

/** Why a connection to the IRC server failed, in words an organiser can act on. */
export function describeConnectError(error: Error, settings: IrcSettings): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const where = `${settings.server}:${settings.port}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: is the server running, and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the server name ${settings.server} could not be resolved (DNS)`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached (${code})`;
    case 'ECONNRESET':
      return `${where} closed the connection${settings.tls ? ' (is it a TLS port?)' : ''}`;
  }
  if (/SSL|TLS|certificate|wrong version number|packet length/i.test(`${code} ${error.message}`)) {
    const hint = /wrong version number|packet length/i.test(error.message)
      ? ' (TLS to a port that does not speak TLS?)'
      : /certificate|self.signed/i.test(error.message)
        ? ' (set irc_tls_verify to false for a self-signed certificate)'
        : '';
    return `the TLS handshake with ${where} failed: ${error.message}${hint}`;
  }
  return `${where}: ${code || error.message}`;
}
