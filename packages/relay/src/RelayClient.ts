/**
 * The RELAY client: one authenticated WebSocket to SignalWire (or to the embedded sandbox), kept
 * alive, resumed after every drop, and closed deterministically with the Scope that owns it.
 *
 * @since 0.1.0
 */
import type * as Socket from "@effect/platform/Socket"
import { SignalWireConfig } from "@signalwire-effect/config"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type * as Call from "./Call.js"
import type { ConnectionState } from "./ConnectionState.js"
import type * as Device from "./Device.js"
import * as calling from "./internal/calling.js"
import * as messaging from "./internal/messaging.js"
import type * as Message from "./Message.js"
import * as callbacks from "./internal/callbacks.js"
import * as connection from "./internal/connection.js"
import * as options from "./internal/options.js"
import type { ConnectError, DialError, EventStreamError, RequestError } from "./RelayError.js"
import type { RelayEvent } from "./RelayEvent.js"
import type { JsonObject } from "./RelayFrame.js"

/**
 * What a client is built from. Only the credentials are required; every other default is the
 * reference SDK's (PROTOCOL.md §5.1).
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 *
 * const options: RelayClient.RelayClientOptions = {
 *   project: "my-project-id",
 *   token: "PT-my-api-token",
 *   host: "example.signalwire.com",
 *   contexts: ["office"],
 *   requestTimeout: "10 seconds"
 * }
 * ```
 * @since 0.1.0
 */
export interface RelayClientOptions {
  /** Project id; with `token`, the default way to authenticate. */
  readonly project?: string | undefined
  /** API token. A plain string is wrapped in `Redacted` at once. */
  readonly token?: string | Redacted.Redacted<string> | undefined
  /** A JWT; when set it wins, and `project`/`token` are not sent. */
  readonly jwtToken?: string | Redacted.Redacted<string> | undefined
  /**
   * The space (`acme` or `acme.signalwire.com`): the RELAY host when `host` is not given. Read from
   * `SIGNALWIRE_SPACE` by {@link config}.
   */
  readonly space?: string | undefined
  /**
   * A bare host name, optionally with `:port` (never a URL); wins over `space`. Default: the space's
   * host, else `relay.signalwire.com`.
   */
  readonly host?: string | undefined
  /** `wss` (default) or `ws` (loopback tests and the sandbox only). */
  readonly scheme?: "ws" | "wss" | undefined
  /** Contexts to receive inbound calls and messages on, sent with `signalwire.connect`. */
  readonly contexts?: ReadonlyArray<string> | undefined
  /** The `agent` string sent with `signalwire.connect`. */
  readonly agent?: string | undefined
  /** Per-request timeout, counted from when the request is issued (even if queued). Default 30 s. */
  readonly requestTimeout?: Duration.DurationInput | undefined
  /** Requests that may wait for a connection before `QueueFull`. Default 500. */
  readonly queueCapacity?: number | undefined
  /** Inbound frames buffered before the session is dropped and resumed. Default 16 384. */
  readonly inboundCapacity?: number | undefined
  /** Events buffered per `events` subscriber before its stream fails with `EventOverflow`. Default 1 024. */
  readonly eventBufferSize?: number | undefined
  /** Interval of the client `signalwire.ping` loop. Default 30 s. */
  readonly pingInterval?: Duration.DurationInput | undefined
  /** How long a client ping may wait for its reply. Default 10 s. */
  readonly pingTimeout?: Duration.DurationInput | undefined
  /** Consecutive failed client pings that end the session. Default 3. */
  readonly pingMaxFailures?: number | undefined
  /** Silence from the server after which a warning is logged (PROTOCOL.md §5.3). Default 15 s. */
  readonly serverPingTimeout?: Duration.DurationInput | undefined
  /** How long a socket may take to open. Default 10 s. */
  readonly openTimeout?: Duration.DurationInput | undefined
  /**
   * The budget of the first connection: until a first session is established, the client stops
   * retrying once this much time has passed and fails with `ConnectFailed` (naming the URL, the
   * attempts and the last cause). After a first success it reconnects for as long as the
   * reconnect schedule allows (by default, for ever). Default 30 s.
   */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /** How long the peer may take to finish the close handshake before the socket is destroyed. Default 2 s. */
  readonly closeTimeout?: Duration.DurationInput | undefined
  /**
   * Delays between connection attempts. Runs afresh for every lost session, so a long healthy
   * session resets the backoff. When it ends, the client gives up (`ConnectFailed`). Default:
   * {@link defaultReconnectSchedule}, which never ends.
   */
  readonly reconnectSchedule?: Schedule.Schedule<unknown, ConnectError> | undefined
  /** Consecutive credential refusals, before the first success, that end the client. Default 3. */
  readonly maxAuthAttempts?: number | undefined
  /** Close the session when a request times out on it, assuming a half-open link (PROTOCOL.md §5.4). Default true. */
  readonly closeOnRequestTimeout?: boolean | undefined
  /**
   * Log every frame at Trace level, with credentials redacted. Default false. Effect's default
   * minimum log level is Info, so the lines show only with the level lowered, e.g.
   * `program.pipe(Logger.withMinimumLogLevel(LogLevel.Trace))`.
   */
  readonly traceFrames?: boolean | undefined
  /**
   * Give every `execute` its own `RelayClient.execute` span. Off by default: a span per request
   * costs about a third of the request path's throughput (bench/README.md). Connects and dials are
   * always spanned; call handlers and call commands see `traceCalls`.
   */
  readonly traceRequests?: boolean | undefined
  /**
   * Give every call handler (`RelayClient.onCall`, `RelayClient.adoptLateCall`) and every call
   * command its span (`Call.command`). Off by default: a handler's span lives as long as its call,
   * about 6 KB per live call, and a command's span is a fifth of its cost (bench/README.md).
   */
  readonly traceCalls?: boolean | undefined
  /** Inbound calls handled at once; more are ACKed, logged, counted and dropped (PROTOCOL.md §5.6). Default 1 000. */
  readonly maxActiveCalls?: number | undefined
  /** How long a dial waits for an answer once the platform is dialing. Default 120 s. */
  readonly dialTimeout?: Duration.DurationInput | undefined
  /** Events buffered per call-event subscriber before its stream fails with `EventOverflow`. Default 256. */
  readonly callEventBufferSize?: number | undefined
  /** How long releasing a call waits for its hang-up to be accepted. Default 5 s. */
  readonly releaseTimeout?: Duration.DurationInput | undefined
  /** How long the tag of a dial that gave up is watched for late legs to reconcile. Default 10 min. */
  readonly lateLegGrace?: Duration.DurationInput | undefined
  /**
   * Makes closing the client's Scope graceful: first `drain(drainOnClose)` (new inbound calls are
   * passed back, calls in progress may finish within this time, the rest are hung up), then
   * disconnect. Default: none (handlers are interrupted and their calls hung up at once).
   */
  readonly drainOnClose?: Duration.DurationInput | undefined
  /** Default timeout of `Message.wait`. Default 10 min. */
  readonly messageTimeout?: Duration.DurationInput | undefined
  /** How long an outbound message is tracked while no final state arrives. Default 1 h. */
  readonly messageTrackingTimeout?: Duration.DurationInput | undefined
}

