/**
 * Constant-time comparison of secrets: both sides are reduced to fixed-size HMAC digests (under a
 * process-local key) and compared with `timingSafeEqual`, so neither length nor content leaks
 * through timing. A digest of a known secret can be computed once and reused.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"

const key = randomBytes(32)

export const digestOf = (text: string): Buffer => createHmac("sha256", key).update(text, "utf8").digest()

export const constantTimeEqualDigest = (a: Buffer, b: Buffer): boolean => timingSafeEqual(a, b)

export const constantTimeEqual = (a: string, b: string): boolean =>
  timingSafeEqual(digestOf(a), digestOf(b)) && a.length === b.length
