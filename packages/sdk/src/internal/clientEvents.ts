/**
 * What the facade's client runs on a connection beside the core: the client-wide event
 * subscription (delivered to `onEvent`, to tracked messages and to the listeners of routed calls)
 * and the wiring of a core call to its facade `Call` (inbound: the `onCall` handler, detached).
 *
 * Falling behind is client-wide: the subscription is bounded (`eventBufferSize` of the core
 * client); when it overflows, one warning is logged, calls that ended meanwhile are settled from
 * the core's state (`LiveCalls.sweep`), and delivery resumes on a new subscription.
 */
import * as Effect from "effect/Effect"
import type * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type {
  Call as CoreCall,
  RelayError as CoreError,
  RelayEvent as CoreEvent
} from "@signalwire-effect/relay"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import { Call } from "../Call.js"
import type { CallHandler, RawEventHandler } from "../RelayClientOptions.js"
import { fromCore } from "./events.js"
import type { LiveCalls } from "./liveCalls.js"
import { log } from "./log.js"
import type { MessageTracker } from "./messages.js"
import { type Connection as CoreConnection, type CoreClient, invokeDetached } from "./runtime.js"

/** A connection, with the calls whose events this client routes to their `Call` (liveCalls.ts). */
export interface Connection extends CoreConnection {
  readonly calls: LiveCalls
}

/** Where the client's events go besides the calls. */
export interface EventTargets {
  readonly onEvent: () => RawEventHandler | undefined
  readonly messages: MessageTracker
}

const logError = (text: string, error: unknown) => log("error", text, error)

/** The warning logged when the client's event subscription overflowed. */
export const OVERFLOW_WARNING = "onEvent / call and message listeners fell behind the event stream; some events were missed"

/**
 * Delivers every event of the connection to `onEvent`, to tracked messages and to the listeners of
 * routed calls, from the subscription's Mailbox (drained with `takeAll`: no Stream per chunk);
 * subscribes again on overflow. Runs in the Scope of its connection.
 */
export const pumpClientEvents = (
  relay: CoreClient,
  events: Mailbox.ReadonlyMailbox<CoreEvent.RelayEvent, CoreError.EventStreamError>,
  calls: LiveCalls,
  targets: EventTargets
): Effect.Effect<void> => {
  const drain: Effect.Effect<void, CoreError.EventStreamError> = Effect.flatMap(events.takeAll, ([chunk, done]) => {
    for (const event of chunk) onClientEvent(event, calls, targets)
    // Ended: `await` fails with the reason (EventOverflow, ClientClosed).
    return done ? events.await : drain
  })
  return drain.pipe(
    Effect.catchTag("EventOverflow", () =>
      Effect.zipRight(
        Effect.logWarning(OVERFLOW_WARNING),
        Effect.suspend(() => {
          calls.sweep()
          return Effect.scoped(
            Effect.flatMap(RelayCallbacks.subscribeEvents(relay), (next) => pumpClientEvents(relay, next, calls, targets))
          )
        })
      )),
    Effect.catchTag("ClientClosed", () => Effect.void)
  )
}

const onClientEvent = (event: CoreEvent.RelayEvent, calls: LiveCalls, targets: EventTargets): void => {
  const handler = targets.onEvent()
  if (handler !== undefined) {
    invokeDetached(`onEvent handler (${event.eventType})`, () => handler(event.eventType, { ...event.params }), logError)
  }
  if (event._tag === "MessageState") targets.messages.onState(event.params.message_id, fromCore(event))
  else calls.route(event)
}

/**
 * Wraps a core call and routes its events to it, until the Scope `scope` closes (which tells the
 * Call that delivery stopped); returns the Call and what the fiber serving it waits on.
 */
export const attach = (core: CoreCall.Call, connection: Connection, scope: Scope.Scope, inbound = false) =>
  Effect.flatMap(connection.relay.protocol, (protocol) => {
    const session = Option.getOrElse(protocol, () => "")
    const call = new Call(core, connection, core.direction === "inbound" ? (core.context ?? session) : session)
    const calls = connection.calls
    const live = calls.add(call)
    const served = inbound ? calls.delivered(live) : calls.serve(core, live)
    return Effect.as(Scope.addFinalizer(scope, Effect.sync(() => calls.finish(live))), [call, served] as const)
  })

/** The core's onCall handler: `handler`, detached; this fiber then waits for the call's end. */
export const serveCall = (
  core: CoreCall.Call,
  connection: Connection,
  handler: CallHandler | undefined
): Effect.Effect<void, never, Scope.Scope> =>
  Effect.flatMap(Effect.scope, (scope) =>
    Effect.flatMap(attach(core, connection, scope, true), ([call, served]) => {
      if (handler === undefined) {
        log("warn", `inbound call ${core.callId} left alone: no onCall handler`)
      } else {
        invokeDetached(() => `onCall handler (call ${core.callId})`, () => handler(call), logError)
      }
      return served
    }))