/**
 * Per-call options of {@link RelayClient}'s `execute`.
 *
 *
 * @example
 * ```ts
 * import type { RelayClient } from "@signalwire-effect/relay"
 *
 * const quick: RelayClient.ExecuteOptions = { timeout: "2 seconds" }
 * ```
 * @since 0.1.0
 */
export interface ExecuteOptions {
  /** Overrides the client's `requestTimeout` for this request. */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * The RELAY client service.
 *
 * Closing the Scope that built it is `disconnect`: the ping loop and every fiber stop, the socket
 * closes, and every pending request (written or queued) fails with `ClientClosed`.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { RelayNode } from "@signalwire-effect/relay-node"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   yield* relay.receive(["office"])
 *   const pong = yield* relay.execute("signalwire.ping", {})
 *   yield* Effect.log(pong)
 * }).pipe(Effect.provide(RelayNode.layerConfig()))
 * ```
 * @since 0.1.0
 */
export class RelayClient extends Context.Tag("@signalwire-effect/relay/RelayClient")<
  RelayClient,
  {
    /**
     * Sends any JSON-RPC method and returns its `result`. A `result.code` that is not `2xx` is an
     * `RpcError` (PROTOCOL.md §7.1). Requests issued while reconnecting wait in a bounded queue.
     */
    readonly execute: (
      method: string,
      params?: JsonObject,
      options?: ExecuteOptions
    ) => Effect.Effect<JsonObject, RequestError>
    /** Subscribes to more contexts (`signalwire.receive`); they are restored after every reconnect. */
    readonly receive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
    /** Unsubscribes from contexts (`signalwire.unreceive`). */
    readonly unreceive: (contexts: ReadonlyArray<string>) => Effect.Effect<void, RequestError>
    /**
     * Every event the server pushes, decoded, from the moment the stream is run. Each run has its
     * own bounded buffer; a subscriber that falls behind fails with `EventOverflow` rather than
     * silently missing events. Ends with `ClientClosed` when the client closes.
     */
    readonly events: Stream.Stream<RelayEvent, EventStreamError>
    /**
     * Like `events`, but subscribed as soon as this Effect runs (in the given Scope), so no event
     * between subscribing and running the stream is missed.
     */
    readonly subscribe: Effect.Effect<Stream.Stream<RelayEvent, EventStreamError>, never, Scope.Scope>
    /** The connection state: the current one, then every change. */
    readonly state: Stream.Stream<ConnectionState>
    /** The current connection state. */
    readonly currentState: Effect.Effect<ConnectionState>
    /** The session's `protocol`, once the server has assigned one. */
    readonly protocol: Effect.Effect<Option.Option<string>>
    /** The contexts the client receives on now (the initial ones plus `receive`, minus `unreceive`). */
    readonly contexts: Effect.Effect<ReadonlyArray<string>>
    /**
     * Dials a plan (`Device.serial`, `Device.parallel`, or any `[[…], […]]`) and returns the call
     * that answered, owned by the current Scope: closing it releases the call (hanging it up by
     * default). Fails with `DialFailed` when every leg fails, `DialTimeout` when nobody answers in
     * time (default 120 s, distinct from the request's own `RequestTimeout`), `InvalidRequest` for
     * an invalid plan (nothing is sent). Parallel dials are correlated by tag and never mixed up.
     */
    readonly dial: (
      devices: Device.DialPlan,
      options?: Call.DialOptions
    ) => Effect.Effect<Call.Call, DialError, Scope.Scope>
    /**
     * Handles inbound calls (on the client's contexts) for as long as the Scope lives: each call
     * runs `handler` in its own fiber, in a Scope of its own; when the handler ends the call is
     * released (hung up by default). At most `maxActiveCalls` run at once; more are dropped
     * (logged and counted). A failing handler is logged and never harms the client. The latest
     * registration wins while it lives. Calls offered while no handler is registered (between the
     * first connect and this call) wait, within `maxActiveCalls`, and go to the first handler.
     */
    readonly onCall: (
      handler: (call: Call.Call) => Effect.Effect<void, unknown, Scope.Scope>,
      options?: Call.OnCallOptions
    ) => Effect.Effect<void, never, Scope.Scope>
    /**
     * Graceful shutdown of call handling: new inbound calls are passed back to the platform, calls
     * in progress may finish within `timeout`, then the rest are interrupted and hung up. Close the
     * client's Scope afterwards to disconnect.
     */
    readonly drain: (timeout: Duration.DurationInput) => Effect.Effect<void>
    /** The calls this client tracks now. */
    readonly calls: Effect.Effect<ReadonlyArray<Call.Call>>
    /**
     * Sends an SMS or MMS (`messaging.send`) and returns it once accepted, tracked by its
     * `message_id` until a final state (`Message.wait`, `Message.states`). Invalid options (numbers
     * not E.164, neither body nor media) are an `InvalidRequest` and nothing is sent.
     */
    readonly sendMessage: (options: Message.SendMessageOptions) => Effect.Effect<Message.Message, RequestError>
    /**
     * Handles inbound messages (on the client's contexts) for as long as the Scope lives, each in
     * its own fiber; a failing handler is logged and never harms the client. Messages that arrive
     * while no handler is registered (up to 1 024) go to the first handler.
     */
    readonly onMessage: (
      handler: (message: Message.Message) => Effect.Effect<void, unknown, Scope.Scope>
    ) => Effect.Effect<void, never, Scope.Scope>
    /** The outbound messages tracked now (not yet final). */
    readonly messages: Effect.Effect<ReadonlyArray<Message.Message>>
  }
>() {}

/**
 * The default reconnect backoff: 1, 2, 4, 8, 16, 30, 30, … seconds, each jittered by ×0.8–1.2
 * and capped at 30 s.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Schedule from "effect/Schedule"
 *
 * // Give up after 10 attempts instead of retrying forever.
 * const reconnectSchedule = RelayClient.defaultReconnectSchedule.pipe(Schedule.intersect(Schedule.recurs(10)))
 * ```
 * @since 0.1.0
 */
