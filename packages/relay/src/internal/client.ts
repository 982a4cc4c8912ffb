/**
 * The connection core: the supervisor (connect, authenticate, serve, reconnect), the request
 * mailbox, the per-session reader and dispatcher, the ping loop and the server-ping watchdog.
 *
 * Everything here lives in the client's Scope. State that changes per frame is kept in plain
 * mutable structures owned by `make` and touched only from fibers of this client, synchronously,
 * so that "is the session live" and "write the frame" can never disagree.
 */
import type * as Socket from "@effect/platform/Socket"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberHandle from "effect/FiberHandle"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import * as Tracer from "effect/Tracer"
import { ConnectionState } from "../ConnectionState.js"
import {
  AuthRejected,
  ClientClosed,
  type ConnectError,
  ConnectFailed,
  ConnectionLost,
  EventOverflow,
  type EventStreamError,
  InvalidRequest,
  QueueFull,
  type RequestError,
  RequestTimeout,
  RpcError
} from "../RelayError.js"
import * as RelayEvent from "../RelayEvent.js"
import * as RelayFrame from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import * as SessionStore from "../SessionStore.js"
import type { ResolvedOptions } from "./options.js"
import { RecentIds } from "./recentIds.js"
import * as Transport from "./transport.js"

/** One JSON-RPC request waiting for its reply: written on session `sentOn`, or queued while 0. */
interface PendingRequest {
  readonly id: string
  readonly method: string
  readonly text: string
  /** The waiting fiber's callback, once it waits; the outcome, if it came first. */
  resume: ((outcome: Effect.Effect<RelayFrame.JsonObject, RequestError>) => void) | undefined
  outcome: Exit.Exit<RelayFrame.JsonObject, RequestError> | undefined
  /** Clock millis after which the request fails with RequestTimeout. */
  readonly deadline: number
  readonly timeoutMillis: number
  /** Application requests may close a half-open session on timeout (P§5.4); control requests never do. */
  readonly closeOnTimeout: boolean
  sentOn: number
}

/** One WebSocket, from open to end. */
interface Session {
  readonly number: number
  readonly transport: Transport.Transport
  readonly inbox: Mailbox.Mailbox<Inbound>
  readonly watchdog: FiberHandle.FiberHandle
  /** Set when the session is over for us, whether or not the socket has finished closing. */
  endReason: string | undefined
  pingFailures: number
  /** True while the dispatcher works through a batch of frames. */
  dispatching: boolean
}

/** A frame as received (text, `undefined` for binary), or already decoded by the socket callback. */
type Inbound = string | RelayFrame.Frame | undefined

/** Hooks for capabilities built on the core (calls, messaging): events and lifecycle, in order. */
export interface CoreListener {
  readonly onEvent?: (event: RelayEvent.RelayEvent) => Effect.Effect<void>
  /** The session was lost; its in-flight requests have already failed with ConnectionLost. */
  readonly onSessionLost?: (reason: string) => void
  /** The client is closing: fail every waiter with this error. */
  readonly onClose?: (error: ClientClosed) => void
}

export interface ExecuteOptions {
  readonly timeout?: Duration.DurationInput | undefined
}

export interface Core {
  readonly execute: (
    method: string,
    params?: RelayFrame.JsonObject,
    options?: ExecuteOptions
  ) => Effect.Effect<RelayFrame.JsonObject, RequestError>
  readonly receive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
  readonly unreceive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
  readonly events: Stream.Stream<RelayEvent.RelayEvent, EventStreamError>
  readonly subscribe: Effect.Effect<Stream.Stream<RelayEvent.RelayEvent, EventStreamError>, never, Scope.Scope>
  readonly state: Stream.Stream<ConnectionState>
  readonly currentState: Effect.Effect<ConnectionState>
  readonly protocol: Effect.Effect<Option.Option<string>>
  readonly contexts: Effect.Effect<ReadonlyArray<string>>
  readonly addListener: (listener: CoreListener) => Effect.Effect<void, never, Scope.Scope>
  /** Writes a request on the live session without waiting for (or tracking) its reply. */
  readonly fire: (method: string, params: RelayFrame.JsonObject) => boolean
}

