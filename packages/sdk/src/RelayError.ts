/**
 * `RelayError`: what every failing RELAY operation of the facade rejects with.
 *
 * @since 0.1.0
 */

/**
 * A RELAY failure: a server refusal (`code` is the server's status or JSON-RPC error code), or a
 * client-side failure (`code` is `-1`): `Connection closed`, `Connection closed during dial`,
 * `Dial failed (tag=…)`, `Dial timed out waiting for answer (tag=…)`, `Request timeout for
 * <method>`, `Execute queue full — too many requests while disconnected`.
 *
 * Formatted versus raw `message` (DIFFERENCES.md, "Other deviations"): `message` is the TypeScript reference's
 * formatted text, `"RELAY error <code>: <text>"`, so code written against that SDK (and its logs)
 * reads the same; the text alone is {@link RelayError.rawMessage} (what the Python reference puts
 * in `message`). When the failure came from the Effect core, the core's typed error is the standard
 * `cause`.
 *
 * @example
 * ```ts
 * import { RelayClient, RelayError } from "@signalwire-effect/sdk"
 *
 * const client = new RelayClient({ project: "p", token: "t" })
 * try {
 *   await client.execute("signalwire.receive", { contexts: ["office"] })
 * } catch (error) {
 *   if (error instanceof RelayError && error.code === -1) console.log(error.rawMessage) // e.g. "Connection closed"
 * }
 * ```
 * @since 0.1.0
 */
export class RelayError extends Error {
  /** The server's code, the JSON-RPC error code, or `-1` for client-side failures. */
  readonly code: number
  /** The text without the `RELAY error <code>: ` prefix. */
  readonly rawMessage: string

  constructor(code: number, message: string, options?: { readonly cause?: unknown }) {
    super(`RELAY error ${code}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = "RelayError"
    this.code = code
    this.rawMessage = message
  }
}