export const defaultReconnectSchedule: Schedule.Schedule<Duration.Duration, unknown> = options.defaultReconnectSchedule

/**
 * Builds a client in the current Scope and waits for its first authenticated session. Fails with
 * `AuthRejected` when the credentials are refused `maxAuthAttempts` times in a row, or
 * `ConnectFailed` when the reconnect schedule gives up first; invalid options are a `ConfigError`.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const relay = yield* RelayClient.make({ project: "p", token: "t", host: "127.0.0.1:8765", scheme: "ws" })
 *     return yield* relay.execute("signalwire.ping")
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const make = (
  clientOptions: RelayClientOptions
): Effect.Effect<
  Context.Tag.Service<RelayClient>,
  ConnectError | ConfigError.ConfigError,
  Scope.Scope | Socket.WebSocketConstructor
> =>
  Effect.gen(function*() {
    const resolved = yield* options.resolve(clientOptions)
    // The scope tree is the layer graph: the connection is built first and closed last; calling
    // and messaging are built on it and closed before it (see README.md, "How it works").
    const services = yield* Layer.build(
      Layer.merge(calling.layer(resolved), messaging.layer(resolved)).pipe(
        Layer.provideMerge(connection.layer(resolved))
      )
    )
    const core = Context.get(services, connection.Tag)
    const calls = Context.get(services, calling.Tag)
    const messages = Context.get(services, messaging.Tag)
    // Connect only now that calling and messaging listen: a resumed session re-delivers at once.
    yield* core.start
    const service = RelayClient.of({
      execute: core.execute,
      receive: core.receive,
      unreceive: core.unreceive,
      events: core.events,
      subscribe: core.subscribe,
      state: core.state,
      currentState: core.currentState,
      protocol: core.protocol,
      contexts: core.contexts,
      dial: calls.dial,
      onCall: calls.onCall,
      drain: calls.drain,
      calls: calls.calls,
      sendMessage: messages.sendMessage,
      onMessage: messages.onMessage,
      messages: messages.messages
    })
    callbacks.register(service, core)
    return service
  }).pipe(Effect.withSpan("RelayClient.connect"))

/**
 * A layer with a client built from explicit options. The platform's WebSocket constructor is left
 * to provide (`RelayNode.layer` does it for Node).
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 * import * as Layer from "effect/Layer"
 *
 * const live = RelayClient.layer({ project: "p", token: "t" }).pipe(Layer.provide(NodeWebSocket.layer))
 * ```
 * @since 0.1.0
 */
