/**
 * Serve agents on Node's HTTP server. Closing the layer's scope shuts down gracefully: new
 * requests get 503, requests in flight get `shutdownTimeout` (default 10 s) to finish, then the
 * remaining connections are closed and the server stops. Nothing is left running.
 *
 * ```ts
 * import { NodeRuntime } from "@effect/platform-node"
 * import { NodeServer } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as Context from "effect/Context"
 * import * as Layer from "effect/Layer"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 * declare const support: AgentBase.AgentBase<Orders>
 * declare const OrdersLive: Layer.Layer<Orders>
 * declare const sales: AgentBase.AgentBase<never>
 *
 * NodeServer.layer([support, sales], { port: 3000 }).pipe(Layer.provide(OrdersLive), Layer.launch, NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 */
import { createServer, type Server } from "node:http"
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import type * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { InvalidAgent } from "./AgentError.js"
import * as AgentServer from "./AgentServer.js"
import { json, respond } from "./internal/http.js"
import { tracerInstalled } from "./internal/tracing.js"

/**
 * Where to listen and how long a shutdown may wait for requests in flight.
 *
 * @example
 * ```ts
 * import type { NodeServer } from "@signalwire-effect/agents"
 *
 * const options: NodeServer.Options = { port: 3000, host: "0.0.0.0", shutdownTimeout: "5 seconds", httpServerSpans: true }
 * ```
 * @since 0.1.0
 */
export interface Options extends AgentServer.Options {
  /** Port (0 picks a free one; default 3000). */
  readonly port?: number | undefined
  readonly host?: string | undefined
  /** How long requests in flight may take once shutdown starts (default 10 seconds). */
  readonly shutdownTimeout?: Duration.DurationInput | undefined
  /**
   * One `http.server` span per request from `@effect/platform` (URL, headers, status as
   * attributes). By default, only when a tracer other than Effect's built-in one (e.g.
   * OpenTelemetry's) is installed when the layer is built: without an exporter the span is work per
   * request that nobody reads.
   */
  readonly httpServerSpans?: boolean | undefined
}

const permits = 1_000_000

/**
 * The services on a Node HTTP server; the layer also gives the `HttpServer` (its bound address).
 *
 * @example
 * ```ts
 * import { NodeServer } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const support: AgentBase.AgentBase<never>
 *
 * const server = NodeServer.layer([support], { port: 0 })
 * ```
 * @since 0.1.0
 */
export const layer = <const S extends ReadonlyArray<AgentServer.Servable<unknown>>>(
  services: S,
  options: Options = {}
): Layer.Layer<
  AgentServer.AgentServer | HttpServer.HttpServer,
  ConfigError.ConfigError | InvalidAgent | HttpServerError.ServeError,
  AgentServer.Requirements<S[number]>
> =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const context = yield* Effect.context<AgentServer.Requirements<S[number]>>()
    const spans = options.httpServerSpans ?? (yield* tracerInstalled)
    const inFlight = yield* Effect.makeSemaphore(permits)
    let draining = false
    let server: Server | undefined
    const unavailable = respond(json(503, { error: "shutting down" }))
    const app = AgentServer.layerWith(services, Layer.succeedContext(context), options)
    const served = HttpLayerRouter.serve<
      AgentServer.AgentServer,
      ConfigError.ConfigError | InvalidAgent,
      HttpLayerRouter.HttpRouter,
      never,
      HttpServerRequest.HttpServerRequest | Scope.Scope
    >(app, {
      disableLogger: true,
      disableListenLog: true,
      // Around the whole exchange, response included: a permit is held until the response is sent.
      middleware: (handler) =>
        Effect.suspend(() => draining ? Effect.succeed(unavailable) : inFlight.withPermits(1)(handler)).pipe(
          Effect.catchAllCause(() => Effect.succeed(respond(json(500, { error: "internal error" }))))
        )
    })
    // Built after the server and the router, so its finalizer runs first on shutdown.
    const drain = Layer.scopedDiscard(Effect.addFinalizer(() =>
      Effect.gen(function*() {
        draining = true
        const timeout = Duration.decode(options.shutdownTimeout ?? "10 seconds")
        yield* Effect.logInfo("shutting down: waiting for requests in flight")
        // Finalizers are uninterruptible: the wait must be made interruptible for the timeout to cut it.
        const finished = yield* inFlight.take(permits).pipe(Effect.interruptible, Effect.timeout(timeout), Effect.option)
        if (Option.isNone(finished)) {
          yield* Effect.logWarning("requests still in flight at the shutdown deadline are cut off").pipe(
            Effect.annotateLogs({ timeout: Duration.format(timeout) })
          )
        }
        yield* Effect.sync(() => server?.closeAllConnections())
      })
    ))
    return drain.pipe(
      Layer.provideMerge(!spans ? HttpMiddleware.withTracerDisabledWhen(served, () => true) : served),
      Layer.provideMerge(NodeHttpServer.layer(() => {
        server = createServer()
        return server
      }, { port: options.port ?? 3000, ...(options.host === undefined ? {} : { host: options.host }) }))
    )
  }))
