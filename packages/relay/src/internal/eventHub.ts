/**
 * Where decoded events go: the `events` subscribers (each a bounded Mailbox of its own) and the
 * capabilities built on the connection (calls, messaging), which register listeners.
 *
 * Publishing runs on the connection's dispatcher, so it never waits: a subscriber that falls
 * behind fails with EventOverflow rather than stall the others, and listeners are internal code
 * that routes synchronously and hands anything user-provided to fibers of its own.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Mailbox from "effect/Mailbox"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { ClientClosed, EventOverflow, type EventStreamError } from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import * as metrics from "../RelayMetrics.js"

/** Hooks for capabilities built on the connection (calls, messaging): events and lifecycle, in order. */
export interface Listener {
  readonly onEvent?: (event: RelayEvent.RelayEvent) => Effect.Effect<void>
  /** A session was lost; its in-flight requests have already failed with ConnectionLost. */
  readonly onSessionLost?: (reason: string) => void
  /**
   * A new session replaced the previous one (it was not resumed): what belonged to the old one
   * will never be reported on again. Runs on the supervisor before the new session goes live.
   */
  readonly onSessionReplaced?: (reason: string) => Effect.Effect<void>
  /** The connection gave up or is closing: fail every waiter with this error. */
  readonly onClose?: (error: ClientClosed) => void
}

export interface EventHub {
  readonly publish: (event: RelayEvent.RelayEvent) => Effect.Effect<void>
  readonly subscribe: Effect.Effect<Stream.Stream<RelayEvent.RelayEvent, EventStreamError>, never, Scope.Scope>
  /** `subscribe`'s bounded Mailbox itself, for a consumer that drains it with `takeAll` (no Stream). */
  readonly subscribeMailbox: Effect.Effect<Mailbox.ReadonlyMailbox<RelayEvent.RelayEvent, EventStreamError>, never, Scope.Scope>
  readonly addListener: (listener: Listener) => Effect.Effect<void, never, Scope.Scope>
  readonly sessionLost: (reason: string) => void
  readonly sessionReplaced: (reason: string) => Effect.Effect<void>
  /** Ends every subscription with ClientClosed and tells the listeners; later subscribers end at once. */
  readonly close: () => void
}

export const make = (eventBufferSize: number): EventHub => {
  const subscribers = new Set<Mailbox.Mailbox<RelayEvent.RelayEvent, EventStreamError>>()
  const listeners = new Set<Listener>()
  let closed = false

  const subscribeMailbox = Effect.gen(function*() {
    const mailbox = yield* Mailbox.make<RelayEvent.RelayEvent, EventStreamError>(eventBufferSize)
    if (closed) mailbox.unsafeDone(Exit.fail(new ClientClosed({ operation: "events" })))
    else subscribers.add(mailbox)
    yield* Effect.addFinalizer(() => Effect.sync(() => subscribers.delete(mailbox)))
    return mailbox
  })

  return {
    publish: (event) => {
      for (const mailbox of subscribers) {
        if (!mailbox.unsafeOffer(event)) {
          subscribers.delete(mailbox)
          metrics.subscriberOverflow.unsafeUpdate(1, [])
          mailbox.unsafeDone(Exit.fail(new EventOverflow({ capacity: eventBufferSize })))
        }
      }
      let routed: Effect.Effect<void> = Effect.void
      for (const listener of listeners) {
        if (listener.onEvent === undefined) continue
        const next = listener.onEvent(event)
        if (next !== Effect.void) routed = routed === Effect.void ? next : Effect.zipRight(routed, next)
      }
      return routed
    },
    subscribe: Effect.map(subscribeMailbox, Mailbox.toStream),
    subscribeMailbox,
    addListener: (listener) =>
      Effect.acquireRelease(
        Effect.sync(() => listeners.add(listener)),
        () => Effect.sync(() => listeners.delete(listener))
      ).pipe(Effect.asVoid),
    sessionLost: (reason) => {
      for (const listener of listeners) listener.onSessionLost?.(reason)
    },
    sessionReplaced: (reason) =>
      Effect.forEach(listeners, (listener) => listener.onSessionReplaced?.(reason) ?? Effect.void, { discard: true }),
    close: () => {
      if (closed) return
      closed = true
      const error = new ClientClosed({ operation: "disconnect" })
      for (const listener of listeners) listener.onClose?.(error)
      for (const mailbox of subscribers) mailbox.unsafeDone(Exit.fail(new ClientClosed({ operation: "events" })))
      subscribers.clear()
    }
  }
}

/** `events`: a subscription per run of the stream. */
export const events = (hub: EventHub): Stream.Stream<RelayEvent.RelayEvent, EventStreamError> =>
  Stream.unwrapScoped(hub.subscribe)
