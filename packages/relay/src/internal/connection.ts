/**
 * The connection service: the transport, sessions, the supervisor, the request table and the
 * event hub of one client, as one scoped layer. Calls and messaging are layers on top of it.
 *
 * Everything lives in the layer's Scope. State that changes per frame is plain mutable data owned
 * by this service and touched only from its fibers, synchronously, so that "is the session live"
 * and "write the frame" can never disagree.
 */
import type * as Socket from "@effect/platform/Socket"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberHandle from "effect/FiberHandle"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { ConnectionState } from "../ConnectionState.js"
import {
  ClientClosed,
  type ConnectError,
  ConnectFailed,
  type EventStreamError,
  InvalidRequest,
  type RequestError
} from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import * as RelayFrame from "../RelayFrame.js"
import { detachFromSpan } from "./detach.js"
import * as EventHub from "./eventHub.js"
import type { ResolvedOptions } from "./options.js"
import { RecentIds } from "./recentIds.js"
import * as Requests from "./requests.js"
import * as Resume from "./resume.js"
import * as Session from "./session.js"
import { supervise } from "./supervisor.js"

export interface ExecuteOptions {
  readonly timeout?: Duration.DurationInput | undefined
  /** For a request queued while disconnected: true when it must not be sent any more. */
  readonly stale?: (() => boolean) | undefined
}

export interface Connection {
  readonly options: ResolvedOptions
  readonly execute: (
    method: string,
    params?: RelayFrame.JsonObject,
    options?: ExecuteOptions
  ) => Effect.Effect<RelayFrame.JsonObject, RequestError>
  /**
   * `execute` for a caller that waits with a callback instead of a fiber (the Promise facade): the
   * same lane, request table, timeouts, queue and typed errors. `callback` runs once, possibly
   * before this returns. False (nothing sent, `callback` never called) when the client traces
   * frames or requests, which needs a fiber: use `execute` then.
   */
  readonly executeCallback: (
    method: string,
    params: RelayFrame.JsonObject,
    options: ExecuteOptions | undefined,
    callback: (outcome: Exit.Exit<RelayFrame.JsonObject, RequestError>) => void
  ) => boolean
  readonly receive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
  readonly unreceive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
  readonly events: Stream.Stream<RelayEvent.RelayEvent, EventStreamError>
  readonly subscribe: Effect.Effect<Stream.Stream<RelayEvent.RelayEvent, EventStreamError>, never, Scope.Scope>
  /** `subscribe`'s bounded Mailbox itself (RelayCallbacks.subscribeEvents). */
  readonly subscribeMailbox: EventHub.EventHub["subscribeMailbox"]
  readonly state: Stream.Stream<ConnectionState>
  readonly currentState: Effect.Effect<ConnectionState>
  readonly protocol: Effect.Effect<Option.Option<string>>
  readonly contexts: Effect.Effect<ReadonlyArray<string>>
  readonly addListener: (listener: EventHub.Listener) => Effect.Effect<void, never, Scope.Scope>
  /** Writes a request on the live session without waiting for (or tracking) its reply. */
  readonly fire: (method: string, params: RelayFrame.JsonObject) => boolean
  /**
   * Starts the supervisor (once) and waits for the first authenticated session. Called after the
   * layers on top have registered their listeners, so that no event of the first session (a
   * resumed session re-delivers at once) arrives before they listen.
   */
  readonly start: Effect.Effect<void, ConnectError>
}

/** The connection of one client (internal: users see `RelayClient`). */
export class Tag extends Context.Tag("@signalwire-effect/relay/internal/Connection")<Tag, Connection>() {}

/** Methods the client sends itself; `execute` refuses them. */
const MANAGED_METHODS = new Set(["signalwire.connect"])

const RECENT_EVENT_IDS = 4_096

