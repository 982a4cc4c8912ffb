/**
 * HMAC-SHA1 and SHA-256, synchronous and free of any runtime module (the REST package runs in
 * Node, browsers and workers alike; Web Crypto would make signing asynchronous). Digests are
 * bytes; `hex`, `base64` encode them; `constantTimeEqual` compares two strings in time that
 * depends only on their lengths.
 */

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n))
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))

/** The message padded to whole 64-byte blocks with its bit length (big-endian) at the end. */
const padded = (message: Uint8Array): DataView => {
  const length = Math.ceil((message.length + 9) / 64) * 64
  const bytes = new Uint8Array(length)
  bytes.set(message)
  bytes[message.length] = 0x80
  const view = new DataView(bytes.buffer)
  const bits = message.length * 8
  view.setUint32(length - 8, Math.floor(bits / 0x1_0000_0000))
  view.setUint32(length - 4, bits >>> 0)
  return view
}

const output = (words: ReadonlyArray<number>): Uint8Array => {
  const out = new Uint8Array(words.length * 4)
  const view = new DataView(out.buffer)
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0))
  return out
}

/** SHA-1 (FIPS 180-4). */
export const sha1 = (message: Uint8Array): Uint8Array => {
  const view = padded(message)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Array<number>(80)
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4)
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1)
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let t = 0; t < 80; t++) {
      const [f, k] = t < 20
        ? [(b & c) | (~b & d), 0x5a827999]
        : t < 40
        ? [b ^ c ^ d, 0x6ed9eba1]
        : t < 60
        ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
        : [b ^ c ^ d, 0xca62c1d6]
      const temp = (rotl(a, 5) + f + e + k + w[t]!) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = temp
    }
    h[0] = (h[0]! + a) | 0
    h[1] = (h[1]! + b) | 0
    h[2] = (h[2]! + c) | 0
    h[3] = (h[3]! + d) | 0
    h[4] = (h[4]! + e) | 0
  }
  return output(h)
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]

/** SHA-256 (FIPS 180-4). */
export const sha256 = (message: Uint8Array): Uint8Array => {
  const view = padded(message)
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
  const w = new Array<number>(64)
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4)
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15]!, 7) ^ rotr(w[t - 15]!, 18) ^ (w[t - 15]! >>> 3)
      const s1 = rotr(w[t - 2]!, 17) ^ rotr(w[t - 2]!, 19) ^ (w[t - 2]! >>> 10)
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number]
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
      hh = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    ;[a, b, c, d, e, f, g, hh].forEach((v, i) => {
      h[i] = (h[i]! + v) | 0
    })
  }
  return output(h)
}

/** HMAC-SHA1 (RFC 2104) of `message` under `key` (both UTF-8). */
export const hmacSha1 = (key: string, message: string): Uint8Array => {
  let k = utf8(key)
  if (k.length > 64) k = sha1(k)
  const inner = new Uint8Array(64)
  const outer = new Uint8Array(64)
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36
    outer[i] = (k[i] ?? 0) ^ 0x5c
  }
  const m = utf8(message)
  const first = new Uint8Array(64 + m.length)
  first.set(inner)
  first.set(m, 64)
  const second = new Uint8Array(64 + 20)
  second.set(outer)
  second.set(sha1(first), 64)
  return sha1(second)
}

export const sha256Hex = (text: string): string => hex(sha256(utf8(text)))

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

export const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

/** Equal strings, compared in time independent of where they differ. */
export const constantTimeEqual = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (i < b.length ? b.charCodeAt(i) : 0)
  return diff === 0
}
