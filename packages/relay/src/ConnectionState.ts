/**
 * The life of a client's connection, as the `state` stream reports it.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type { AuthRejected } from "./RelayError.js"

/**
 * - `Connecting`: the first connection is being opened and authenticated (`attempt` counts from 1).
 * - `Connected`: authenticated; `sessionRestored` is true when the server resumed the previous
 *   session (same `protocol`); `session` counts the sessions this client established (1, 2, …),
 *   not its connection attempts.
 * - `Reconnecting`: the session was lost and attempt `attempt` at a new one is pending or under
 *   way (reported before the backoff wait); `reason` is why the session ended, or why the
 *   previous attempt failed.
 * - `AuthFailed`: the credentials were refused too often; the client has stopped trying.
 * - `Closed`: the client's scope closed (or the reconnect schedule gave up, with `reason`).
 *
 * @example
 * ```ts
 * import { ConnectionState, RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 *
 * const logStates = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   yield* relay.state.pipe(
 *     Stream.runForEach((s) => Effect.log(ConnectionState.describe(s)))
 *   )
 * })
 * ```
 * @since 0.1.0
 */
export type ConnectionState = Data.TaggedEnum<{
  Connecting: { readonly attempt: number }
  Connected: { readonly protocol: string; readonly sessionRestored: boolean; readonly session: number }
  Reconnecting: { readonly attempt: number; readonly reason: string }
  AuthFailed: { readonly error: AuthRejected }
  Closed: { readonly reason: string | undefined }
}>

/**
 * Constructors and `$is` / `$match` helpers for {@link ConnectionState}.
 *
 * @example
 * ```ts
 * import { ConnectionState } from "@signalwire-effect/relay"
 *
 * ConnectionState.ConnectionState.$is("Connected")(ConnectionState.ConnectionState.Closed({ reason: undefined })) // false
 * ```
 * @since 0.1.0
 */
export const ConnectionState = Data.taggedEnum<ConnectionState>()

/**
 * A one-line, human-readable description of a state.
 *
 * @example
 * ```ts
 * import { ConnectionState } from "@signalwire-effect/relay"
 *
 * ConnectionState.describe(ConnectionState.ConnectionState.Connecting({ attempt: 1 })) // "connecting (attempt 1)"
 * ```
 * @since 0.1.0
 */
export const describe: (state: ConnectionState) => string = ConnectionState.$match({
  Connecting: ({ attempt }) => `connecting (attempt ${attempt})`,
  Connected: ({ protocol, session, sessionRestored }) =>
    `connected: session #${session}, protocol ${protocol}${sessionRestored ? " (resumed)" : " (new)"}`,
  Reconnecting: ({ attempt, reason }) => `reconnecting (attempt ${attempt}) after: ${reason}`,
  AuthFailed: ({ error }) => `authentication failed: ${error.message}`,
  Closed: ({ reason }) => (reason === undefined ? "closed" : `closed: ${reason}`)
})
