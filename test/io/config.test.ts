import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/io/config/loadConfig.js';

const load = (raw: unknown) => resolveConfig(raw, '/nowhere', 'config.json');

describe('the config', () => {
  it.each([
    [
      { send_rate: { lines_per_second: 0.0000001 } },
      'send_rate.lines_per_second: must be at least 0.2',
    ],
    [{ send_rate: { lines_per_second: 1e9 } }, 'send_rate.lines_per_second: must be at most 100'],
    [{ send_rate: { burst: 1e6 } }, 'send_rate.burst: must be at most 100 lines'],
    [
      { trusted_proxies: ['10.0.0.0/33'] },
      'trusted_proxies.0: must be an IP address or a CIDR range',
    ],
    [{ trusted_proxies: ['proxy.example.org'] }, 'trusted_proxies.0: must be an IP address'],
  ])('refuses %j, naming the key', async (raw, problem) => {
    await expect(load(raw)).rejects.toThrow(`config.json: ${problem}`);
  });

  it('takes trusted proxies as addresses and ranges', async () => {
    const { config } = await load({ trusted_proxies: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'] });
    expect(config.trusted_proxies).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
  });
});
