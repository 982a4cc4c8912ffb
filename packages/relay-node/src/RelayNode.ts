/**
 * Ready-made RELAY client layers for Node: the core's layers with the `ws` WebSocket constructor
 * already provided.
 *
 * @since 0.1.0
 */
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import { RelayClient } from "@signalwire-effect/relay"
import type { RelayError } from "@signalwire-effect/relay"
import * as NodeWebSocket from "./NodeWebSocket.js"

/**
 * A client from explicit options, on Node.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { RelayNode } from "@signalwire-effect/relay-node"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   return yield* relay.execute("signalwire.ping")
 * }).pipe(Effect.provide(RelayNode.layer({ project: "p", token: "t", host: "example.signalwire.com" })))
 * ```
 * @since 0.1.0
 */
export const layer = (
  options: RelayClient.RelayClientOptions
): Layer.Layer<RelayClient.RelayClient, RelayError.ConnectError | ConfigError.ConfigError> =>
  RelayClient.layer(options).pipe(Layer.provide(NodeWebSocket.layer))

/**
 * A client from the environment (`SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN` or
 * `SIGNALWIRE_JWT_TOKEN`, `SIGNALWIRE_SPACE`, `SIGNALWIRE_RELAY_SCHEME`), on Node, with explicit
 * `overrides` winning.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { RelayNode } from "@signalwire-effect/relay-node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import * as Effect from "effect/Effect"
 *
 * Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   yield* relay.receive(["office"])
 * }).pipe(Effect.provide(RelayNode.layerConfig()), NodeRuntime.runMain)
 * ```
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: RelayClient.RelayClientOptions = {},
  from: Config.Config<RelayClient.RelayClientOptions> = RelayClient.config
): Layer.Layer<RelayClient.RelayClient, RelayError.ConnectError | ConfigError.ConfigError> =>
  RelayClient.layerConfig(overrides, from).pipe(Layer.provide(NodeWebSocket.layer))
