/**
 * The supervisor: connect, authenticate, serve, and again after every loss, paced by the
 * reconnect `Schedule`, until the client closes or the schedule gives up.
 *
 * One session's life is one run of `connectAndServe`, which always fails: with a ConnectError
 * when the session could not be established, or with SessionLost once an established session
 * ends. `Effect.retry` runs it again on the reconnect schedule; the schedule is reset after a
 * healthy session (`Schedule.resetWhen` on SessionLost), so a long session restarts the backoff
 * and a lost one waits the schedule's first delay before its first attempt.
 */
import type * as Socket from "@effect/platform/Socket"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { ConnectionState } from "../ConnectionState.js"
import { AuthRejected, type ConnectError, ConnectFailed, type RequestError } from "../RelayError.js"
import type * as RelayFrame from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import * as Session from "./session.js"

/** An established session ended (the supervisor's trigger to reconnect). */
class SessionLost extends Data.TaggedError("SessionLost")<{ readonly reason: string }> {}

type Failure = ConnectError | SessionLost

export interface Supervised {
  readonly link: Session.Link
  readonly state: SubscriptionRef.SubscriptionRef<ConnectionState>
  readonly firstConnection: Deferred.Deferred<void, ConnectError>
  /** The contexts to send with `signalwire.connect` (the initial ones plus `receive`). */
  readonly contexts: () => ReadonlyArray<string>
  /** Fails every waiter; the supervisor calls it when it gives up. */
  readonly shutdown: (reason: string) => Effect.Effect<void>
}

const connectParams = (supervised: Supervised): RelayFrame.JsonObject => {
  const { options, resume } = supervised.link
  const credentials = options.credentials
  const { authorizationState, protocol } = resume.current()
  const contexts = supervised.contexts()
  return {
    version: { major: 2, minor: 0, revision: 0 },
    agent: options.agent,
    event_acks: true,
    authentication: credentials._tag === "Jwt"
      ? { jwt_token: Redacted.value(credentials.jwt) }
      : { project: credentials.project, token: Redacted.value(credentials.token) },
    ...(contexts.length > 0 ? { contexts: Array.from(contexts) } : {}),
    ...(protocol === undefined ? {} : { protocol }),
    ...(authorizationState === undefined ? {} : { authorization_state: Redacted.value(authorizationState) })
  }
}

const toConnectError = (attempt: number, refusals: number, url: string) => (error: RequestError): Effect.Effect<never, ConnectError> => {
  switch (error._tag) {
    case "RpcError":
      return Effect.fail(
        new AuthRejected({
          code: error.code,
          message: error.message,
          ...(error.signalwireCode === undefined ? {} : { signalwireCode: error.signalwireCode }),
          attempts: refusals + 1
        })
      )
    case "RequestTimeout":
      return Effect.fail(new ConnectFailed({ reason: error.message, attempts: attempt, url }))
    case "ConnectionLost":
      return Effect.fail(new ConnectFailed({ reason: error.reason, attempts: attempt, url }))
    case "ClientClosed":
      return Effect.interrupt
    case "InvalidRequest":
    case "QueueFull":
      return Effect.die(error)
  }
}

