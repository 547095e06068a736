import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

const trustProxy = (value: string | undefined) => loadConfig({ NODE_ENV: 'test', ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;

describe('TRUST_PROXY', () => {
  it('trusts only a proxy on this machine by default', () => {
    expect(trustProxy(undefined)).toBe('loopback');
  });

  it('takes true, false, a number of hops, or a list of named ranges, addresses and CIDR ranges', () => {
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7')).toBe('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7');
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1']) expect(() => trustProxy(bad)).toThrow(ConfigError);
    expect(() => trustProxy('yes')).toThrow(/TRUST_PROXY/);
  });
});
