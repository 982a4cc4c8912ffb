/**
 * SignalWire's SDK's `RelayClient`, built on the Effect core: each
 * `connect()` builds a core `RelayClient` in a fresh Scope, and `disconnect()` closes that Scope.
 *
 * @since 0.1.0
 */
import type * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import {
  type Call as CoreCall,
  type Message as CoreMessage,
  RelayClient as RelayCore,
  type RelayError as CoreError,
  type RelayEvent as CoreEvent,
  type RelayFrame,
  SessionStore
} from "@signalwire-effect/relay"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import type { SignalWireConfig } from "@signalwire-effect/config"
import { Call, type Device } from "./Call.js"
import { fromCore } from "./internal/events.js"
import { LiveCalls } from "./internal/liveCalls.js"
import { log, withLogging } from "./internal/log.js"
import { MessageTracker, received } from "./internal/messages.js"
import { normalizeDevicePlan } from "./internal/normalize.js"
import { positiveInt, resolveOptions, type Scheme } from "./internal/options.js"
import {
  causeToError,
  CONNECTION_CLOSED,
  CONNECTION_CLOSED_DURING_DIAL,
  type Connection as CoreConnection,
  type CoreClient,
  invokeDetached,
  leanRunFork,
  requestOn,
  runOn
} from "./internal/runtime.js"
import type { Message } from "./Message.js"
import type {
  CallHandler,
  DialOptions,
  MessageHandler,
  RawEventHandler,
  RelayClientLike,
  RelayClientOptions,
  SendMessageOptions
} from "./RelayClientOptions.js"
import { RelayError } from "./RelayError.js"

export type {
  CallHandler,
  DialOptions,
  MessageHandler,
  RawEventHandler,
  RelayClientLike,
  RelayClientOptions,
  SendMessageOptions
} from "./RelayClientOptions.js"

const EXECUTE_QUEUE_MAX = 500
const CLIENT_EVENT_BUFFER = 16_384

/** Read once, when this module loads (as the reference does). */
const MAX_CONNECTIONS = positiveInt(process.env.RELAY_MAX_CONNECTIONS, 1)
const activeClients = new Set<object>()

/** A connection, with the calls whose events this client routes to their `Call` (internal/liveCalls.ts). */
interface Connection extends CoreConnection {
  readonly calls: LiveCalls
}

/** One `connect()`: connecting, then connected (`connection` set). */
interface Attempt {
  readonly scope: Scope.CloseableScope
  /** `run()` retries the first connection; `connect()` fails on the first failure. */
  readonly retryFirst: boolean
  connected: boolean
  connection: Connection | undefined
  fiber: Fiber.RuntimeFiber<Connection, unknown> | undefined
  ready: Promise<void>
}

interface Waiter {
  readonly run: (connection: Connection) => void
  readonly fail: (error: Error) => void
}

const logError = (text: string, error: unknown) => log("error", text, error)

/**
 * A RELAY client: one WebSocket to SignalWire (or the sandbox), SignalWire's own TypeScript API.
 *
 * **Connection.** `connect()` builds the Effect core's client in a fresh Scope, with the Node
 * WebSocket and one `SessionStore` kept by this instance across connects: `connect()` after
 * `disconnect()` resumes the session (`session_restored: true`, same `relayProtocol`). The core
 * reconnects by itself whenever the socket drops (backoff 1 s → 30 s, resumed session, queued
 * requests flushed), not only under `run()` as in the reference. `connect()` itself fails on the
 * first failure (refused, unreachable, bad credentials); `run()` keeps retrying instead. Calling
 * `connect()` while connected (or connecting) waits for that connection instead of opening a
 * second socket.
 *
 * **`disconnect()`** closes the Scope, which stops the ping loop and closes the socket (nothing
 * is sent); every pending request, every request queued for the connection, and every dial in
 * progress rejects with `RelayError(-1, "Connection closed")` (`"Connection closed during
 * dial"` for dials: DIFFERENCES.md #7, the TypeScript reference's behaviour). Calls are left
 * up on the platform. It is idempotent, safe before `connect()`, and ends a running `run()`
 * (where the reference hangs). Afterwards the process exits on its own.
 *
 * **Requests while disconnected** (`execute`, `dial`, `sendMessage`, `receive`, `unreceive` before
 * `connect()` or after `disconnect()`) wait, up to 500, for the next `connect()`, as in the
 * reference.
 *
 * **`run()`** connects (retrying), installs SIGINT and SIGTERM handlers (DIFFERENCES.md #8:
 * both, as the TypeScript reference documents) only while it runs, and resolves once
 * `disconnect()` is called or a signal arrives.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/sdk"
 *
 * const client = new RelayClient({ project: process.env.SIGNALWIRE_PROJECT_ID!, token: process.env.SIGNALWIRE_API_TOKEN!, contexts: ["default"] })
 * await client.connect()
 * const message = await client.sendMessage({ toNumber: "+15559876543", fromNumber: "+15551234567", body: "Hello!" })
 * await message.wait()
 * await client.disconnect()
 * ```
 * @since 0.1.0
 */