/** Methods the client sends itself; `execute` refuses them. */
const MANAGED_METHODS = new Set(["signalwire.connect"])

const RECENT_EVENT_IDS = 4_096

const describeCause = (cause: Cause.Cause<unknown>): string => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    return error instanceof Error ? error.message : String(error)
  }
  return Cause.pretty(cause)
}

const signalwireCodeOf = (data: unknown): string | undefined =>
  typeof data === "object" && data !== null && "signalwire_error_code" in data &&
    typeof data.signalwire_error_code === "string"
    ? data.signalwire_error_code
    : undefined

/**
 * Runs a fiber that lives as long as the client outside the caller's span. The default logger
 * records every log line as an event of the current span, so a span held for the client's whole
 * life (or one that ended with `make`) would grow without bound.
 */
const detachFromSpan = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapInputContext(effect, (context: Context.Context<R>) => Context.omit(Tracer.ParentSpan)(context) as Context.Context<R>)

export const make = (
  options: ResolvedOptions
): Effect.Effect<Core, ConnectError, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const store = Option.getOrUndefined(yield* Effect.serviceOption(SessionStore.SessionStore)) ??
      (yield* SessionStore.makeMemory)
    let resume = yield* store.get
    const clock = yield* Effect.clock
    const state = yield* SubscriptionRef.make<ConnectionState>(ConnectionState.Connecting({ attempt: 1 }))
    const firstConnection = yield* Deferred.make<void, ConnectError>()
    const pending = new Map<string, PendingRequest>()
    const queued = new Map<string, PendingRequest>()
    const subscribers = new Set<Mailbox.Mailbox<RelayEvent.RelayEvent, EventStreamError>>()
    const listeners = new Set<CoreListener>()
    const contexts = new Set(options.contexts)
    const recentEvents = new RecentIds(RECENT_EVENT_IDS)
    let live: Session | undefined
    let closed = false
    let sessionCounter = 0
    let connectedBefore = false
    let authRefusals = 0

    const saveResume = (next: SessionStore.ResumeData) =>
      Effect.suspend(() => {
        resume = next
        return store.set(next)
      })

    const updateGauges = () => {
      metrics.requestsInFlight.unsafeUpdate(pending.size, [])
      metrics.outboundQueueDepth.unsafeUpdate(queued.size, [])
    }

    const forget = (entry: PendingRequest) => {
      if (pending.get(entry.id) === entry) pending.delete(entry.id)
      queued.delete(entry.id)
      updateGauges()
    }

    const settle = (entry: PendingRequest, exit: Exit.Exit<RelayFrame.JsonObject, RequestError>) => {
      forget(entry)
      if (entry.outcome !== undefined) return
      entry.outcome = exit
      const resume = entry.resume
      entry.resume = undefined
      resume?.(exit)
    }

    // Frame tracing hides credential fields by name, and the client's own secrets wherever the
    // server echoes them (the project id comes back inside connect results and events).
    const secretValues = (): ReadonlyArray<string> => {
      const credentials = options.credentials
      const values = credentials._tag === "Jwt"
        ? [Redacted.value(credentials.jwt)]
        : [credentials.project, Redacted.value(credentials.token)]
      if (resume.authorizationState !== undefined) values.push(Redacted.value(resume.authorizationState))
      return values.filter((value) => value.length >= 4)
    }
    const scrub = (text: string) =>
      secretValues().reduce((out, secret) => out.split(secret).join("<redacted>"), RelayFrame.redactText(text))

    const trace = (direction: "in" | "out", session: number, text: string) =>
      Effect.logTrace(`${direction === "in" ? "<-" : "->"} ${scrub(text)}`).pipe(
        Effect.annotateLogs({ "relay.session": session })
      )

    const newEntry = (
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration,
      closeOnTimeout: boolean
    ): Either.Either<PendingRequest, InvalidRequest> => {
      const id = globalThis.crypto.randomUUID()
      const encoded = RelayFrame.encodeEither(RelayFrame.request(id, method, params))
      if (Either.isLeft(encoded)) return Either.left(new InvalidRequest({ method, reason: encoded.left.detail }))
      const timeoutMillis = Duration.toMillis(timeout)
      return Either.right({
        id,
        method,
        text: encoded.right,
        resume: undefined,
        outcome: undefined,
        deadline: clock.unsafeCurrentTimeMillis() + timeoutMillis,
        timeoutMillis,
        closeOnTimeout,
        sentOn: 0
      })
    }

    // Timeouts are enforced by one sweeper fiber rather than a timer per request: a per-request
    // `Effect.timeout` forks a race and a sleep for every request, which costs more than the rest
    // of the request path together (bench/README.md). The sweeper only runs while requests wait.
    const requestsWaiting = yield* Effect.makeLatch(false)
    const awaitReply = (entry: PendingRequest) => {
      requestsWaiting.unsafeOpen()
      if (entry.deadline < sweepTarget) {
        sweepTarget = entry.deadline
        rearm.unsafeOpen()
      }
      // A bare async callback rather than a Deferred: this is the hottest allocation of a request.
      return Effect.async<RelayFrame.JsonObject, RequestError>((resume) => {
        if (entry.outcome !== undefined) return resume(entry.outcome)
        entry.resume = resume
        return Effect.sync(() => {
          entry.resume = undefined
          forget(entry)
        })
      })
    }

    /** Ends a session now: later frames are ignored; the dispatcher finishes what it holds. */
    const endSession = (session: Session, reason: string, code: number) => {
      if (session.endReason !== undefined) return
      session.endReason = reason
      if (live === session) live = undefined
      session.transport.close(code, reason.slice(0, 120))
      session.inbox.unsafeDone(Exit.void)
    }

    const onRequestTimeout = (entry: PendingRequest): Effect.Effect<void> => {
      metrics.requestTimeouts.unsafeUpdate(1, [])
      settle(
        entry,
        Exit.fail(new RequestTimeout({ method: entry.method, requestId: entry.id, timeoutMillis: entry.timeoutMillis }))
      )
      const current = live
      if (
        !entry.closeOnTimeout || !options.closeOnRequestTimeout || current === undefined ||
        entry.sentOn !== current.number
      ) {
        return Effect.void
      }
      // P§5.4: a request that got no answer on a live socket means the link is half-open.
      endSession(current, `no reply to ${entry.method} within ${entry.timeoutMillis} ms`, 4000)
      return Effect.logWarning("request timed out; closing the session to reconnect").pipe(
        Effect.annotateLogs({ "relay.method": entry.method, "relay.request_id": entry.id })
      )
    }

    // Wakes at the earliest deadline of the requests waiting, or sooner when a request with an
    // earlier deadline arrives (then `sweepTarget` is lowered and `rearm` opened).
    const rearm = yield* Effect.makeLatch(false)
    let sweepTarget = Number.POSITIVE_INFINITY
    const sweepTimeouts = Effect.gen(function*() {
      while (true) {
        if (pending.size === 0) {
          sweepTarget = Number.POSITIVE_INFINITY
          requestsWaiting.unsafeClose()
          yield* requestsWaiting.await
          continue
        }
        const now = clock.unsafeCurrentTimeMillis()
        let earliest = Number.POSITIVE_INFINITY
        for (const entry of Array.from(pending.values())) {
          if (entry.deadline <= now) yield* onRequestTimeout(entry)
          else if (entry.deadline < earliest) earliest = entry.deadline
        }
        if (earliest === Number.POSITIVE_INFINITY) continue
        sweepTarget = earliest
        rearm.unsafeClose()
        yield* Effect.raceFirst(Effect.sleep(Duration.millis(earliest - now)), rearm.await)
      }
    })

    // The application lane: written at once on a live session, else queued (bounded) for the next.
    const request = (
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration
    ): Effect.Effect<RelayFrame.JsonObject, RequestError> =>
      Effect.suspend(() => {
        if (closed) return Effect.fail(new ClientClosed({ operation: method }))
        if (MANAGED_METHODS.has(method)) {
          return Effect.fail(new InvalidRequest({ method, reason: "the client sends this method itself" }))
        }
        const created = newEntry(method, params, timeout, true)
        if (Either.isLeft(created)) return Effect.fail(created.left)
        const entry = created.right
        const session = live
        if (session !== undefined && session.transport.send(entry.text)) {
          entry.sentOn = session.number
        } else if (queued.size >= options.queueCapacity) {
          return Effect.fail(new QueueFull({ method, capacity: options.queueCapacity }))
        } else {
          queued.set(entry.id, entry)
        }
        pending.set(entry.id, entry)
        updateGauges()
        // Annotations go only on the log lines a request can produce: annotating every request's
        // fiber costs a FiberRef update each on the hot path.
        const reply = awaitReply(entry)
        return options.traceFrames
          ? Effect.zipRight(
            Effect.annotateLogs(trace("out", entry.sentOn, entry.text), { "relay.method": method, "relay.request_id": entry.id }),
            reply
          )
          : reply
      })

    // The control lane: written directly on one session, never queued behind application traffic.
    const controlRequest = (
      session: Session,
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration
    ): Effect.Effect<RelayFrame.JsonObject, RequestError> =>
      Effect.suspend(() => {
        const created = newEntry(method, params, timeout, false)
        if (Either.isLeft(created)) return Effect.fail(created.left)
        const entry = created.right
        if (session.endReason !== undefined || !session.transport.send(entry.text)) {
          return Effect.fail(
            new ConnectionLost({ method, requestId: entry.id, reason: session.endReason ?? "socket not open" })
          )
        }
        entry.sentOn = session.number
        pending.set(entry.id, entry)
        updateGauges()
        const reply = awaitReply(entry)
        return options.traceFrames ? Effect.zipRight(trace("out", session.number, entry.text), reply) : reply
      })

    const sendReply = (session: Session, id: RelayFrame.RequestId) =>
      session.endReason === undefined && session.transport.send(RelayFrame.encode(RelayFrame.reply(id)))

    const publish = (event: RelayEvent.RelayEvent): Effect.Effect<void> => {
      for (const mailbox of subscribers) {
        if (!mailbox.unsafeOffer(event)) {
          subscribers.delete(mailbox)
          metrics.subscriberOverflow.unsafeUpdate(1, [])
          mailbox.unsafeDone(Exit.fail(new EventOverflow({ capacity: options.eventBufferSize })))
        }
      }
      let routed: Effect.Effect<void> = Effect.void
      for (const listener of listeners) {
        if (listener.onEvent === undefined) continue
        const next = listener.onEvent(event)
        if (next !== Effect.void) routed = routed === Effect.void ? next : Effect.zipRight(routed, next)
      }
      return routed
    }

    const handleEvent = (session: Session, frame: RelayFrame.Request): Effect.Effect<void> => {
      const eventId = frame.id === undefined ? undefined : String(frame.id)
      // ACK first (P§4.1). An event we cannot ACK is not dispatched: the server re-sends
      // unacknowledged events when the session resumes, and it is dispatched then.
      if (eventId !== undefined && frame.id !== undefined) {
        if (!sendReply(session, frame.id)) {
          return Effect.logDebug("event not acknowledged (socket closing); left for re-delivery")
        }
        if (!recentEvents.add(eventId)) {
          metrics.duplicateEvents.unsafeUpdate(1, [])
          return Effect.logDebug("re-delivered event acknowledged again, not dispatched twice").pipe(
            Effect.annotateLogs({ "relay.event_id": eventId })
          )
        }
      }
      const event = RelayEvent.decode(frame.params, eventId)
      metrics.events.unsafeUpdate(1, [])
      const stored = event._tag === "AuthorizationState" && event.params.authorization_state.length > 0
        ? saveResume({ ...resume, authorizationState: Redacted.make(event.params.authorization_state) })
        : Effect.void
      const published = publish(event)
      const routed = stored === Effect.void ? published : Effect.zipRight(stored, published)
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

    const armWatchdog = (session: Session) =>
      FiberHandle.run(
        session.watchdog,
        Effect.sleep(options.serverPingTimeout).pipe(
          Effect.zipRight(
            Effect.logWarning(
              `no server ping for ${Duration.format(options.serverPingTimeout)}; the client ping loop will probe the link`
            )
          )
        )
      )

    const handleServerRequest = (session: Session, frame: RelayFrame.Request): Effect.Effect<void> => {
      switch (frame.method) {
        case "signalwire.event":
          return handleEvent(session, frame)
        case "signalwire.ping": {
          if (frame.id !== undefined) sendReply(session, frame.id)
          session.pingFailures = 0
          return Effect.asVoid(armWatchdog(session))
        }
        case "signalwire.disconnect": {
          if (frame.id !== undefined) sendReply(session, frame.id)
          const restart = frame.params.restart === true
          // New requests wait for the next session rather than go to a server that is leaving.
          if (live === session) live = undefined
          return Effect.zipRight(
            restart ? saveResume(SessionStore.empty) : Effect.void,
            Effect.logInfo(
              `server asked to disconnect (${restart ? "restart: the next session is new" : "the next session resumes"})`
            )
          )
        }
        default:
          return Effect.logDebug(`ignored server request ${frame.method}`)
      }
    }

    const handleReply = (frame: RelayFrame.ResultReply | RelayFrame.ErrorReply): Effect.Effect<void> => {
      const entry = pending.get(String(frame.id))
      if (entry === undefined) {
        return Effect.logDebug("reply for an unknown or expired request dropped").pipe(
          Effect.annotateLogs({ "relay.request_id": String(frame.id) })
        )
      }
      settleReply(entry, frame)
      return Effect.void
    }

    const settleReply = (entry: PendingRequest, frame: RelayFrame.ResultReply | RelayFrame.ErrorReply): void => {
      if (frame._tag === "ErrorReply") {
        const { code, data, message } = frame.error
        const signalwireCode = signalwireCodeOf(data)
        settle(
          entry,
          Exit.fail(
            new RpcError({
              method: entry.method,
              code,
              message,
              ...(signalwireCode === undefined ? {} : { signalwireCode }),
              ...(data === undefined ? {} : { data })
            })
          )
        )
        return
      }
      // P§3.2: the connect result is not subject to the code rule of P§7.1.
      const code = entry.method === "signalwire.connect" ? undefined : RelayFrame.failingCode(frame.result)
      if (code === undefined) {
        settle(entry, Exit.succeed(frame.result))
      } else {
        const message = typeof frame.result.message === "string" ? frame.result.message : "Unknown error"
        settle(entry, Exit.fail(new RpcError({ method: entry.method, code, message, data: frame.result })))
      }
    }

    const handleText = (session: Session, text: Inbound): Effect.Effect<void> => {
      if (typeof text === "object") return text._tag === "Request" ? handleServerRequest(session, text) : handleReply(text)
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
      const handled = frame._tag === "Request" ? handleServerRequest(session, frame) : handleReply(frame)
      return options.traceFrames ? Effect.zipRight(trace("in", session.number, text), handled) : handled
    }

    /**
     * The single consumer of a session's frames, in arrival order. Returns the reason the session
     * ended, after failing the requests that were written on it.
     */
    const dispatch = (session: Session): Effect.Effect<string> =>
      Effect.gen(function*() {
        while (true) {
          session.dispatching = false
          const [frames, done] = yield* session.inbox.takeAll
          session.dispatching = true
          for (const text of frames) {
            // Most frames (replies) are handled synchronously and leave nothing to run.
            const handled = handleText(session, text)
            if (handled !== Effect.void) {
              yield* handled.pipe(Effect.catchAllCause((cause) => Effect.logError("bug: a frame handler failed", cause)))
            }
          }
          if (done) break
        }
        const reason = session.endReason ?? "socket closed"
        if (live === session) live = undefined
        for (const entry of Array.from(pending.values())) {
          if (entry.sentOn === session.number) {
            settle(entry, Exit.fail(new ConnectionLost({ method: entry.method, requestId: entry.id, reason })))
          }
        }
        for (const listener of listeners) listener.onSessionLost?.(reason)
        return reason
      })

    const pingLoop = (session: Session) =>
      Effect.gen(function*() {
        while (true) {
          yield* Effect.sleep(options.pingInterval)
          const started = yield* Clock.currentTimeMillis
          const exit = yield* Effect.exit(
            controlRequest(session, "signalwire.ping", {}, options.pingTimeout).pipe(
              Effect.withSpan("RelayClient.ping", { captureStackTrace: false })
            )
          )
          if (Exit.isSuccess(exit)) {
            session.pingFailures = 0
            metrics.pingRtt.unsafeUpdate((yield* Clock.currentTimeMillis) - started, [])
            continue
          }
          session.pingFailures += 1
          metrics.pingFailures.unsafeUpdate(1, [])
          yield* Effect.logWarning(
            `client ping failed (${session.pingFailures}/${options.pingMaxFailures}): ${describeCause(exit.cause)}`
          )
          if (session.pingFailures >= options.pingMaxFailures) {
            endSession(session, `${session.pingFailures} consecutive client pings failed`, 4000)
            return
          }
        }
      })

    const connectParams = (): RelayFrame.JsonObject => {
      const credentials = options.credentials
      return {
        version: { major: 2, minor: 0, revision: 0 },
        agent: options.agent,
        event_acks: true,
        authentication: credentials._tag === "Jwt"
          ? { jwt_token: Redacted.value(credentials.jwt) }
          : { project: credentials.project, token: Redacted.value(credentials.token) },
        ...(contexts.size > 0 ? { contexts: Array.from(contexts) } : {}),
        ...(resume.protocol === undefined ? {} : { protocol: resume.protocol }),
        ...(resume.authorizationState === undefined
          ? {}
          : { authorization_state: Redacted.value(resume.authorizationState) })
      }
    }

    const toConnectError = (attempt: number) => (error: RequestError): Effect.Effect<never, ConnectError> => {
      switch (error._tag) {
        case "RpcError":
          return Effect.fail(
            new AuthRejected({
              code: error.code,
              message: error.message,
              ...(error.signalwireCode === undefined ? {} : { signalwireCode: error.signalwireCode }),
              attempts: authRefusals + 1
            })
          )
        case "RequestTimeout":
          return Effect.fail(new ConnectFailed({ reason: error.message, attempts: attempt }))
        case "ConnectionLost":
          return Effect.fail(new ConnectFailed({ reason: error.reason, attempts: attempt }))
        case "ClientClosed":
          return Effect.interrupt
        case "InvalidRequest":
        case "QueueFull":
          return Effect.die(error)
      }
    }

    /** Opens, authenticates and serves one session; succeeds with the reason it was lost. */
    const runSession = (attempt: number): Effect.Effect<string, ConnectError, Scope.Scope | Socket.WebSocketConstructor> =>
      Effect.gen(function*() {
        metrics.connectAttempts.unsafeUpdate(1, [])
        const number = ++sessionCounter
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
                const entry = frame._tag === "Request" ? undefined : pending.get(String(frame.id))
                if (entry !== undefined && frame._tag !== "Request") {
                  settleReply(entry, frame)
                  return
                }
                item = frame
              }
            }
            if (!inbox.unsafeOffer(item) && session !== undefined) {
              // The socket pushes and cannot be paused: a full buffer ends the session (P§14 resumes it).
              metrics.inboundOverflow.unsafeUpdate(1, [])
              endSession(session, `more than ${options.inboundCapacity} inbound frames waiting`, 4008)
            }
          }
        }).pipe(Effect.mapError((e) => new ConnectFailed({ reason: e.reason, attempts: attempt })))
        const watchdog = yield* FiberHandle.make()
        const current: Session = {
          number,
          transport,
          inbox,
          watchdog,
          endReason: undefined,
          pingFailures: 0,
          dispatching: false
        }
        session = current
        yield* transport.ended.pipe(
          Effect.flatMap((end) =>
            Effect.sync(() =>
              endSession(current, `socket closed (${end.code}${end.reason.length > 0 ? `: ${end.reason}` : ""})`, 1000)
            )
          ),
          Effect.forkScoped
        )
        const dispatcher = yield* Effect.forkScoped(dispatch(current))

        const result = yield* controlRequest(current, "signalwire.connect", connectParams(), options.requestTimeout).pipe(
          Effect.catchAll(toConnectError(attempt)),
          Effect.withSpan("RelayClient.authenticate", { attributes: { "relay.attempt": attempt }, captureStackTrace: false })
        )
        const protocol = typeof result.protocol === "string" && result.protocol.length > 0
          ? result.protocol
          : resume.protocol ?? ""
        const sessionRestored = result.session_restored === true
        yield* saveResume({ ...resume, protocol })
        authRefusals = 0
        if (connectedBefore) metrics.reconnects.unsafeUpdate(1, [])
        connectedBefore = true
        yield* SubscriptionRef.set(state, ConnectionState.Connected({ protocol, sessionRestored, session: number }))
        yield* Effect.logInfo(`RELAY session #${number} ${sessionRestored ? "resumed" : "started"}`)
        yield* Deferred.succeed(firstConnection, undefined)
        yield* Effect.forkScoped(pingLoop(current))

        // Flush what was queued while disconnected, in order, then go live. Nothing can be queued
        // between the last flushed request and `live` being set: this block is synchronous.
        for (const entry of queued.values()) {
          if (!transport.send(entry.text)) break
          entry.sentOn = number
          queued.delete(entry.id)
        }
        if (current.endReason === undefined && queued.size === 0) live = current
        updateGauges()

        return yield* Fiber.join(dispatcher)
      }).pipe(Effect.annotateLogs({ "relay.attempt": attempt }))

    const shutdown = (reason: string | undefined) =>
      Effect.gen(function*() {
        if (closed) return
        closed = true
        live = undefined
        // In bulk: thousands of waiters may be failing here, and each must get its error at once.
        const entries = Array.from(pending.values())
        pending.clear()
        queued.clear()
        updateGauges()
        const errors = new Map<string, Exit.Exit<never, ClientClosed>>()
        for (const entry of entries) {
          let exit = errors.get(entry.method)
          if (exit === undefined) {
            exit = Exit.fail(new ClientClosed({ operation: entry.method }))
            errors.set(entry.method, exit)
          }
          settle(entry, exit)
        }
        const error = new ClientClosed({ operation: "disconnect" })
        for (const listener of listeners) listener.onClose?.(error)
        for (const mailbox of subscribers) mailbox.unsafeDone(Exit.fail(new ClientClosed({ operation: "events" })))
        subscribers.clear()
        yield* Deferred.fail(firstConnection, new ConnectFailed({ reason: reason ?? "client closed", attempts: 0 }))
      })

    const giveUp = (error: ConnectError) =>
      Effect.gen(function*() {
        yield* Effect.logError(`RELAY client gave up: ${error.message}`)
        yield* Deferred.fail(firstConnection, error)
        yield* shutdown(error.message)
        yield* SubscriptionRef.set(
          state,
          error._tag === "AuthRejected"
            ? ConnectionState.AuthFailed({ error })
            : ConnectionState.Closed({ reason: error.message })
        )
      })

    // A fresh schedule for every healthy session, so a long session resets the backoff; a lost
    // session waits the schedule's first delay before its next attempt.
    const supervise = Effect.gen(function*() {
      let lostReason: string | undefined
      while (true) {
        const driver = yield* Schedule.driver(options.reconnectSchedule)
        if (lostReason !== undefined) {
          // Reported before the backoff wait, so the state never claims a session that is gone.
          yield* SubscriptionRef.set(state, ConnectionState.Reconnecting({ attempt: 1, reason: lostReason }))
          const lost = new ConnectFailed({ reason: lostReason, attempts: 0 })
          if (Either.isLeft(yield* Effect.either(driver.next(lost)))) return yield* giveUp(lost)
        }
        let attempt = 1
        while (true) {
          const exit = yield* Effect.exit(Effect.scoped(runSession(attempt)))
          if (Exit.isSuccess(exit)) {
            lostReason = exit.value
            yield* Effect.logInfo(`RELAY session lost: ${lostReason}`)
            break
          }
          const failure = Cause.failureOption(exit.cause)
          if (Option.isNone(failure)) return yield* Effect.failCause(Cause.stripFailures(exit.cause))
          const error = failure.value
          if (error._tag === "AuthRejected") {
            authRefusals += 1
            metrics.authRejections.unsafeUpdate(1, [])
            if (!connectedBefore && authRefusals >= options.maxAuthAttempts) {
              return yield* giveUp(
                new AuthRejected({
                  code: error.code,
                  message: error.message,
                  ...(error.signalwireCode === undefined ? {} : { signalwireCode: error.signalwireCode }),
                  attempts: authRefusals
                })
              )
            }
          }
          yield* Effect.logWarning(`RELAY connect attempt ${attempt} failed: ${error.message}`)
          attempt += 1
          yield* SubscriptionRef.set(
            state,
            lostReason === undefined
              ? ConnectionState.Connecting({ attempt })
              : ConnectionState.Reconnecting({ attempt, reason: error.message })
          )
          if (Either.isLeft(yield* Effect.either(driver.next(error)))) return yield* giveUp(error)
        }
      }
    })

    yield* Effect.forkScoped(detachFromSpan(sweepTimeouts))

    // A defect in the supervisor is a bug; it must still end the client rather than leave the
    // layer build (or any request) waiting forever.
    const supervisor = yield* detachFromSpan(supervise).pipe(
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.gen(function*() {
          yield* Effect.logError("bug: the RELAY supervisor died", cause)
          yield* Deferred.failCause(firstConnection, Cause.die(Cause.squash(cause)))
          yield* shutdown("the supervisor died")
          yield* SubscriptionRef.set(state, ConnectionState.Closed({ reason: "internal error" }))
        })
      ),
      Effect.forkScoped
    )
    // Runs before the scope interrupts the supervisor on its own (finalizers run last-in first-out).
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        // Every waiter fails first; then the supervisor (and with it the socket) stops, and only
        // then is Closed published, so no state follows it.
        yield* shutdown(undefined)
        yield* Fiber.interrupt(supervisor)
        yield* SubscriptionRef.set(state, ConnectionState.Closed({ reason: undefined }))
        yield* Effect.logInfo("RELAY client closed")
      })
    )

    yield* Deferred.await(firstConnection)

    const changeContexts = (method: "signalwire.receive" | "signalwire.unreceive", list: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const unique = Array.from(new Set(list))
        if (unique.length === 0) return
        if (unique.some((c) => typeof c !== "string" || c.length === 0)) {
          return yield* new InvalidRequest({ method, reason: "contexts must be non-empty strings" })
        }
        yield* request(method, { contexts: unique }, options.requestTimeout)
        for (const context of unique) {
          if (method === "signalwire.receive") contexts.add(context)
          else contexts.delete(context)
        }
      })

    const subscribe = Effect.gen(function*() {
      const mailbox = yield* Mailbox.make<RelayEvent.RelayEvent, EventStreamError>(options.eventBufferSize)
      if (closed) mailbox.unsafeDone(Exit.fail(new ClientClosed({ operation: "events" })))
      else subscribers.add(mailbox)
      yield* Effect.addFinalizer(() => Effect.sync(() => subscribers.delete(mailbox)))
      return Mailbox.toStream(mailbox)
    })

    const core: Core = {
      execute: (method, params = {}, executeOptions) => {
        const sent = request(
          method,
          params,
          executeOptions?.timeout === undefined ? options.requestTimeout : Duration.decode(executeOptions.timeout)
        )
        return options.traceRequests
          ? Effect.withSpan(sent, "RelayClient.execute", { attributes: { "relay.method": method }, captureStackTrace: false })
          : sent
      },
      receive: (list) => changeContexts("signalwire.receive", list).pipe(Effect.withSpan("RelayClient.receive")),
      unreceive: (list) => changeContexts("signalwire.unreceive", list).pipe(Effect.withSpan("RelayClient.unreceive")),
      events: Stream.unwrapScoped(subscribe),
      subscribe,
      state: state.changes,
      currentState: SubscriptionRef.get(state),
      protocol: Effect.sync(() => Option.fromNullable(resume.protocol)),
      contexts: Effect.sync(() => Array.from(contexts)),
      fire: (method, params) => {
        const session = live
        if (session === undefined || closed) return false
        const encoded = RelayFrame.encodeEither(RelayFrame.request(globalThis.crypto.randomUUID(), method, params))
        return Either.isRight(encoded) && session.transport.send(encoded.right)
      },
      addListener: (listener) =>
        Effect.acquireRelease(
          Effect.sync(() => listeners.add(listener)),
          () => Effect.sync(() => listeners.delete(listener))
        ).pipe(Effect.asVoid)
    }
    return core
  })
