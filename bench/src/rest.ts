/**
 * The REST figure: requests/s through `RestClient` against the sandbox's REST side (in a child
 * process), at 1 and 50 in flight, next to a bare `fetch` loop doing the same requests with the
 * same headers in the same run.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Effect, Exit, Layer, Logger, LogLevel, Scope } from "effect"
import { RestClient } from "@signalwire-effect/rest"
import { spawnServer } from "./scenarios.js"

const AUTH = `Basic ${Buffer.from("sandbox-project:sandbox-token").toString("base64")}`

const bare = async (baseUrl: string, inFlight: number, total: number) => {
  let next = 0
  const worker = async () => {
    while (next++ < total) {
      const response = await fetch(`${baseUrl}/api/relay/rest/sip_profile`, {
        headers: { authorization: AUTH, accept: "application/json", "user-agent": "bench" }
      })
      JSON.parse(await response.text())
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: inFlight }, worker))
  return total / ((performance.now() - start) / 1000)
}

export interface RestRow {
  readonly inFlight: number
  readonly ours: number
  readonly baseline: number
}

export const restThroughput = async (levels: ReadonlyArray<number>, total: number, rounds: number) => {
  const server = await spawnServer("sandbox")
  const baseUrl = `http://${server.host}`
  const scope = Effect.runSync(Scope.make())
  try {
    const rest = await Effect.runPromise(
      Effect.flatMap(RestClient.RestClient, Effect.succeed).pipe(
        Effect.provide(
          RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl }).pipe(
            Layer.provide(FetchHttpClient.layer)
          )
        ),
        Scope.extend(scope)
      )
    )
    const ours = (inFlight: number) =>
      Effect.runPromise(
        Effect.gen(function*() {
          const start = performance.now()
          yield* Effect.forEach(Array.from({ length: total }), () => rest.sipProfile.get(), {
            concurrency: inFlight,
            discard: true
          })
          return total / ((performance.now() - start) / 1000)
        }).pipe(Logger.withMinimumLogLevel(LogLevel.None))
      )
    await bare(baseUrl, 10, Math.min(total, 500)) // warm-up of both paths
    await ours(10)
    const rows: Array<RestRow> = []
    for (const inFlight of levels) {
      let best = { ours: 0, baseline: 0 }
      for (let round = 0; round < rounds; round++) {
        const baseline = await bare(baseUrl, inFlight, total)
        const measured = await ours(inFlight)
        best = { ours: Math.max(best.ours, measured), baseline: Math.max(best.baseline, baseline) }
      }
      rows.push({ inFlight, ...best })
    }
    return rows
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await server.stop()
  }
}
