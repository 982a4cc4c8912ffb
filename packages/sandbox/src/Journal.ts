/**
 * The sandbox's frame journal: every frame each connection received and sent, in order, so tests
 * can assert what went over the wire.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type { RelayFrame } from "@signalwire-effect/relay"

/**
 * One frame as the sandbox saw it. `direction` is from the sandbox's side: `"in"` came from a
 * client, `"out"` went to one. `frame` is the decoded frame, `undefined` for malformed text.
 * `at` is the sandbox Clock's time in milliseconds.
 *
 *
 * @example
 * ```ts
 * import type { Journal } from "@signalwire-effect/sandbox"
 *
 * const isInbound = (entry: Journal.JournalEntry) => entry.direction === "in"
 * ```
 * @since 0.1.0
 */
export interface JournalEntry {
  readonly seq: number
  readonly connection: number
  readonly direction: "in" | "out"
  readonly at: number
  readonly text: string
  readonly frame: RelayFrame.Frame | undefined
}

/**
 * A request frame together with the connection it came in on.
 *
 *
 * @example
 * ```ts
 * import type { Journal } from "@signalwire-effect/sandbox"
 *
 * const callIdOf = (request: Journal.ReceivedRequest) => request.params.call_id
 * ```
 * @since 0.1.0
 */
export interface ReceivedRequest {
  readonly seq: number
  readonly connection: number
  readonly id: RelayFrame.RequestId | undefined
  readonly method: string
  readonly params: RelayFrame.JsonObject
}

/**
 * Reading the journal.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const connectFrames = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   const connects = yield* sandbox.journal.requests("signalwire.connect")
 *   return connects.map((r) => r.params.protocol)
 * })
 * ```
 * @since 0.1.0
 */
export interface Journal {
  /** Every entry still held (the oldest are forgotten beyond the journal's capacity). */
  readonly entries: Effect.Effect<ReadonlyArray<JournalEntry>>
  /** Requests the clients sent, optionally only those of one method. */
  readonly requests: (method?: string) => Effect.Effect<ReadonlyArray<ReceivedRequest>>
  /** Requests the sandbox sent to clients (events, pings, disconnects), optionally of one method. */
  readonly sent: (method?: string) => Effect.Effect<ReadonlyArray<ReceivedRequest>>
  /**
   * The first entry, after sequence number `since` (default: any), that satisfies the predicate;
   * waits for it if it has not happened yet. Bound it with `Effect.timeout` in tests.
   */
  readonly waitFor: (predicate: (entry: JournalEntry) => boolean, since?: number) => Effect.Effect<JournalEntry>
  /** Waits for a client request of the given method (after `since`). */
  readonly waitForRequest: (method: string, since?: number) => Effect.Effect<ReceivedRequest>
  /**
   * The replies (ACKs, results, errors) clients sent to a request the sandbox sent (an event, a
   * ping, a disconnect), by that request's id.
   */
  readonly repliesTo: (id: RelayFrame.RequestId) => Effect.Effect<ReadonlyArray<JournalEntry>>
  /** Waits for a client's reply to the sandbox request with this id (after `since`). */
  readonly waitForReply: (id: RelayFrame.RequestId, since?: number) => Effect.Effect<JournalEntry>
  /** The sequence number of the latest entry; pass it as `since` to wait only for what comes next. */
  readonly mark: Effect.Effect<number>
  /** Forgets every entry. */
  readonly clear: Effect.Effect<void>
}
