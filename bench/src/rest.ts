/**
 * The REST figure: requests/s through `RestClient` against the sandbox's REST side (in a child
 * process), at 1 and 50 in flight, next to a bare `fetch` loop doing the same requests with the
 * same headers in the same run. The client runs on `NodeHttpClient.layerUndici` (the cheaper of
 * the platform's Node clients), and for information on `FetchHttpClient`. Each row also carries
 * the client process's CPU time per request of both loops (`process.cpuUsage()`), which the
 * load of a shared machine disturbs far less than the rates. The Promise facade's `RestClient`
 * (its defaults: undici) is measured in the same rounds.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Context, Effect, Exit, Layer, Logger, LogLevel, Scope } from "effect"
import { RestClient } from "@signalwire-effect/rest"
import { RestClient as FacadeClient } from "@signalwire-effect/sdk"
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
  /** The same client on `FetchHttpClient`. */
  readonly oursFetch: number
  readonly baseline: number
  /** The Promise facade's `RestClient` (`@signalwire-effect/sdk`) with its defaults. */
  readonly facade: number
  /** CPU time per request in this process (µs), the lowest of the rounds: ours on undici, the facade, the bare loop. */
  readonly cpuOurs: number
  readonly cpuFacade: number
  readonly cpuBaseline: number
}

/** `run`'s result and the CPU time it took in this process, in µs per request. */
const withCpu = async (total: number, run: () => Promise<number>) => {
  const before = process.cpuUsage()
  const rate = await run()
  const spent = process.cpuUsage(before)
  return { rate, cpu: (spent.user + spent.system) / total }
}

export const restThroughput = async (levels: ReadonlyArray<number>, total: number, rounds: number) => {
  const server = await spawnServer("sandbox")
  const baseUrl = `http://${server.host}`
  const scope = Effect.runSync(Scope.make())
  try {
    // Built in the bench's scope: the undici dispatcher lives as long as the client.
    const clientOn = (http: Layer.Layer<HttpClient.HttpClient>) =>
      Effect.runPromise(Effect.map(
        Layer.buildWithScope(
          RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl }).pipe(Layer.provide(http)),
          scope
        ),
        (context) => Context.get(context, RestClient.RestClient)
      ))
    const onUndici = await clientOn(NodeHttpClient.layerUndici)
    const onFetch = await clientOn(FetchHttpClient.layer)
    const ours = (inFlight: number, rest = onUndici) =>
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
    const facadeClient = new FacadeClient({ project: "sandbox-project", token: "sandbox-token", host: baseUrl })
    const facade = async (inFlight: number) => {
      let next = 0
      const start = performance.now()
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next++ < total) await facadeClient.sipProfile.get()
      }))
      return total / ((performance.now() - start) / 1000)
    }
    await bare(baseUrl, 10, Math.min(total, 500)) // warm-up of every path
    await ours(10)
    await ours(10, onFetch)
    await facade(10)
    const rows: Array<RestRow> = []
    for (const inFlight of levels) {
      let best = { ours: 0, oursFetch: 0, facade: 0, baseline: 0, cpuOurs: Infinity, cpuFacade: Infinity, cpuBaseline: Infinity }
      for (let round = 0; round < rounds; round++) {
        const baseline = await withCpu(total, () => bare(baseUrl, inFlight, total))
        const measured = await withCpu(total, () => ours(inFlight))
        const measuredFetch = await ours(inFlight, onFetch)
        const measuredFacade = await withCpu(total, () => facade(inFlight))
        best = {
          ours: Math.max(best.ours, measured.rate),
          oursFetch: Math.max(best.oursFetch, measuredFetch),
          facade: Math.max(best.facade, measuredFacade.rate),
          baseline: Math.max(best.baseline, baseline.rate),
          cpuOurs: Math.min(best.cpuOurs, measured.cpu),
          cpuFacade: Math.min(best.cpuFacade, measuredFacade.cpu),
          cpuBaseline: Math.min(best.cpuBaseline, baseline.cpu)
        }
      }
      rows.push({ inFlight, ...best })
    }
    await facadeClient.close()
    return rows
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await server.stop()
  }
}
