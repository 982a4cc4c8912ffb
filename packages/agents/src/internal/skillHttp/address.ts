/**
 * Which IP addresses an outbound skill must not reach: private, loopback, link-local, CGNAT,
 * unique-local, unspecified, multicast and reserved ranges of IPv4 and IPv6, with IPv4 addresses
 * embedded in IPv6 (v4-mapped, v4-compatible, NAT64, 6to4) checked as IPv4.
 */
import { isIPv4, isIPv6 } from "node:net"

/** `a.b.c.d` → 32-bit number, or undefined when not a dotted quad. */
const parseV4 = (text: string): number | undefined => {
  if (!isIPv4(text)) return undefined
  const parts = text.split(".").map(Number)
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0
}

/** An IPv6 literal (optionally with a zone and an embedded dotted quad) → 8 hextets. */
const parseV6 = (text: string): ReadonlyArray<number> | undefined => {
  const bare = text.split("%")[0]!
  if (!isIPv6(bare)) return undefined
  let head = bare
  const tail: Array<number> = []
  const lastColon = head.lastIndexOf(":")
  const last = head.slice(lastColon + 1)
  if (last.includes(".")) {
    const v4 = parseV4(last)
    if (v4 === undefined) return undefined
    tail.push(v4 >>> 16, v4 & 0xffff)
    head = head.slice(0, lastColon + 1) + "0"
  }
  const halves = head.split("::")
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((h) => parseInt(h, 16)))
  const left = groups(halves[0]!)
  const right = halves.length > 1 ? groups(halves[1]!) : []
  if (tail.length > 0) {
    // the "0" placeholder stands for the two hextets of the dotted quad
    if (halves.length > 1) right.pop()
    else left.pop()
  }
  const fill = 8 - left.length - right.length - tail.length
  if (halves.length === 1 && fill !== 0) return undefined
  return [...left, ...Array.from({ length: Math.max(fill, 0) }, () => 0), ...right, ...tail]
}

const v4Ranges: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata 169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4] // reserved, broadcast
]

const v4Blocked = (address: number): boolean =>
  v4Ranges.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
    return ((address & mask) >>> 0) === ((parseV4(base)! & mask) >>> 0)
  })

const v6Blocked = (h: ReadonlyArray<number>): boolean => {
  const embedded = (hi: number, lo: number) => v4Blocked(((hi << 16) >>> 0) + lo)
  const zeroUpTo = (n: number) => h.slice(0, n).every((x) => x === 0)
  if (h.every((x) => x === 0)) return true // :: unspecified
  if (zeroUpTo(7) && h[7] === 1) return true // ::1 loopback
  if (zeroUpTo(5) && h[5] === 0xffff) return embedded(h[6]!, h[7]!) // ::ffff:a.b.c.d v4-mapped
  if (zeroUpTo(6)) return embedded(h[6]!, h[7]!) // ::a.b.c.d v4-compatible (deprecated)
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return embedded(h[6]!, h[7]!) // NAT64
  if (h[0] === 0x2002) return embedded(h[1]!, h[2]!) // 6to4
  const first = h[0]!
  if ((first & 0xfe00) === 0xfc00) return true // fc00::/7 unique local (AWS metadata fd00:ec2::254)
  if ((first & 0xffc0) === 0xfe80) return true // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true // fec0::/10 site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return true // multicast
  if (first === 0x100 && zeroUpTo(4)) return true // 100::/64 discard
  return false
}

/** Whether `ip` (an IPv4 or IPv6 literal, brackets allowed) is an address skills must not reach. */
export const isPrivateAddress = (ip: string): boolean => {
  const text = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip
  const v4 = parseV4(text)
  if (v4 !== undefined) return v4Blocked(v4)
  const v6 = parseV6(text)
  if (v6 !== undefined) return v6Blocked(v6)
  return false
}

/** Whether `host` is an IP literal (v4 or bracketed/bare v6). */
export const isIpLiteral = (host: string): boolean => {
  const text = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host
  return isIPv4(text) || isIPv6(text.split("%")[0]!)
}
