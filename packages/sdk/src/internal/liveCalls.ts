/**
 * The calls of one connection whose events the facade delivers to their `Call` objects, by call id.
 *
 * The client already reads every event of the connection from one subscription (for `onEvent` and
 * the messages it tracks); a call's events are routed from there, in that same fiber, to its
 * `Call`. So a live call costs an entry in this map and the fiber that serves it waiting for its
 * end, not a mailbox and a delivery loop of its own (a bounded `Mailbox` per call measured ~3.5 KB
 * per live call, more than the rest of the facade's call; bench/README.md). Listeners never run on
 * the connection's dispatcher: they run in the client's event fiber.
 *
 * The fiber serving a dialled call waits for the core's end of the call and then, if the call
 * ended, for its `ended` event to be delivered here (the subscription may be a little behind the
 * core), so that listeners and `waitForEnded()` see the real event; the inbound handler's fiber
 * waits for that delivery alone (`delivered`). `finish` (from that fiber's Scope) tells the Call that
 * delivery stopped, whatever the reason (ended, released, disconnected, session lost).
 */
import * as Effect from "effect/Effect"
import type { Call as CoreCall, RelayEvent as CoreEvent } from "@signalwire-effect/relay"
import type { Call } from "../Call.js"

/** One routed call: its Call, and the serving fiber's wake-up once the `ended` event was delivered. */
export interface LiveCall {
  readonly call: Call
  resume: (() => void) | undefined
}

const isEnded = (event: CoreEvent.RelayEvent) => event._tag === "CallState" && event.params.call_state === "ended"

const callIdOf = (event: CoreEvent.RelayEvent): unknown => (event.params as { readonly call_id?: unknown }).call_id

export class LiveCalls {
  readonly #calls = new Map<string, LiveCall>()

  /** Routes the call's events to `call` from now on. */
  add(call: Call): LiveCall {
    const live: LiveCall = { call, resume: undefined }
    this.#calls.set(call.callId, live)
    return live
  }

  /** Delivers an event of the connection to its call's listeners, if the call is routed here. */
  route(event: CoreEvent.RelayEvent): void {
    const callId = callIdOf(event)
    if (typeof callId !== "string") return
    const live = this.#calls.get(callId)
    if (live === undefined) return
    live.call._dispatch(event)
    if (isEnded(event)) this.#done(callId, live)
  }

  /**
   * What the serving fiber waits on: the call's end in the core, then (if it ended) the delivery of
   * its `ended` event. One frame on the fiber's stack while the call is up.
   */
  serve(core: CoreCall.Call, live: LiveCall): Effect.Effect<void> {
    return Effect.matchEffect(core.ended, {
      onFailure: () => Effect.void,
      onSuccess: () =>
        this.#calls.get(core.callId) !== live ? Effect.void : Effect.async<void>((resume) => {
          live.resume = () => resume(Effect.void)
        })
    })
  }

  /**
   * What the fiber serving an inbound call waits on: the delivery of its `ended` event alone (one
   * wait and one wake-up, where `serve` has two). Enough for an inbound call: when it goes away
   * without an `ended` event (its session replaced, the client closing or draining), the core
   * interrupts the handler fiber that runs this; when events were missed, `sweep` settles it.
   * Measured −1 KiB per live call and a fiber wake-up less per call (bench/README.md).
   */
  delivered(live: LiveCall): Effect.Effect<void> {
    return Effect.async<void>((resume) => {
      if (this.#calls.get(live.call.callId) !== live) resume(Effect.void)
      else live.resume = () => resume(Effect.void)
    })
  }

  /** Delivery to this call stopped (its serving fiber's Scope closed): tells the Call; idempotent. */
  finish(live: LiveCall): void {
    const callId = live.call.callId
    if (this.#calls.get(callId) === live) this.#done(callId, live)
    live.call._eventsDone()
  }

  /**
   * The subscription overflowed, so some events were missed: a call that ended meanwhile will never
   * see its `ended` event; settle it from the core's state instead.
   */
  sweep(): void {
    for (const [callId, live] of Array.from(this.#calls)) {
      if (live.call.state === "ended") {
        this.#done(callId, live)
        live.call._eventsDone()
      }
    }
  }

  #done(callId: string, live: LiveCall): void {
    this.#calls.delete(callId)
    const resume = live.resume
    live.resume = undefined
    resume?.()
  }
}
