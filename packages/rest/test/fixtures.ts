import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { RestClient } from "@signalwire-effect/rest"
import type { RelaySandbox } from "@signalwire-effect/sandbox"

/** The REST client pointed at a sandbox with its default credentials. */
export const clientLayer = (sandbox: RelaySandbox.Sandbox, options: RestClient.RestOptions = {}) =>
  RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl, ...options }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

/** Runs `f` with a REST client for the sandbox. */
export const withRest = <A, E>(
  sandbox: RelaySandbox.Sandbox,
  f: (rest: RestClient.RestClient["Type"]) => Effect.Effect<A, E>,
  options: RestClient.RestOptions = {}
) => Effect.flatMap(RestClient.RestClient, f).pipe(Effect.provide(clientLayer(sandbox, options)))
