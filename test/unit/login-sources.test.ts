// Where a sign-in comes from, as the throttle counts it: an IPv4 address, or an IPv6 /64 (one subscriber's).
import { describe, expect, it } from 'vitest';
import { sourceOf } from '../../lib/auth/login-throttle';

describe('sourceOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:0:0:0:1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
  ])('counts %s as %s', (ip, source) => {
    expect(sourceOf(ip)).toBe(source);
  });

  it('counts every address of one /64 as one source, and another /64 as another', () => {
    expect(sourceOf('2001:db8:1:2::a')).toBe(sourceOf('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(sourceOf('2001:db8:1:2::a')).not.toBe(sourceOf('2001:db8:1:3::a'));
  });

  it('has no source for no address', () => {
    expect(sourceOf(undefined)).toBeUndefined();
    expect(sourceOf('  ')).toBeUndefined();
  });
});
