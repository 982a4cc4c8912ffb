/**
 * Small helpers of the reference SDK: `safeAssign` (copy properties without prototype
 * pollution) and `isServerlessMode` (the platform detected from the environment, as
 * `@signalwire-effect/agents`' `Serverless.executionMode`).
 *
 * @since 0.1.0
 */
import { Serverless } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"

const DANGEROUS_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"])

/**
 * `Object.assign(target, source)` for untrusted `source`: own enumerable keys are copied except
 * `__proto__`, `constructor` and `prototype`, so a JSON body cannot reach `Object.prototype`.
 *
 * @example
 * ```ts
 * import { safeAssign } from "@signalwire-effect/sdk"
 *
 * const target: Record<string, unknown> = {}
 * safeAssign(target, JSON.parse('{"__proto__": {"admin": true}, "name": "Ada"}')) // { name: "Ada" }
 * ```
 * @since 0.1.0
 */
export const safeAssign = <T extends Record<string, unknown>>(target: T, source: Record<string, unknown>): T => {
  const into = target as Record<string, unknown>
  for (const key of Object.keys(source)) {
    if (!DANGEROUS_KEYS.has(key)) into[key] = source[key]
  }
  return target
}

/**
 * Whether the process runs on a serverless platform (Lambda, Google Cloud Functions, Azure
 * Functions, CGI) rather than as a long-lived server, judged from the environment.
 *
 * @example
 * ```ts
 * import { isServerlessMode } from "@signalwire-effect/sdk"
 *
 * if (!isServerlessMode()) console.log("running as a server")
 * ```
 * @since 0.1.0
 */
export const isServerlessMode = (): boolean => Effect.runSync(Serverless.isServerless)
