import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook may never reach (SSRF): loopback, private, shared (CGNAT), link-local (with
 * the cloud metadata service 169.254.169.254), unspecified, multicast, reserved and their IPv6
 * counterparts, including IPv4-mapped IPv6.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is checked as its IPv4 address in isBlockedAddress: a
// ::ffff:0:0/96 rule here would also match every IPv4 address (BlockList maps them).
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** True when `address` (a literal IP) is one a webhook must not reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1], 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

export class BlockedTargetError extends Error {
  readonly code = 'EBLOCKEDTARGET';
}

/**
 * A `lookup` for http.Agent: resolves the name and refuses the connection when an address it would
 * use is blocked. Used on every new connection, so a name that later resolves to a private address
 * (DNS rebinding) is refused then too.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isBlockedAddress(a.address));
      if (usable.length === 0) {
        return callback(new BlockedTargetError(`${hostname} resolves only to addresses webhooks may not reach`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
}

/** Resolves a URL's host and says why it may not be a webhook target, or undefined when it may. */
export async function refuseTarget(url: URL, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isBlockedAddress(host) ? 'points at a loopback, private, link-local or metadata address' : undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'points at a loopback address';
  const addresses = await new Promise<LookupAddress[] | undefined>((resolve) =>
    dnsLookup(host, { all: true }, (err, a) => resolve(err ? undefined : a)),
  );
  if (!addresses || addresses.length === 0) return 'does not resolve';
  return addresses.some((a) => isBlockedAddress(a.address)) ? 'resolves to a loopback, private, link-local or metadata address' : undefined;
}