export const layer = (
  clientOptions: RelayClientOptions
): Layer.Layer<RelayClient, ConnectError | ConfigError.ConfigError, Socket.WebSocketConstructor> =>
  Layer.scoped(RelayClient, make(clientOptions))

const optionalString = (name: string) => Config.option(Config.nonEmptyString(name))

/**
 * The options read from the environment: the shared settings of `@signalwire-effect/config`
 * (`SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_JWT_TOKEN`, `SIGNALWIRE_SPACE`;
 * an empty variable counts as unset), and RELAY's own `SIGNALWIRE_RELAY_HOST` (wins over the space)
 * and `SIGNALWIRE_RELAY_SCHEME` (`ws` or `wss`). Tokens are read as `Redacted`.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Config from "effect/Config"
 *
 * // Environment first, with extra contexts.
 * const config = RelayClient.config.pipe(Config.map((o) => ({ ...o, contexts: ["office"] })))
 * ```
 * @since 0.1.0
 */
export const config: Config.Config<RelayClientOptions> = Config.all({
  settings: SignalWireConfig.config,
  relayHost: optionalString("SIGNALWIRE_RELAY_HOST"),
  scheme: Config.option(Config.literal("ws", "wss")("SIGNALWIRE_RELAY_SCHEME"))
}).pipe(
  Config.map(({ relayHost, scheme, settings }): RelayClientOptions => ({
    ...settings,
    host: Option.getOrUndefined(relayHost),
    scheme: Option.getOrUndefined(scheme)
  }))
)

/**
 * A layer with a client built from a `Config` (by default {@link config}, the environment), merged
 * under the explicit `overrides`: explicit value, then environment, then default. Missing or
 * invalid settings fail the layer with a `ConfigError` before anything connects.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 *
 * // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE from the environment.
 * const live = RelayClient.layerConfig({ contexts: ["office"] })
 * ```
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: RelayClientOptions = {},
  from: Config.Config<RelayClientOptions> = config
): Layer.Layer<RelayClient, ConnectError | ConfigError.ConfigError, Socket.WebSocketConstructor> =>
  Layer.scoped(
    RelayClient,
    Effect.flatMap(from, (fromConfig) => make(mergeOptions(fromConfig, overrides)))
  )

const mergeOptions = (base: RelayClientOptions, overrides: RelayClientOptions): RelayClientOptions => {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[key] = value
  }
  return merged as RelayClientOptions
}
