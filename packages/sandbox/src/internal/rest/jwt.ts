/**
 * The tokens the sandbox's REST side issues (video room tokens, Fabric subscriber / guest /
 * invite / embed tokens): real JWTs (`header.payload.signature`, base64url) signed HS256 with a
 * key made when the sandbox starts, verifiable with {@link verify}.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"

export type Claims = Readonly<Record<string, unknown>>

export interface Signer {
  readonly sign: (claims: Claims) => string
  /** The claims of a token this signer issued, or `undefined` (bad shape or signature). */
  readonly verify: (token: string) => Claims | undefined
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

export const make = (key: Buffer = randomBytes(32)): Signer => {
  const mac = (data: string) => createHmac("sha256", key).update(data).digest()
  return {
    sign: (claims) => {
      const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`
      return `${body}.${mac(body).toString("base64url")}`
    },
    verify: (token) => {
      const parts = token.split(".")
      if (parts.length !== 3) return undefined
      const expected = mac(`${parts[0]}.${parts[1]}`)
      const given = Buffer.from(parts[2]!, "base64url")
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
      try {
        const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) as unknown
        return typeof claims === "object" && claims !== null ? claims as Claims : undefined
      } catch {
        return undefined
      }
    }
  }
}