/** Runs sessions until the client closes (interruption) or the schedule gives up. */
export const supervise = (supervised: Supervised): Effect.Effect<void, never, Socket.WebSocketConstructor> =>
  Effect.clockWith((clock) => {
    const { link, state } = supervised
    const { options } = link
    let sockets = 0
    let sessions = 0
    let attempt = 0
    let connectedBefore = false
    let authRefusals = 0
    let lostReason: string | undefined

    const connectAndServe: Effect.Effect<never, Failure, Socket.WebSocketConstructor> = Effect.scoped(
      Effect.gen(function*() {
        attempt += 1
        metrics.connectAttempts.unsafeUpdate(1, [])
        const number = ++sockets
        const session = yield* Session.open(link, number).pipe(
          Effect.mapError((e) => new ConnectFailed({ reason: e.reason, attempts: attempt, url: options.url }))
        )
        const result = yield* Session.controlRequest(
          link,
          session,
          "signalwire.connect",
          connectParams(supervised),
          options.requestTimeout
        ).pipe(
          Effect.catchAll(toConnectError(attempt, authRefusals, options.url)),
          Effect.withSpan("RelayClient.authenticate", { attributes: { "relay.attempt": attempt }, captureStackTrace: false })
        )
        const current = link.resume.current()
        const protocol = typeof result.protocol === "string" && result.protocol.length > 0
          ? result.protocol
          : current.protocol ?? ""
        const sessionRestored = result.session_restored === true
        link.resume.set({ ...current, protocol })
        // A new session replaces the old one when the server says so, or, if it says nothing, when
        // it gave a protocol other than the one we asked to resume (or we asked for none).
        const replacedSession = connectedBefore && (
          result.session_restored === false ||
          (!sessionRestored && (current.protocol === undefined || protocol !== current.protocol))
        )
        if (replacedSession) {
          const replaced = current.protocol === undefined
            ? "the server asked for a new session"
            : `the server did not resume session ${current.protocol}`
          yield* Effect.logWarning(`RELAY session #${sessions + 1} is new: ${replaced}; calls and messages of the old one are lost`)
          yield* link.hub.sessionReplaced(replaced)
        }
        authRefusals = 0
        attempt = 0
        if (connectedBefore) metrics.reconnects.unsafeUpdate(1, [])
        connectedBefore = true
        sessions += 1
        yield* SubscriptionRef.set(state, ConnectionState.Connected({ protocol, sessionRestored, session: sessions }))
        yield* Effect.logInfo(`RELAY session #${sessions} ${sessionRestored ? "resumed" : "started"}`)
        yield* Deferred.succeed(supervised.firstConnection, undefined)
        yield* Effect.forkScoped(Session.pingLoop(link, session))
        // Flush what was queued while disconnected, in order, then go live. Nothing can be queued
        // between the last flushed request and `live` being set: this block is synchronous.
        const flushed = link.requests.flush(number, session.transport.send)
        if (session.endReason === undefined && flushed) link.live = session
        return yield* new SessionLost({ reason: yield* session.ended })
      })
    )

    const fatal = (failure: Failure) =>
      failure._tag === "AuthRejected" && !connectedBefore && authRefusals >= options.maxAuthAttempts
    // Until a first session, the client gives up when the connect budget is spent.
    let deadline = Number.POSITIVE_INFINITY
    const overBudget = () => !connectedBefore && clock.unsafeCurrentTimeMillis() >= deadline
    const why = (failure: ConnectError) => failure._tag === "ConnectFailed" ? failure.reason : failure.message

    const onFailure = (failure: Failure): Effect.Effect<void> => {
      if (link.closed) return Effect.void
      if (failure._tag === "SessionLost") {
        lostReason = failure.reason
        // Reported before the backoff wait, so the state never claims a session that is gone.
        return Effect.zipRight(
          Effect.logInfo(`RELAY session lost: ${failure.reason}`),
          SubscriptionRef.set(state, ConnectionState.Reconnecting({ attempt: 1, reason: failure.reason }))
        )
      }
      if (failure._tag === "AuthRejected") {
        authRefusals += 1
        metrics.authRejections.unsafeUpdate(1, [])
      }
      if (fatal(failure) || overBudget()) return Effect.void
      const failed = attempt
      return Effect.zipRight(
        Effect.logWarning(`RELAY connect attempt ${failed} to ${options.url} failed: ${why(failure)}`),
        SubscriptionRef.set(
          state,
          lostReason === undefined
            ? ConnectionState.Connecting({ attempt: failed + 1 })
            : ConnectionState.Reconnecting({ attempt: failed + 1, reason: why(failure) })
        )
      )
    }

    const toConnectFailed = (failure: Failure): ConnectError =>
      failure._tag === "SessionLost" ? new ConnectFailed({ reason: failure.reason, attempts: 0, url: options.url }) : failure

    // The caller's schedule sees ConnectErrors only; a lost session arrives as ConnectFailed.
    const schedule = Schedule.intersect(
      Schedule.identity<Failure>(),
      Schedule.mapInput(options.reconnectSchedule, toConnectFailed)
    ).pipe(Schedule.resetWhen(([failure]) => failure._tag === "SessionLost"))

    const giveUp = (failure: Failure) =>
      Effect.gen(function*() {
        const error = failure._tag === "ConnectFailed" && overBudget()
          ? new ConnectFailed({
            reason: `no session within ${Duration.format(options.connectTimeout)} (connectTimeout); last: ${failure.reason}`,
            attempts: failure.attempts,
            url: options.url
          })
          : failure._tag === "AuthRejected"
          ? new AuthRejected({
            code: failure.code,
            message: failure.message,
            ...(failure.signalwireCode === undefined ? {} : { signalwireCode: failure.signalwireCode }),
            attempts: authRefusals
          })
          : toConnectFailed(failure)
        // Before a first session the caller gets the error itself (the layer or make fails with
        // it): one report, not two. Later nobody waits on it, so the log line is the report.
        if (connectedBefore) yield* Effect.logError(`RELAY client gave up: ${error.message}`)
        else yield* Effect.logDebug(`RELAY client gave up: ${error.message}`)
        yield* Deferred.fail(supervised.firstConnection, error)
        yield* supervised.shutdown(error.message)
        yield* SubscriptionRef.set(
          state,
          error._tag === "AuthRejected"
            ? ConnectionState.AuthFailed({ error })
            : ConnectionState.Closed({ reason: error.message })
        )
      })

    return Effect.zipRight(
      Effect.sync(() => {
        deadline = clock.unsafeCurrentTimeMillis() + Duration.toMillis(options.connectTimeout)
      }),
      // `link.closed` ends the loop as well as interruption does. The client's close interrupts this
      // fiber, but on effect 3.22 an interruption that arrives while a scope finalizer runs (here:
      // the session's socket waiting for its close handshake) is forgotten when that finalizer
      // ends, if another finalizer of the same scope ran before it (`addFinalizer` restores the
      // fiber's refs, the interrupted cause among them). The loop then went on to the reconnect
      // backoff and the close waited for it forever (requests.test.ts, "the default request
      // timeout is 30 s", 1 run in 3 to 10 under TestClock).
      connectAndServe.pipe(
        Effect.tapError(onFailure),
        Effect.retry({ schedule, while: (failure) => !link.closed && !fatal(failure) && !overBudget() }),
        Effect.catchAll((failure) => link.closed ? Effect.void : giveUp(failure))
      )
    )
  })
