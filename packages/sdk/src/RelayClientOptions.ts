/**
 * The options and handler types of `RelayClient`: what `new RelayClient`,
 * `dial` and `sendMessage` take, the `onCall` / `onMessage` / `onEvent` handlers, and
 * `RelayClientLike`.
 *
 * @since 0.1.0
 */
import type { CompletedCallback } from "./Action.js"
import type { Call } from "./Call.js"
import type { Message } from "./Message.js"

/**
 * Options of `new RelayClient(options)`. Each falls back to its environment variable, then to
 * the default. The credentials and the space are read by `@signalwire-effect/config`'s
 * `SignalWireConfig`, as everywhere in the SDK: an explicit value wins, and an empty string counts
 * as missing, passed or in the environment (so `project: ""` reads `SIGNALWIRE_PROJECT_ID`, and
 * `SIGNALWIRE_API_TOKEN=` does not hide `SIGNALWIRE_TOKEN`).
 *
 * | Option | Environment | Default |
 * |---|---|---|
 * | `project` | `SIGNALWIRE_PROJECT_ID` | `""` |
 * | `token` | `SIGNALWIRE_API_TOKEN`, then `SIGNALWIRE_TOKEN` | `""` |
 * | `jwtToken` | `SIGNALWIRE_JWT_TOKEN` | `""` |
 * | `host` | `SIGNALWIRE_RELAY_HOST`, then `SIGNALWIRE_SPACE` (a bare space name `acme` is `acme.signalwire.com`) | `relay.signalwire.com` |
 * | `scheme` | `SIGNALWIRE_RELAY_SCHEME` (`ws` / `wss`, anything else ignored) | `wss` |
 * | `contexts` | — | `[]` |
 * | `maxActiveCalls` | `RELAY_MAX_ACTIVE_CALLS` (unparsable → 1000) | `1000`, at least 1 |
 *
 * Token variable (DIFFERENCES.md #1): the reference's code reads `SIGNALWIRE_API_TOKEN`,
 * its README names `SIGNALWIRE_TOKEN`; both are read, `SIGNALWIRE_API_TOKEN` first.
 *
 * @example
 * ```ts
 * import type { RelayClientOptions } from "@signalwire-effect/sdk"
 *
 * const options: RelayClientOptions = { project: "my-project", token: "PT-my-token", contexts: ["office"] }
 * ```
 * @since 0.1.0
 */
export interface RelayClientOptions {
  readonly project?: string
  readonly token?: string
  readonly jwtToken?: string
  /** A bare host, optionally `:port`; never a URL. */
  readonly host?: string
  /** `wss` (default) or `ws` (loopback and the sandbox only). */
  readonly scheme?: "ws" | "wss"
  /** Contexts to receive inbound calls and messages on, sent with `signalwire.connect`. */
  readonly contexts?: ReadonlyArray<string>
  /** Inbound calls tracked at once; more are logged and left alone. */
  readonly maxActiveCalls?: number
}

/**
 * The inbound-call handler (`onCall`).
 *
 *
 * @example
 * ```ts
 * import type { CallHandler } from "@signalwire-effect/sdk"
 *
 * const handler: CallHandler = async (call) => void (await call.answer())
 * ```
 * @since 0.1.0
 */
export type CallHandler = (call: Call) => void | Promise<void>

/**
 * The inbound-message handler (`onMessage`).
 *
 *
 * @example
 * ```ts
 * import type { MessageHandler } from "@signalwire-effect/sdk"
 *
 * const handler: MessageHandler = (message) => console.log(message.body)
 * ```
 * @since 0.1.0
 */
export type MessageHandler = (message: Message) => void | Promise<void>

/**
 * The observer of every `signalwire.event` (`onEvent`): its type and raw inner params.
 *
 *
 * @example
 * ```ts
 * import type { RawEventHandler } from "@signalwire-effect/sdk"
 *
 * const handler: RawEventHandler = (eventType, params) => console.log(eventType, params.call_id)
 * ```
 * @since 0.1.0
 */
export type RawEventHandler = (eventType: string, params: Record<string, unknown>) => void | Promise<void>

/**
 * Options of `dial`. (The reference exports a `DialOptions {from, timeout, maxDuration}` that its
 * `dial` does not use; this is the type `dial` takes.)
 *
 *
 * @example
 * ```ts
 * import type { DialOptions } from "@signalwire-effect/sdk"
 *
 * const options: DialOptions = { tag: "campaign-42", dialTimeout: 45 }
 * ```
 * @since 0.1.0
 */
export interface DialOptions {
  /** The correlation tag; default a fresh UUID. */
  readonly tag?: string
  /** Sent as the dial's `max_duration`, unchanged (the reference documents minutes). */
  readonly maxDuration?: number
  /** How long to wait for an answer once the platform dials, in **seconds**. Default 120. */
  readonly dialTimeout?: number
}

/**
 * Options of `sendMessage`. `to` / `from` are accepted as aliases of `toNumber` / `fromNumber`
 * (DIFFERENCES.md #4: the reference's docstrings use them, its code does not).
 *
 *
 * @example
 * ```ts
 * import type { SendMessageOptions } from "@signalwire-effect/sdk"
 *
 * const options: SendMessageOptions = { toNumber: "+15559876543", fromNumber: "+15551234567", media: ["https://example.com/a.png"] }
 * ```
 * @since 0.1.0
 */
export interface SendMessageOptions {
  readonly toNumber?: string
  readonly fromNumber?: string
  readonly to?: string
  readonly from?: string
  /** Where state events go; default the session's protocol, then `"default"`. */
  readonly context?: string
  readonly body?: string
  /** Media URLs (MMS). */
  readonly media?: ReadonlyArray<string>
  readonly tags?: ReadonlyArray<string>
  readonly region?: string
  /** Called once with the terminal state event. */
  readonly onCompleted?: CompletedCallback
}

/**
 * What a `RelayClient` looks like to code that only uses it (the reference's `RelayClientLike`).
 *
 *
 * @example
 * ```ts
 * import type { RelayClientLike } from "@signalwire-effect/sdk"
 *
 * const ping = (client: RelayClientLike) => client.execute("signalwire.ping", {})
 * ```
 * @since 0.1.0
 */
export interface RelayClientLike {
  readonly relayProtocol: string
  connect(): Promise<void>
  disconnect(): Promise<void>
  execute(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>
}
