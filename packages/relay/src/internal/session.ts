/**
 * One session: one WebSocket from open to end, its dispatcher (the single consumer of its frames,
 * in arrival order), its client ping loop and its server-ping watchdog.
 *
 * The dispatcher runs only the connection's own routing: replies settle requests, events are ACKed
 * and published (subscribers are bounded mailboxes; calls and messaging route synchronously and
 * run anything user-provided in fibers of their own). Nothing here waits on user code.
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Fiber from "effect/Fiber"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberHandle from "effect/FiberHandle"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as Socket from "@effect/platform/Socket"
import { ConnectionLost, type RequestError } from "../RelayError.js"
import * as RelayEvent from "../RelayEvent.js"
import * as RelayFrame from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import * as SessionStore from "../SessionStore.js"
import type { EventHub } from "./eventHub.js"
import type { ResolvedOptions } from "./options.js"
import type { RecentIds } from "./recentIds.js"
import type { RequestTable } from "./requests.js"
import type { Resume } from "./resume.js"
import * as Transport from "./transport.js"

/** What every session of one connection shares. `live` is the session requests are written on. */
export interface Link {
  readonly options: ResolvedOptions
  readonly requests: RequestTable
  readonly hub: EventHub
  readonly resume: Resume
  readonly recentEvents: RecentIds
  live: Session | undefined
  closed: boolean
}

/** A frame as received (text, `undefined` for binary), or already decoded by the socket callback. */
type Inbound = string | RelayFrame.Frame | undefined

export interface Session {
  readonly number: number
  readonly transport: Transport.Transport
  readonly inbox: Mailbox.Mailbox<Inbound>
  readonly watchdog: FiberHandle.FiberHandle
  /** Set when the session is over for us, whether or not the socket has finished closing. */
  endReason: string | undefined
  pingFailures: number
  /** True while the dispatcher works through a batch of frames. */
  dispatching: boolean
  /** Succeeds with the reason the session ended, once its dispatcher has finished. */
  ended: Effect.Effect<string>
}

// Frame tracing hides credential fields by name, and the client's own secrets wherever the
// server echoes them (the project id comes back inside connect results and events).
const secretValues = (link: Link): ReadonlyArray<string> => {
  const credentials = link.options.credentials
  const values = credentials._tag === "Jwt"
    ? [Redacted.value(credentials.jwt)]
    : [credentials.project, Redacted.value(credentials.token)]
  const authorizationState = link.resume.current().authorizationState
  if (authorizationState !== undefined) values.push(Redacted.value(authorizationState))
  return values.filter((value) => value.length >= 4)
}

export const trace = (link: Link, direction: "in" | "out", session: number, text: string) =>
  Effect.suspend(() => {
    const scrubbed = secretValues(link).reduce(
      (out, secret) => out.split(secret).join("<redacted>"),
      RelayFrame.redactText(text)
    )
    return Effect.logTrace(`${direction === "in" ? "<-" : "->"} ${scrubbed}`).pipe(
      Effect.annotateLogs({ "relay.session": session })
    )
  })

/** Ends a session now: later frames are ignored; the dispatcher finishes what it holds. */
export const end = (link: Link, session: Session, reason: string, code: number) => {
  if (session.endReason !== undefined) return
  session.endReason = reason
  if (link.live === session) link.live = undefined
  session.transport.close(code, reason.slice(0, 120))
  session.inbox.unsafeDone(Exit.void)
}

/** The control lane: written directly on one session, never queued behind application traffic. */
export const controlRequest = (
  link: Link,
  session: Session,
  method: string,
  params: RelayFrame.JsonObject,
  timeout: Duration.Duration
): Effect.Effect<RelayFrame.JsonObject, RequestError> =>
  Effect.suspend(() => {
    const created = link.requests.create(method, params, timeout, false)
    if (Either.isLeft(created)) return Effect.fail(created.left)
    const entry = created.right
    if (session.endReason !== undefined || !session.transport.send(entry.text)) {
      return Effect.fail(
        new ConnectionLost({ method, requestId: entry.id, reason: session.endReason ?? "socket not open" })
      )
    }
    link.requests.sent(entry, session.number)
    const reply = link.requests.await(entry)
    return link.options.traceFrames ? Effect.zipRight(trace(link, "out", session.number, entry.text), reply) : reply
  })

