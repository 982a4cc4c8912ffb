/**
 * SignalWire's SDK's `RelayClient`, built on the Effect core: each
 * `connect()` builds a core `RelayClient` in a fresh Scope, and `disconnect()` closes that Scope.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { Call, Device } from "./Call.js"
import { Connector } from "./internal/connector.js"
import { normalizeDevicePlan } from "./internal/normalize.js"
import { resolveOptions, type Scheme } from "./internal/options.js"
import { requestOn, runOn } from "./internal/runtime.js"
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

export type {
  CallHandler,
  DialOptions,
  MessageHandler,
  RawEventHandler,
  RelayClientLike,
  RelayClientOptions,
  SendMessageOptions
} from "./RelayClientOptions.js"

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
  readonly #connector: Connector
  #onCall: CallHandler | undefined
  #onMessage: MessageHandler | undefined
  #onEvent: RawEventHandler | undefined

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
    this.#connector = new Connector(this, {
      credentials: resolved.credentials,
      host: resolved.host,
      scheme: resolved.scheme,
      contexts: resolved.contexts,
      maxActiveCalls: resolved.maxActiveCalls
    }, {
      onCall: () => this.#onCall,
      onMessage: () => this.#onMessage,
      onEvent: () => this.#onEvent
    })
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
    return Effect.runSync(this.#connector.store.get).protocol ?? ""
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
    return this.#connector.open(false)
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
    return this.#connector.close()
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
    return this.#connector.run()
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
    return this.#connector.withConnection((connection) =>
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
    return this.#connector.dial(normalizeDevicePlan(devices), options)
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
    return this.#connector.withConnection((connection) =>
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
      ).then((core) => this.#connector.messages.sent(core, options.onCompleted))
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
    return this.#connector.withConnection((connection) => runOn(connection, connection.relay.receive(contexts)))
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
    return this.#connector.withConnection((connection) => runOn(connection, connection.relay.unreceive(contexts)))
  }
}
