/**
 * Our Effect client for the side-by-side request figures, in the bench process.
 */
import { RelayClient as EffectRelayClient } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { Effect, Exit, Logger, LogLevel, Scope } from "effect"
import { CONTEXT, PROJECT, TOKEN } from "./sideClients.js"

const quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) => Logger.withMinimumLogLevel(effect, LogLevel.None)

export type EffectClient = EffectRelayClient.RelayClient["Type"]

/** Our Effect client on `host`, in a Scope of its own; `close` disconnects it. */
export const openEffectClient = async (host: string, maxActiveCalls: number) => {
  const scope = Effect.runSync(Scope.make())
  const relay = await Effect.runPromise(
    quiet(
      EffectRelayClient.make({ project: PROJECT, token: TOKEN, host, scheme: "ws", contexts: [CONTEXT], maxActiveCalls }).pipe(
        Effect.provide(NodeWebSocket.layer),
        Scope.extend(scope)
      )
    )
  )
  return { relay, scope, close: () => Effect.runPromise(quiet(Scope.close(scope, Exit.void))) }
}