/** Builds the connection; `start` connects it. */
export const make = (
  options: ResolvedOptions
): Effect.Effect<Connection, ConnectError, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const resume = yield* Resume.make(options.closeTimeout)
    const state = yield* SubscriptionRef.make<ConnectionState>(ConnectionState.Connecting({ attempt: 1 }))
    const firstConnection = yield* Deferred.make<void, ConnectError>()
    const contexts = new Set(options.contexts)
    const hub = EventHub.make(options.eventBufferSize)

    const requests = yield* Requests.make({
      queueCapacity: options.queueCapacity,
      onTimeout: (entry) => {
        const current = link.live
        if (
          !entry.closeOnTimeout || !options.closeOnRequestTimeout || current === undefined ||
          entry.sentOn !== current.number
        ) {
          return Effect.void
        }
        // PROTOCOL.md §5.4: a request that got no answer on a live socket means the link is half-open.
        Session.end(link, current, `no reply to ${entry.method} within ${entry.timeoutMillis} ms`, 4000)
        return Effect.logWarning("request timed out; closing the session to reconnect").pipe(
          Effect.annotateLogs({ "relay.method": entry.method, "relay.request_id": entry.id })
        )
      }
    })
    const link: Session.Link = {
      options,
      requests,
      hub,
      resume,
      recentEvents: new RecentIds(RECENT_EVENT_IDS),
      live: undefined,
      closed: false
    }

    const shutdown = (reason: string | undefined) =>
      Effect.suspend(() => {
        if (link.closed) return Effect.void
        link.closed = true
        link.live = undefined
        requests.failAll((method) => new ClientClosed({ operation: method }))
        hub.close()
        return Deferred.fail(firstConnection, new ConnectFailed({ reason: reason ?? "client closed", attempts: 0 }))
      })

    const platform = yield* Effect.context<Socket.WebSocketConstructor>()
    // A defect in the supervisor is a bug; it must still end the client rather than leave the
    // layer build (or any request) waiting forever.
    const runSupervisor = detachFromSpan(
      supervise({ link, state, firstConnection, contexts: () => Array.from(contexts), shutdown })
    ).pipe(
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.gen(function*() {
          yield* Effect.logError("bug: the RELAY supervisor died", cause)
          yield* Deferred.failCause(firstConnection, Cause.die(Cause.squash(cause)))
          yield* shutdown("the supervisor died")
          yield* SubscriptionRef.set(state, ConnectionState.Closed({ reason: "internal error" }))
        })
      )
    )
    const supervisor = yield* FiberHandle.make<void, never>()
    // Runs before the scope interrupts the supervisor on its own (finalizers run last-in first-out).
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        // Every waiter fails first; then the supervisor (and with it the socket) stops, and only
        // then is Closed published, so no state follows it.
        yield* shutdown(undefined)
        yield* FiberHandle.clear(supervisor)
        yield* SubscriptionRef.set(state, ConnectionState.Closed({ reason: undefined }))
        yield* Effect.logInfo("RELAY client closed")
      })
    )
    const start = Effect.zipRight(
      FiberHandle.run(supervisor, Effect.provide(runSupervisor, platform), { onlyIfMissing: true }),
      Deferred.await(firstConnection)
    )

    // The application lane: written at once on a live session, else queued (bounded) for the next.
    const submit = (
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration,
      stale?: () => boolean
    ): Either.Either<Requests.PendingRequest, RequestError> => {
      if (link.closed) return Either.left(new ClientClosed({ operation: method }))
      if (MANAGED_METHODS.has(method)) {
        return Either.left(new InvalidRequest({ method, reason: "the client sends this method itself" }))
      }
      const created = requests.create(method, params, timeout, true, stale)
      if (Either.isLeft(created)) return created
      const entry = created.right
      const session = link.live
      if (session !== undefined && session.transport.send(entry.text)) {
        requests.sent(entry, session.number)
      } else {
        const queued = requests.enqueue(entry)
        if (Either.isLeft(queued)) return Either.left(queued.left)
      }
      return Either.right(entry)
    }

    const request = (
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration,
      stale?: () => boolean
    ): Effect.Effect<RelayFrame.JsonObject, RequestError> =>
      options.traceFrames ? tracedRequest(method, params, timeout, stale) : Effect.withFiberRuntime((fiber) => {
        // Written and waited on in one runtime step (bench/README.md: a request's runtime steps
        // are most of its CPU at 1 000 in flight).
        const submitted = submit(method, params, timeout, stale)
        return Either.isLeft(submitted) ? Exit.fail(submitted.left) : requests.awaitIn(submitted.right, fiber)
      })

    const tracedRequest = (
      method: string,
      params: RelayFrame.JsonObject,
      timeout: Duration.Duration,
      stale?: () => boolean
    ): Effect.Effect<RelayFrame.JsonObject, RequestError> =>
      Effect.suspend(() => {
        const submitted = submit(method, params, timeout, stale)
        if (Either.isLeft(submitted)) return Effect.fail(submitted.left)
        const entry = submitted.right
        // Annotations go only on the log lines a request can produce: annotating every request's
        // fiber costs a FiberRef update each on the hot path.
        return Effect.zipRight(
          Effect.annotateLogs(Session.trace(link, "out", entry.sentOn, entry.text), {
            "relay.method": method,
            "relay.request_id": entry.id
          }),
          requests.await(entry)
        )
      })

    const requestTimeout = (executeOptions: ExecuteOptions | undefined) =>
      executeOptions?.timeout === undefined ? options.requestTimeout : Duration.decode(executeOptions.timeout)

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

    return {
      options,
      execute: (method, params = {}, executeOptions) => {
        const sent = request(method, params, requestTimeout(executeOptions), executeOptions?.stale)
        return options.traceRequests
          ? Effect.withSpan(sent, "RelayClient.execute", {
            attributes: { "relay.method": method },
            captureStackTrace: false
          })
          : sent
      },
      executeCallback: (method, params, executeOptions, callback) => {
        // Frame and request tracing log and open spans: they need a fiber.
        if (options.traceFrames || options.traceRequests) return false
        const submitted = submit(method, params, requestTimeout(executeOptions), executeOptions?.stale)
        if (Either.isLeft(submitted)) callback(Exit.fail(submitted.left))
        else requests.onOutcome(submitted.right, callback)
        return true
      },
      receive: (list) => changeContexts("signalwire.receive", list).pipe(Effect.withSpan("RelayClient.receive")),
      unreceive: (list) => changeContexts("signalwire.unreceive", list).pipe(Effect.withSpan("RelayClient.unreceive")),
      events: EventHub.events(hub),
      subscribe: hub.subscribe,
      subscribeMailbox: hub.subscribeMailbox,
      state: state.changes,
      currentState: SubscriptionRef.get(state),
      protocol: Effect.sync(() => Option.fromNullable(resume.current().protocol)),
      contexts: Effect.sync(() => Array.from(contexts)),
      fire: (method, params) => {
        const session = link.live
        if (session === undefined || link.closed) return false
        const encoded = RelayFrame.encodeEither(RelayFrame.request(globalThis.crypto.randomUUID(), method, params))
        return Either.isRight(encoded) && session.transport.send(encoded.right)
      },
      addListener: hub.addListener,
      start: Effect.asVoid(start)
    }
  })

/** The connection as a scoped layer: built (and connected) when the layer is, closed with it. */
export const layer = (
  options: ResolvedOptions
): Layer.Layer<Tag, ConnectError, Socket.WebSocketConstructor> => Layer.scoped(Tag, make(options))
