/** IPv4 address-in-range test for registry IP rules (`1.2.3.4` or `1.2.3.0/24`). */

function toNumber(ip: string): number | undefined {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function ipInRange(ip: string, range: string): boolean {
  const [base, bitsText] = range.trim().split('/');
  const a = toNumber(ip);
  const b = toNumber(base);
  if (a === undefined || b === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * Whether every address of `inner` (an IP or a CIDR prefix, e.g. a public IP prefix `20.1.2.16/28`)
 * lies in `outer`: a firewall rule allows a prefix only when it covers all of it.
 */
export function rangeWithin(inner: string, outer: string): boolean {
  const [base, bitsText] = inner.trim().split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const outerBits = Number(outer.trim().split('/')[1] ?? 32);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32 || bits < outerBits) return false;
  return ipInRange(base!, outer);
}
