import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('trusts forwarded addresses from loopback by default, and reads TRUST_PROXY lists and false', () => {
    expect(parseEnv({}).trustProxy).toBe('loopback');
    expect(parseEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe('false');
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::1' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8, 2001:db8::1',
    );
  });

  it('names TRUST_PROXY and says what it accepts when a value is not an address, range or name', () => {
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.1/8/2', 'loopback,proxy.example.org']) {
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(
        /TRUST_PROXY: Use false, or a comma-separated list/,
      );
    }
  });

  it('bounds requests in flight by default and lets event-loop shedding be turned on', () => {
    const config = parseEnv({});
    expect(config.maxRequestsInFlight).toBe(1000);
    expect(config.maxEventLoopDelayMs).toBe(0);
    expect(parseEnv({ MAX_EVENT_LOOP_DELAY_MS: '500' }).maxEventLoopDelayMs).toBe(500);
    expect(() => parseEnv({ MAX_REQUESTS_IN_FLIGHT: '-1' })).toThrow(/MAX_REQUESTS_IN_FLIGHT/);
  });
});
