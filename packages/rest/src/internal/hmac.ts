/**
 * The digests of webhook signatures, from the runtime's Web Crypto (`globalThis.crypto.subtle`:
 * Node 20+, browsers, Deno, Bun, workers), so the REST package needs no runtime module. Web Crypto
 * is asynchronous: digests are Effects. `hex`, `base64` encode bytes; `constantTimeEqual` compares
 * two strings in time that depends only on their lengths.
 */
import * as Effect from "effect/Effect"

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)

/**
 * The raw key bytes of an HMAC key. Web Crypto refuses an empty key; HMAC pads every key with
 * zeros to the hash's block size, so an empty key and a single zero byte are the same key.
 */
const keyBytes = (key: string): Uint8Array<ArrayBuffer> => (key === "" ? new Uint8Array(1) : utf8(key))

/** HMAC-SHA1 (RFC 2104) under `key` (UTF-8): a function from a message (UTF-8) to its MAC. */
export const hmacSha1 = (key: string): Effect.Effect<(message: string) => Effect.Effect<Uint8Array>> =>
  Effect.map(
    Effect.promise(() => globalThis.crypto.subtle.importKey("raw", keyBytes(key), { name: "HMAC", hash: "SHA-1" }, false, ["sign"])),
    (cryptoKey) => (message: string) =>
      Effect.promise(async () => new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, utf8(message))))
  )

/** The SHA-256 of `text` (UTF-8), in lower-case hex. */
export const sha256Hex = (text: string): Effect.Effect<string> =>
  Effect.promise(async () => hex(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", utf8(text)))))

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

export const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

/** Equal strings, compared in time independent of where they differ. */
export const constantTimeEqual = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (i < b.length ? b.charCodeAt(i) : 0)
  return diff === 0
}