export class RelayClient implements RelayClientLike {
  readonly project: string
  // The secrets are private fields behind getters: `console.log(client)`, `util.inspect` and
  // `JSON.stringify` show own enumerable properties only, so they never print a token.
  readonly #token: string
  readonly #jwtToken: string
  readonly host: string
  readonly scheme: Scheme
  /** The initial contexts (not updated by `receive` / `unreceive`). */
  readonly contexts: Array<string>
  readonly #credentials: SignalWireConfig.Credentials
  readonly #maxActiveCalls: number
  readonly #store: SessionStore.SessionStore["Type"] = Effect.runSync(SessionStore.makeMemory)
  #attempt: Attempt | undefined
  #closing: Promise<void> | undefined
  #waiting: Array<Waiter> = []
  #onCall: CallHandler | undefined
  #onMessage: MessageHandler | undefined
  #onEvent: RawEventHandler | undefined
  readonly #messages = new MessageTracker()
  #running: Promise<void> | undefined
  #stopRun: (() => void) | undefined

  /**
   * Validates synchronously: throws `Error("project and token are required (or provide
   * jwt_token). …")` without credentials (its `cause` is the `ConfigError` naming what is
   * missing), `Error("Invalid host: <host>. Must be a hostname, not a URL.")` for a host with
   * `@ / ? #`, a space or a line break.
   */
  constructor(options: RelayClientOptions = {}) {
    const resolved = resolveOptions(options)
    this.project = resolved.project
    this.#token = resolved.token
    this.#jwtToken = resolved.jwtToken
    this.host = resolved.host
    this.scheme = resolved.scheme
    this.contexts = resolved.contexts
    this.#credentials = resolved.credentials
    this.#maxActiveCalls = resolved.maxActiveCalls
  }

  /** The API token, as given (never shown by `console.log(client)` or `JSON.stringify`). */
  get token(): string {
    return this.#token
  }

  /** The JWT, as given (never shown by `console.log(client)` or `JSON.stringify`). */
  get jwtToken(): string {
    return this.#jwtToken
  }