// The empty success reply, written out: the same text as `RelayFrame.encode(RelayFrame.reply(id))`,
// without building the frame and its envelope for every event ACKed.
const replyText = (id: RelayFrame.RequestId) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{}}`

const sendReply = (session: Session, id: RelayFrame.RequestId) =>
  session.endReason === undefined && session.transport.send(replyText(id))

const handleEvent = (link: Link, session: Session, frame: RelayFrame.Request): Effect.Effect<void> => {
  const eventId = frame.id === undefined ? undefined : String(frame.id)
  // ACK first (PROTOCOL.md §4.1). An event we cannot ACK is not dispatched: the server re-sends
  // unacknowledged events when the session resumes, and it is dispatched then.
  if (eventId !== undefined && frame.id !== undefined) {
    if (!sendReply(session, frame.id)) {
      return Effect.logDebug("event not acknowledged (socket closing); left for re-delivery")
    }
    if (!link.recentEvents.add(eventId)) {
      metrics.duplicateEvents.unsafeUpdate(1, [])
      return Effect.logDebug("re-delivered event acknowledged again, not dispatched twice").pipe(
        Effect.annotateLogs({ "relay.event_id": eventId })
      )
    }
  }
  const event = RelayEvent.decode(frame.params, eventId)
  metrics.events.unsafeUpdate(1, [])
  if (event._tag === "AuthorizationState" && event.params.authorization_state.length > 0) {
    link.resume.set({ ...link.resume.current(), authorizationState: Redacted.make(event.params.authorization_state) })
  }
  const routed = link.hub.publish(event)
  if (event._tag === "Unknown" && event.issue !== undefined) {
    metrics.undecodableEvents.unsafeUpdate(1, [])
    return Effect.zipRight(
      routed,
      Effect.logWarning(`event delivered as Unknown: ${event.issue}`).pipe(
        Effect.annotateLogs({ "relay.event_type": event.eventType })
      )
    )
  }
  return routed
}

const armWatchdog = (link: Link, session: Session) =>
  FiberHandle.run(
    session.watchdog,
    Effect.sleep(link.options.serverPingTimeout).pipe(
      Effect.zipRight(
        Effect.logWarning(
          `no server ping for ${
            Duration.format(link.options.serverPingTimeout)
          }; the client ping loop will probe the link`
        )
      )
    )
  )

const handleServerRequest = (link: Link, session: Session, frame: RelayFrame.Request): Effect.Effect<void> => {
  switch (frame.method) {
    case "signalwire.event":
      return handleEvent(link, session, frame)
    case "signalwire.ping": {
      if (frame.id !== undefined) sendReply(session, frame.id)
      session.pingFailures = 0
      return Effect.asVoid(armWatchdog(link, session))
    }
    case "signalwire.disconnect": {
      if (frame.id !== undefined) sendReply(session, frame.id)
      const restart = frame.params.restart === true
      // New requests wait for the next session rather than go to a server that is leaving.
      if (link.live === session) link.live = undefined
      if (restart) link.resume.set(SessionStore.empty)
      return Effect.logInfo(
        `server asked to disconnect (${restart ? "restart: the next session is new" : "the next session resumes"})`
      )
    }
    default:
      return Effect.logDebug(`ignored server request ${frame.method}`)
  }
}

const handleReply = (link: Link, frame: RelayFrame.ResultReply | RelayFrame.ErrorReply): Effect.Effect<void> => {
  const entry = link.requests.get(String(frame.id))
  if (entry === undefined) {
    return Effect.logDebug("reply for an unknown or expired request dropped").pipe(
      Effect.annotateLogs({ "relay.request_id": String(frame.id) })
    )
  }
  link.requests.reply(entry, frame)
  return Effect.void
}

const handleInbound = (link: Link, session: Session, text: Inbound): Effect.Effect<void> => {
  if (typeof text === "object") {
    return text._tag === "Request" ? handleServerRequest(link, session, text) : handleReply(link, text)
  }
  if (text === undefined) {
    metrics.malformedFrames.unsafeUpdate(1, [])
    return Effect.logWarning("dropped a binary frame (RELAY frames are text)")
  }
  const decoded = RelayFrame.decode(text)
  if (Either.isLeft(decoded)) {
    metrics.malformedFrames.unsafeUpdate(1, [])
    return Effect.logWarning(`dropped a malformed frame: ${decoded.left.message}`).pipe(
      Effect.annotateLogs({ "relay.session": session.number, "relay.frame_length": text.length })
    )
  }
  const frame = decoded.right
  const handled = frame._tag === "Request" ? handleServerRequest(link, session, frame) : handleReply(link, frame)
  return link.options.traceFrames ? Effect.zipRight(trace(link, "in", session.number, text), handled) : handled
}

/**
 * The single consumer of a session's frames, in arrival order. Returns the reason the session
 * ended, after failing the requests that were written on it.
 */
const dispatch = (link: Link, session: Session): Effect.Effect<string> =>
  Effect.gen(function*() {
    while (true) {
      session.dispatching = false
      const [frames, done] = yield* session.inbox.takeAll
      session.dispatching = true
      for (const text of frames) {
        // Most frames (replies) are handled synchronously and leave nothing to run.
        const handled = handleInbound(link, session, text)
        if (handled !== Effect.void) {
          yield* handled.pipe(Effect.catchAllCause((cause) => Effect.logError("bug: a frame handler failed", cause)))
        }
      }
      if (done) break
    }
    const reason = session.endReason ?? "socket closed"
    if (link.live === session) link.live = undefined
    link.requests.failSentOn(
      session.number,
      (entry) => new ConnectionLost({ method: entry.method, requestId: entry.id, reason })
    )
    link.hub.sessionLost(reason)
    return reason
  })

/**
 * Opens the socket of session `number` and starts its dispatcher, in the current Scope (closing
 * it closes the socket). Authentication is the caller's (the supervisor's) next step.
 */
export const open = (
  link: Link,
  number: number
): Effect.Effect<Session, Transport.TransportOpenError, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const { options, requests } = link
    const inbox = yield* Mailbox.make<Inbound>(options.inboundCapacity)
    let session: Session | undefined
    const transport = yield* Transport.open(options.url, {
      openTimeout: options.openTimeout,
      closeTimeout: options.closeTimeout,
      onMessage: (text) => {
        if (session?.endReason !== undefined) return
        let item: Inbound = text
        // With nothing queued ahead of it, a reply is settled right here, saving the hop to
        // the dispatcher fiber (a scheduler turn per request). Anything else is queued decoded.
        if (
          session !== undefined && text !== undefined && !options.traceFrames && !session.dispatching &&
          Option.getOrElse(inbox.unsafeSize(), () => 0) === 0
        ) {
          const decoded = RelayFrame.decode(text)
          if (Either.isRight(decoded)) {
            const frame = decoded.right
            const entry = frame._tag === "Request" ? undefined : requests.get(String(frame.id))
            if (entry !== undefined && frame._tag !== "Request") {
              requests.reply(entry, frame)
              return
            }
            item = frame
          }
        }
        if (!inbox.unsafeOffer(item) && session !== undefined) {
          // The socket pushes and cannot be paused: a full buffer ends the session (PROTOCOL.md §14: it resumes).
          metrics.inboundOverflow.unsafeUpdate(1, [])
          end(link, session, `more than ${options.inboundCapacity} inbound frames waiting`, 4008)
        }
      }
    })
    const watchdog = yield* FiberHandle.make()
    const current: Session = {
      number,
      transport,
      inbox,
      watchdog,
      endReason: undefined,
      pingFailures: 0,
      dispatching: false,
      ended: Effect.never
    }
    session = current
    yield* transport.ended.pipe(
      Effect.flatMap((ended) =>
        Effect.sync(() =>
          end(link, current, `socket closed (${ended.code}${ended.reason.length > 0 ? `: ${ended.reason}` : ""})`, 1000)
        )
      ),
      Effect.forkScoped
    )
    const dispatcher = yield* Effect.forkScoped(dispatch(link, current))
    current.ended = Fiber.join(dispatcher)
    return current
  })

/** Client pings every `pingInterval`; `pingMaxFailures` in a row end the session (PROTOCOL.md §5.2). */
export const pingLoop = (link: Link, session: Session): Effect.Effect<void> =>
  Effect.gen(function*() {
    const { options } = link
    while (true) {
      yield* Effect.sleep(options.pingInterval)
      const started = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const exit = yield* Effect.exit(
        controlRequest(link, session, "signalwire.ping", {}, options.pingTimeout).pipe(
          Effect.withSpan("RelayClient.ping", { captureStackTrace: false })
        )
      )
      if (Exit.isSuccess(exit)) {
        session.pingFailures = 0
        metrics.pingRtt.unsafeUpdate((yield* Effect.clockWith((clock) => clock.currentTimeMillis)) - started, [])
        continue
      }
      session.pingFailures += 1
      metrics.pingFailures.unsafeUpdate(1, [])
      yield* Effect.logWarning(
        `client ping failed (${session.pingFailures}/${options.pingMaxFailures}): ${describeCause(exit.cause)}`
      )
      if (session.pingFailures >= options.pingMaxFailures) {
        end(link, session, `${session.pingFailures} consecutive client pings failed`, 4000)
        return
      }
    }
  })

const describeCause = (cause: Cause.Cause<unknown>): string => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    return error instanceof Error ? error.message : String(error)
  }
  return Cause.pretty(cause)
}
