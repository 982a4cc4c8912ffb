/**
 * Requests waited on with a callback instead of a fiber, for Promise facades over the client
 * (`@signalwire-effect/sdk` uses it): the same request path as `RelayClient.execute` and a call's
 * commands — the same request table, timeouts, queueing while disconnected and typed errors — with
 * a second way to wait on it. Each request then costs no fiber: the reply settles it where it
 * arrives (often in the socket callback) and the callback runs there, once.
 *
 * So the callback must be short and must not run user code: resolve a Promise and return. An
 * Effect program has no use for this module: `RelayClient.execute` already waits in the caller's
 * fiber. Imported by its own path only, not re-exported by the package's index.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Mailbox from "effect/Mailbox"
import type * as Scope from "effect/Scope"
import type * as Call from "./Call.js"
import * as internal from "./internal/callbacks.js"
import type * as RelayClient from "./RelayClient.js"
import type { CommandError, EventStreamError, RequestError } from "./RelayError.js"
import type { RelayEvent } from "./RelayEvent.js"
import type { JsonObject } from "./RelayFrame.js"

/**
 * Sends a request like `relay.execute(method, params, options)` and calls `callback` once with
 * its outcome (possibly before returning). Returns false, having sent nothing and without ever
 * calling `callback`, when the client traces frames or requests (those need a fiber) or was not
 * built by `RelayClient.make` / `RelayClient.layer`: use `relay.execute` then.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
 * import * as Effect from "effect/Effect"
 * import * as Exit from "effect/Exit"
 *
 * const ping = (relay: RelayClient.RelayClient["Type"]) =>
 *   new Promise<unknown>((resolve, reject) => {
 *     const sent = RelayCallbacks.execute(relay, "signalwire.ping", {}, undefined, (exit) =>
 *       Exit.isSuccess(exit) ? resolve(exit.value) : reject(exit.cause))
 *     // A tracing client: through a fiber instead.
 *     if (!sent) Effect.runPromise(relay.execute("signalwire.ping")).then(resolve, reject)
 *   })
 * ```
 * @since 0.1.0
 */
export const execute = (
  client: RelayClient.RelayClient["Type"],
  method: string,
  params: JsonObject,
  options: RelayClient.ExecuteOptions | undefined,
  callback: (outcome: Exit.Exit<JsonObject, RequestError>) => void
): boolean => internal.execute(client, method, params, options, callback)

/**
 * Sends a call-scoped command like the call's own verbs do (its `node_id` and `call_id`, then
 * `extra`) and calls `callback` once with its outcome: the result, or the same `CommandError` as
 * the verbs (`CallGone` for a call the platform no longer knows, …). Returns false, having sent
 * nothing, when the client traces calls, frames or requests, or `call` is not one of the client's
 * calls: use the call's Effect verbs then.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 * import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
 * import * as Exit from "effect/Exit"
 *
 * // calling.answer with no options, waited on by a Promise.
 * const answer = (call: Call.Call) =>
 *   new Promise<boolean>((resolve) => {
 *     const sent = RelayCallbacks.command(call, "calling.answer", {}, (exit) => resolve(Exit.isSuccess(exit)))
 *     if (!sent) resolve(false)
 *   })
 * ```
 * @since 0.1.0
 */
export const command = (
  call: Call.Call,
  method: string,
  extra: JsonObject,
  callback: (outcome: Exit.Exit<JsonObject, CommandError>) => void
): boolean => internal.command(call, method, extra, callback)

/**
 * `relay.subscribe` without the Stream: the subscription's bounded Mailbox itself, for one consumer
 * fiber that drains it with `takeAll` (the Stream's machinery per chunk is what a client-wide
 * consumer of every event pays most for). Same bound (`eventBufferSize`), same ends: it fails
 * with `EventOverflow` after what was buffered when the consumer falls behind, with `ClientClosed`
 * when the client closes. A client not built by `RelayClient.make` / `RelayClient.layer` is a defect.
 *
 * @example
 * ```ts
 * import type { RelayClient } from "@signalwire-effect/relay"
 * import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
 * import * as Effect from "effect/Effect"
 *
 * // Counts events until the client closes or the consumer falls behind.
 * const count = (relay: RelayClient.RelayClient["Type"]) =>
 *   Effect.scoped(
 *     Effect.gen(function* () {
 *       const events = yield* RelayCallbacks.subscribeEvents(relay)
 *       let seen = 0
 *       while (true) {
 *         const [batch, done] = yield* events.takeAll
 *         seen += batch.length
 *         // Ended: `await` fails with the reason (EventOverflow, ClientClosed), if any.
 *         if (done) return yield* Effect.as(events.await, seen)
 *       }
 *     }).pipe(Effect.catchAll(() => Effect.succeed(-1)))
 *   )
 * ```
 * @since 0.1.0
 */
export const subscribeEvents = (
  client: RelayClient.RelayClient["Type"]
): Effect.Effect<Mailbox.ReadonlyMailbox<RelayEvent, EventStreamError>, never, Scope.Scope> =>
  internal.subscribeEvents(client)
