/**
 * The embedded RELAY sandbox: a real WebSocket server on loopback that speaks RELAY as
 * the RELAY protocol notes (`@signalwire-effect/relay` PROTOCOL.md) describe it, so that RELAY clients (ours, or any written from that document)
 * can be tested end to end with no SignalWire account. Tests script it and inject faults through
 * this Effect API, and read every frame back from its journal.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type * as ConfigError from "effect/ConfigError"
import { RelayClient, type RelayError, type RelayFrame } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import * as internal from "./internal/sandbox.js"
import type { Journal } from "./Journal.js"
import type { Rest } from "./RestSandbox.js"
import type {
  ConnectionInfo,
  ConnectionTarget,
  EventTarget,
  Faults,
  MethodHandler,
  SandboxError,
  SandboxOptions,
  SessionInfo
} from "./SandboxServer.js"
import type { Calls } from "./SimCalls.js"
import type { Messages } from "./SimMessages.js"
import type * as SwmlSandbox from "./SwmlSandbox.js"

export {
  type ConnectionInfo,
  type ConnectionTarget,
  type EventTarget,
  type FaultOptions,
  type Faults,
  MethodError,
  type MethodHandler,
  type MethodRequest,
  SandboxError,
  type SandboxOptions,
  type SessionInfo
} from "./SandboxServer.js"
export { CallIdInUseError, type Calls, type CallScript, type CollectInput, type SimAction, type SimCall } from "./SimCalls.js"
export type { Messages, MessageScript, SimMessage } from "./SimMessages.js"

/**
 * A running sandbox.
 *
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const urlOf = Effect.map(RelaySandbox.RelaySandbox, (sandbox: RelaySandbox.Sandbox) => sandbox.url)
 * ```
 * @since 0.1.0
 */
export interface Sandbox {
  /** `ws://hostname:port`. */
  readonly url: string
  /** `hostname:port`: the client's `host` option. */
  readonly host: string
  readonly port: number
  /** Options for a RELAY client that authenticates with the sandbox's first credentials. */
  readonly clientOptions: RelayClient.RelayClientOptions
  readonly journal: Journal
  readonly faults: Faults
  /** The call simulation: every `calling.*` method, scripted far ends, inbound calls. */
  readonly calls: Calls
  /** The messaging simulation: `messaging.send` with scripted delivery, inbound messages. */
  readonly messages: Messages
  /** The REST API on the same port: journal of HTTP requests, faults (see `RestSandbox`). */
  readonly rest: Rest
  /** SWML execution: runs, transcripts, the signing key (see `SwmlSandbox`). */
  readonly swml: SwmlSandbox.SwmlApi
  /** Connections open now. */
  readonly connections: Effect.Effect<ReadonlyArray<ConnectionInfo>>
  /** Sessions known now (connected or waiting to be resumed). */
  readonly sessions: Effect.Effect<ReadonlyArray<SessionInfo>>
  /** Pushes an event (`signalwire.event`), tracked until the client ACKs it; returns the event ids. */
  readonly sendEvent: (
    eventType: string,
    params: RelayFrame.JsonObject,
    target?: EventTarget
  ) => Effect.Effect<ReadonlyArray<string>>
  /** Sends `signalwire.ping` to every authenticated connection (or one). */
  readonly ping: (target?: ConnectionTarget) => Effect.Effect<void>
  /** Scripts a method until the Scope closes (replacing a built-in one for that time). */
  readonly handle: (method: string, handler: MethodHandler) => Effect.Effect<void, never, Scope.Scope>
  /** Stops listening and closes every connection (1012), keeping the sessions. */
  readonly stop: Effect.Effect<void>
  /** Listens again on the same port. */
  readonly start: Effect.Effect<void, SandboxError>
  /** `stop`, then `start`: clients reconnect and resume their sessions. */
  readonly restart: Effect.Effect<void, SandboxError>
}

/**
 * The sandbox as a service, for tests that build it in a layer.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const url = Effect.map(RelaySandbox.RelaySandbox, (sandbox) => sandbox.url)
 * ```
 * @since 0.1.0
 */
export class RelaySandbox extends Context.Tag("@signalwire-effect/sandbox/RelaySandbox")<RelaySandbox, Sandbox>() {}

/**
 * Starts a sandbox in the current Scope; it stops when the Scope closes.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const sandbox = yield* RelaySandbox.make()
 *     const relay = yield* RelayClient.make(sandbox.clientOptions).pipe(Effect.provide(NodeWebSocket.layer))
 *     return yield* relay.execute("signalwire.ping")
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const make: (options?: SandboxOptions) => Effect.Effect<Sandbox, SandboxError, Scope.Scope> = internal.make

/**
 * A layer with a sandbox.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const sandbox = RelaySandbox.layer({ jwtTokens: ["test-jwt"] })
 * ```
 * @since 0.1.0
 */
export const layer = (options?: SandboxOptions): Layer.Layer<RelaySandbox, SandboxError> =>
  Layer.scoped(RelaySandbox, make(options))

/**
 * A RELAY client (on Node's WebSocket) connected to the sandbox in context, with extra options.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const both = RelaySandbox.layerClient({ contexts: ["office"] }).pipe(Layer.provideMerge(RelaySandbox.layer()))
 * const program = Effect.flatMap(RelayClient.RelayClient, (relay) => relay.execute("signalwire.ping"))
 *   .pipe(Effect.provide(both))
 * ```
 * @since 0.1.0
 */
export const layerClient = (
  options: RelayClient.RelayClientOptions = {}
): Layer.Layer<RelayClient.RelayClient, RelayError.ConnectError | ConfigError.ConfigError, RelaySandbox> =>
  Layer.unwrapEffect(
    Effect.map(RelaySandbox, (sandbox) => RelayClient.layer({ ...sandbox.clientOptions, ...options }))
  ).pipe(Layer.provide(NodeWebSocket.layer))