  /** The server-assigned `protocol` of the session; `""` before the first connection. */
  get relayProtocol(): string {
    return Effect.runSync(this.#store.get).protocol ?? ""
  }

  // ---- handlers ----

  /**
   * Registers the inbound-call handler (replacing any previous one); may be called before
   * `connect()`. It runs once per inbound call, detached; what it throws or rejects with is logged.
   * Without a handler, inbound calls are logged and left alone. Returns the handler.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ contexts: ["office"] })
   * client.onCall(async (call) => {
   *   await call.answer()
   *   await (await call.playTTS("Hello")).wait()
   *   await call.hangup()
   * })
   * ```
   */
  onCall(handler: CallHandler): CallHandler {
    this.#onCall = handler
    return handler
  }

  /**
   * Registers the inbound-message handler (replacing any previous one). Returns the handler.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ contexts: ["office"] })
   * client.onMessage((message) => console.log(`${message.fromNumber}: ${message.body}`))
   * ```
   */
  onMessage(handler: MessageHandler): MessageHandler {
    this.#onMessage = handler
    return handler
  }

  /**
   * Registers the observer of every `signalwire.event` (its type and raw inner params). It runs
   * beside the typed routing (from its own subscription), not strictly before it. Returns the handler.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ contexts: ["office"] })
   * client.onEvent((eventType, params) => console.log(eventType, params.call_id))
   * ```
   */
  onEvent(handler: RawEventHandler): RawEventHandler {
    this.#onEvent = handler
    return handler
  }

  // ---- connection ----

  /**
   * Connects and authenticates. Rejects with a `RelayError` when the server refuses the
   * credentials or cannot be reached, or when `disconnect()` is called first, and with an `Error`
   * when the process already has `RELAY_MAX_CONNECTIONS` (default 1) clients connected.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ host: "127.0.0.1:8765", scheme: "ws", project: "sandbox-project", token: "sandbox-token" })
   * await client.connect()
   * console.log(client.relayProtocol)
   * ```
   */
  connect(): Promise<void> {
    return this.#open(false)
  }

  #open(retryFirst: boolean): Promise<void> {
    const current = this.#attempt
    if (current !== undefined) return current.ready
    if (!activeClients.has(this) && activeClients.size >= MAX_CONNECTIONS) {
      return Promise.reject(
        new Error(
          `RelayClient connection limit reached (${MAX_CONNECTIONS}). There are already ${activeClients.size} active connection(s) in this process. Call disconnect() on existing clients first, or set RELAY_MAX_CONNECTIONS env var to allow more.`
        )
      )
    }
    activeClients.add(this)
    const attempt: Attempt = {
      scope: Effect.runSync(Scope.make()),
      retryFirst,
      connected: false,
      connection: undefined,
      fiber: undefined,
      ready: Promise.resolve()
    }
    this.#attempt = attempt
    const fiber = Effect.runFork(
      this.#build(attempt).pipe(
        Effect.provide(NodeWebSocket.layer),
        Effect.provideService(SessionStore.SessionStore, this.#store),
        Scope.extend(attempt.scope),
        withLogging,
        // The failure is reported once, by the rejected Promise: not also as a fiber log line.
        Effect.withUnhandledErrorLogLevel(Option.none())
      )
    )
    attempt.fiber = fiber
    attempt.ready = new Promise<void>((resolve, reject) => {
      fiber.addObserver((exit) => {
        if (this.#attempt !== attempt) return reject(new RelayError(-1, CONNECTION_CLOSED))
        if (Exit.isSuccess(exit)) {
          attempt.connection = exit.value
          attempt.connected = true
          for (const waiter of this.#waiting.splice(0)) waiter.run(exit.value)
          return resolve()
        }
        this.#attempt = undefined
        activeClients.delete(this)
        const error = causeToError(exit.cause)
        Effect.runFork(Scope.close(attempt.scope, Exit.void)).addObserver(() => reject(error))
      })
    })
    return attempt.ready
  }

  /** The core client and everything the facade runs beside it, in the attempt's Scope. */
  #build(attempt: Attempt) {
    const self = this
    return Effect.gen(function*() {
      // Made before the core client, so it is closed after it (finalizers run last-in first-out).
      const fibers = yield* FiberSet.make<unknown, unknown>()
      const runFork = leanRunFork(yield* Effect.runtime<never>(), fibers)
      const relay = yield* RelayCore.make({
        ...(self.#credentials._tag === "Jwt"
          ? { jwtToken: self.#credentials.jwt }
          : { project: self.#credentials.project, token: self.#credentials.token }),
        host: self.host,
        scheme: self.scheme,
        contexts: self.contexts,
        maxActiveCalls: self.#maxActiveCalls,
        // The one subscription that carries every call's events to its Call (internal/liveCalls.ts),
        // bounded like the connection's inbound frames rather than like one consumer's.
        eventBufferSize: CLIENT_EVENT_BUFFER,
        // connect() fails on the first failed attempt, run() keeps trying; once connected, the core
        // reconnects by itself with its backoff.
        reconnectSchedule: RelayCore.defaultReconnectSchedule.pipe(
          Schedule.whileInput(() => attempt.retryFirst || attempt.connected)
        )
      })
      const calls = new LiveCalls()
      const connection: Connection = {
        scope: attempt.scope,
        relay,
        runFork: (effect) => runFork(effect),
        calls
      }
      const events = yield* relay.subscribe
      runFork(self.#pumpClientEvents(relay, events, calls))
      yield* relay.onCall((call) => self.#serveCall(call, connection), { release: "keep" })
      yield* relay.onMessage((message) => Effect.sync(() => self.#deliverMessage(message)))
      return connection
    })
  }

  /**
   * Delivers every event of the connection to `onEvent`, to tracked messages and to the listeners of
   * routed calls; resubscribes on overflow.
   */
  #pumpClientEvents(
    relay: CoreClient,
    events: Stream.Stream<CoreEvent.RelayEvent, CoreError.EventStreamError>,
    calls: LiveCalls
  ): Effect.Effect<void> {
    const deliver = (chunk: Chunk.Chunk<CoreEvent.RelayEvent>) =>
      Effect.sync(() => {
        for (const event of chunk) this.#onClientEvent(event, calls)
      })
    return Stream.runForEachChunk(events, deliver).pipe(
      Effect.catchTag("EventOverflow", () =>
        Effect.zipRight(
          Effect.logWarning("onEvent / call and message listeners fell behind the event stream; some events were missed"),
          Effect.suspend(() => {
            calls.sweep()
            return this.#pumpClientEvents(relay, relay.events, calls)
          })
        )),
      Effect.catchTag("ClientClosed", () => Effect.void)
    )
  }

  #onClientEvent(event: CoreEvent.RelayEvent, calls: LiveCalls): void {
    const handler = this.#onEvent
    if (handler !== undefined) {
      invokeDetached(`onEvent handler (${event.eventType})`, () => handler(event.eventType, { ...event.params }), logError)
    }
    if (event._tag === "MessageState") this.#messages.onState(event.params.message_id, fromCore(event))
    else calls.route(event)
  }

  /**
   * Wraps a core call and routes its events to it, until the Scope `scope` closes (which tells the
   * Call that delivery stopped); returns the Call and what the fiber serving it waits on.
   */
  #attach(core: CoreCall.Call, connection: Connection, scope: Scope.Scope) {
    return Effect.flatMap(connection.relay.protocol, (protocol) => {
      const session = Option.getOrElse(protocol, () => "")
      const call = new Call(core, connection, core.direction === "inbound" ? (core.context ?? session) : session)
      const calls = connection.calls
      const live = calls.add(call)
      return Effect.as(Scope.addFinalizer(scope, Effect.sync(() => calls.finish(live))), [call, calls.serve(core, live)] as const)
    })
  }

  /** The core's onCall handler: the facade's handler, detached; this fiber then waits for the call's end. */
  #serveCall(core: CoreCall.Call, connection: Connection): Effect.Effect<void, never, Scope.Scope> {
    return Effect.flatMap(Effect.scope, (scope) =>
      Effect.flatMap(this.#attach(core, connection, scope), ([call, served]) => {
        const handler = this.#onCall
        if (handler === undefined) {
          log("warn", `inbound call ${core.callId} left alone: no onCall handler`)
        } else {
          invokeDetached(() => `onCall handler (call ${core.callId})`, () => handler(call), logError)
        }
        return served
      }))
  }

  #deliverMessage(core: CoreMessage.Message): void {
    const message = received(core)
    const handler = this.#onMessage
    if (handler === undefined) return log("warn", `inbound message ${core.messageId} not handled: no onMessage handler`)
    invokeDetached(`onMessage handler (message ${core.messageId})`, () => handler(message), logError)
  }

  /**
   * Disconnects: see the class documentation for the contract. Idempotent; safe before
   * `connect()`; ends a running `run()`.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t" })
   * await client.disconnect() // nothing to do yet
   * ```
   */
  disconnect(): Promise<void> {
    this.#stopRun?.()
    const closedError = (waiter: Waiter & { readonly closedText?: string }) =>
      new RelayError(-1, waiter.closedText ?? CONNECTION_CLOSED)
    for (const waiter of this.#waiting.splice(0)) waiter.fail(closedError(waiter))
    const attempt = this.#attempt
    if (attempt === undefined) {
      if (this.#closing === undefined) activeClients.delete(this)
      return this.#closing ?? Promise.resolve()
    }
    this.#attempt = undefined
    const closing = new Promise<void>((resolve) => {
      const fiber = attempt.fiber
      const close = Effect.zipRight(
        fiber === undefined ? Effect.void : Fiber.interrupt(fiber),
        Scope.close(attempt.scope, Exit.void)
      )
      Effect.runFork(withLogging(close)).addObserver(() => {
        activeClients.delete(this)
        if (this.#closing === closing) this.#closing = undefined
        resolve()
      })
    })
    this.#closing = closing
    return closing
  }

  /**
   * Connects, then runs until `disconnect()` is called or the process receives SIGINT or SIGTERM
   * (then it disconnects). The signal handlers exist only while `run()` runs. A failure to
   * connect is retried with backoff (rejecting only when the credentials are refused 3 times);
   * losing the connection later is handled by the core's reconnect.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ contexts: ["office"] })
   * client.onCall(async (call) => {
   *   await call.answer()
   *   await call.hangup()
   * })
   * await client.run() // until Ctrl-C
   * ```
   */
  run(): Promise<void> {
    if (this.#running !== undefined) return this.#running
    const running = this.#runUntilStopped()
    this.#running = running
    return running
  }

  async #runUntilStopped(): Promise<void> {
    let stopped = false
    let stop: () => void = () => {}
    const stoppedPromise = new Promise<void>((resolve) => {
      stop = () => {
        stopped = true
        resolve()
      }
    })
    this.#stopRun = stop
    const onSignal = (signal: NodeJS.Signals) => {
      log("info", `${signal} received: disconnecting`)
      this.disconnect().then(undefined, (error: unknown) => log("error", "disconnect failed", error))
    }
    process.on("SIGINT", onSignal)
    process.on("SIGTERM", onSignal)
    try {
      try {
        await this.#open(true)
      } catch (error) {
        if (!stopped) throw error
      }
      await stoppedPromise
    } finally {
      process.off("SIGINT", onSignal)
      process.off("SIGTERM", onSignal)
      if (this.#stopRun === stop) this.#stopRun = undefined
      this.#running = undefined
      await this.disconnect()
      log("info", "RELAY client stopped")
    }
  }

  /**
   * `await using client = …` disconnects at the end of the block.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * {
   *   await using client = new RelayClient({ project: "p", token: "t" })
   *   await client.connect()
   * } // disconnected here
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.disconnect()
  }

  // ---- requests ----

  /** Runs `f` on the connection, or once connected (at most 500 waiting); rejected by `disconnect()`. */
  #withConnection<A>(f: (connection: Connection) => Promise<A>, closedText: string = CONNECTION_CLOSED): Promise<A> {
    const connection = this.#attempt?.connection
    if (connection !== undefined) return f(connection)
    if (this.#waiting.length >= EXECUTE_QUEUE_MAX) {
      return Promise.reject(new RelayError(-1, "Execute queue full — too many requests while disconnected"))
    }
    return new Promise<A>((resolve, reject) => {
      const waiter: Waiter & { readonly closedText: string } = {
        closedText,
        run: (ready) => f(ready).then(resolve, reject),
        fail: reject
      }
      this.#waiting.push(waiter)
    })
  }

  /**
   * Sends any JSON-RPC method and resolves with its `result`. Rejects with a `RelayError` for a
   * non-2xx result, a JSON-RPC error, no reply within 30 s (`Request timeout for <method>`), or
   * `disconnect()`. No call-gone mapping here.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t" })
   * await client.connect()
   * const pong = await client.execute("signalwire.ping", {})
   * ```
   */
  execute(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const json = params as RelayFrame.JsonObject
    return this.#withConnection((connection) =>
      requestOn(
        (callback) => RelayCallbacks.execute(connection.relay, method, json, undefined, callback),
        () => runOn(connection, connection.relay.execute(method, json))
      )
    )
  }

  /**
   * Dials a plan (`Device[][]`: outer groups tried in turn, devices of a group rung together; flat
   * devices are normalized) and resolves with the answered `Call`. Rejects with
   * `RelayError(-1, "Dial failed (tag=…)")` when every leg fails, `"Dial timed out waiting for
   * answer (tag=…)"` after `dialTimeout` **seconds** (default 120; DIFFERENCES.md #9: a
   * RelayError, not a TimeoutError), `"Connection closed during dial"` on `disconnect()`, or the
   * RPC's own error. The call is left up when the client disconnects.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t" })
   * await client.connect()
   * const call = await client.dial([[{ type: "phone", to: "+15551230001", from: "+15559870000" }]], { dialTimeout: 30 })
   * await call.hangup()
   * ```
   */
  dial(devices: ReadonlyArray<ReadonlyArray<Device>> | ReadonlyArray<Device>, options: DialOptions = {}): Promise<Call> {
    const plan = normalizeDevicePlan(devices)
    return this.#withConnection((connection) => {
      const dialed = Effect.gen(this, function*() {
        const callScope = yield* Scope.fork(connection.scope, ExecutionStrategy.sequential)
        const core = yield* connection.relay.dial(plan as unknown as Parameters<CoreClient["dial"]>[0], {
          ...(options.tag === undefined ? {} : { tag: options.tag }),
          ...(options.maxDuration === undefined ? {} : { maxDuration: Duration.seconds(options.maxDuration) }),
          ...(options.dialTimeout === undefined ? {} : { timeout: `${options.dialTimeout} seconds` }),
          release: "keep"
        }).pipe(
          Scope.extend(callScope),
          Effect.onError(() => Scope.close(callScope, Exit.void))
        )
        const [call, served] = yield* this.#attach(core, connection, callScope)
        connection.runFork(Effect.ensuring(served, Scope.close(callScope, Exit.void)))
        return call
      })
      return runOn(connection, dialed, CONNECTION_CLOSED_DURING_DIAL)
    }, CONNECTION_CLOSED_DURING_DIAL)
  }

  /**
   * Sends an SMS / MMS (`messaging.send`) and resolves with the `Message` (state `queued`), tracked
   * until its terminal state. Its state events, even those that beat the platform's reply, are
   * applied from the next turn of the event loop on, so listeners added right after the `await`
   * see every state (and `Message.on` replays the states a later listener missed). Rejects with
   * `Error("At least one of body or media is required")` before sending anything.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t" })
   * await client.connect()
   * const message = await client.sendMessage({
   *   toNumber: "+15559876543",
   *   fromNumber: "+15551234567",
   *   body: "Your order shipped",
   *   onCompleted: (event) => console.log(event.params.message_state)
   * })
   * ```
   */
  sendMessage(options: SendMessageOptions): Promise<Message> {
    if ((options.body === undefined || options.body === "") && (options.media === undefined || options.media.length === 0)) {
      return Promise.reject(new Error("At least one of body or media is required"))
    }
    const to = options.toNumber ?? options.to ?? ""
    const from = options.fromNumber ?? options.from ?? ""
    return this.#withConnection((connection) =>
      runOn(
        connection,
        connection.relay.sendMessage({
          to,
          from,
          ...(options.body === undefined || options.body === "" ? {} : { body: options.body }),
          ...(options.media === undefined || options.media.length === 0 ? {} : { media: options.media }),
          ...(options.context === undefined ? {} : { context: options.context }),
          ...(options.tags === undefined ? {} : { tags: options.tags }),
          ...(options.region === undefined ? {} : { region: options.region })
        })
      ).then((core) => this.#messages.sent(core, options.onCompleted))
    )
  }

  /**
   * Subscribes to more contexts (`signalwire.receive`); a no-op for an empty list.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t" })
   * await client.connect()
   * await client.receive(["sales", "support"])
   * ```
   */
  receive(contexts: ReadonlyArray<string>): Promise<void> {
    if (contexts.length === 0) return Promise.resolve()
    return this.#withConnection((connection) => runOn(connection, connection.relay.receive(contexts)))
  }

  /**
   * Unsubscribes from contexts (`signalwire.unreceive`); a no-op for an empty list.
   *
   * @example
   * ```ts
   * import { RelayClient } from "@signalwire-effect/sdk"
   *
   * const client = new RelayClient({ project: "p", token: "t", contexts: ["sales"] })
   * await client.connect()
   * await client.unreceive(["sales"])
   * ```
   */
  unreceive(contexts: ReadonlyArray<string>): Promise<void> {
    if (contexts.length === 0) return Promise.resolve()
    return this.#withConnection((connection) => runOn(connection, connection.relay.unreceive(contexts)))
  }
}
