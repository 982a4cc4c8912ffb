/**
 * Serve agents and SWML services on one HTTP server, each at its own route (never doubled: an
 * agent at `/support` answers at `/support`, `/support/swaig`, …). `GET /` lists them; `/health`
 * and `/ready` are open. Built on `@effect/platform`'s `HttpLayerRouter`: serve it on any
 * `HttpServer` (see `NodeServer` for Node), or turn it into a web handler (`Request → Response`)
 * for serverless platforms. The services' tools and hooks get their requirements from the layers
 * you provide.
 *
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import * as Context from "effect/Context"
 * import * as Layer from "effect/Layer"
 * import { createServer } from "node:http"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 * declare const support: AgentBase.AgentBase<Orders>
 * declare const OrdersLive: Layer.Layer<Orders>
 * declare const sales: AgentBase.AgentBase<never>
 *
 * const server = AgentServer.serve([support, sales]).pipe(
 *   Layer.provide(OrdersLive),
 *   Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 }))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import type * as HttpServer from "@effect/platform/HttpServer"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Types from "effect/Types"
import type { AgentBase } from "./AgentBase.js"
import { InvalidAgent } from "./AgentError.js"
import type * as BasicAuth from "./BasicAuth.js"
import { json, preflightRoute, respond, toRoute } from "./internal/http.js"
import { redirectRoutes, sipUsernameOf } from "./internal/routes.js"
import { staticHandler } from "./internal/static.js"
import { tracerInstalled } from "./internal/tracing.js"
import { asPath, MountId, normalizeRoute, resolveSettings, type RType } from "./internal/service.js"
import type { SWMLService } from "./SWMLService.js"

/**
 * Something the server can serve: an agent or a SWML service.
 *
 * @example
 * ```ts
 * import type { AgentBase, AgentServer, SWMLService } from "@signalwire-effect/agents"
 *
 * declare const support: AgentBase.AgentBase<never>
 * declare const ivr: SWMLService.SWMLService<never>
 *
 * const services: ReadonlyArray<AgentServer.Servable<never>> = [support, ivr]
 * ```
 * @since 0.1.0
 */
export type Servable<R> = AgentBase<R> | SWMLService<R>

/**
 * The services required by a list of servables.
 *
 * @example
 * ```ts
 * import type { AgentBase, AgentServer } from "@signalwire-effect/agents"
 * import * as Context from "effect/Context"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 * class Crm extends Context.Tag("Crm")<Crm, { readonly customer: (phone: string) => string }>() {}
 * declare const support: AgentBase.AgentBase<Orders>
 * declare const sales: AgentBase.AgentBase<Crm>
 *
 * type Needs = AgentServer.Requirements<typeof support | typeof sales> // Orders | Crm
 * ```
 * @since 0.1.0
 */
export type Requirements<S> = S extends { readonly [RType]: Types.Covariant<infer R> } ? R : never

/**
 * One served service: name, route and the credentials SignalWire must use for it.
 *
 * @example
 * ```ts
 * import type { AgentServer } from "@signalwire-effect/agents"
 *
 * const describe = (s: AgentServer.Mounted) => `${s.route} -> ${s.name} (${s.credentials.user})`
 * ```
 * @since 0.1.0
 */
export interface Mounted {
  readonly name: string
  readonly route: string
  readonly credentials: BasicAuth.Credentials
}

/**
 * The running server's directory of services.
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const routes = Effect.map(AgentServer.AgentServer, ({ services }) => services)
 * ```
 * @since 0.1.0
 */
export class AgentServer extends Context.Tag("@signalwire-effect/agents/AgentServer")<
  AgentServer,
  { readonly services: ReadonlyArray<Mounted> }
>() {}

/**
 * Server-wide options: SIP routing installs `<route><path>` (default `/sip`) on every service; it
 * reads the SIP user from `call.to` and answers 307 to the route mapped to that user (the
 * service's lower-cased name and last route segment when `autoMap`, plus `usernames`), or serves
 * the service's own document when none is mapped.
 *
 * @example
 * ```ts
 * import type { AgentServer } from "@signalwire-effect/agents"
 *
 * const options: AgentServer.Options = { sip: { usernames: { helpdesk: "/support" } } }
 * ```
 * @since 0.1.0
 */
export interface Options {
  /** Serve the files of `directory` at `<route>/*` (GET), confined to it. */
  readonly staticFiles?: { readonly directory: string; readonly route?: string | undefined } | undefined
  readonly sip?: {
    readonly path?: string | undefined
    readonly autoMap?: boolean | undefined
    readonly usernames?: { readonly [username: string]: string } | undefined
  } | undefined
}

const sipKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9_]/g, "")

const sipMap = (sip: NonNullable<Options["sip"]>, mounted: ReadonlyArray<{ readonly name: string; readonly route: string }>) => {
  const map = new Map<string, string>()
  if (sip.autoMap !== false) {
    for (const m of mounted) {
      const tail = sipKey(m.route.split("/").pop() ?? "")
      if (tail !== "") map.set(tail, m.route)
      if (sipKey(m.name) !== "") map.set(sipKey(m.name), m.route)
    }
  }
  for (const [user, route] of Object.entries(sip.usernames ?? {})) map.set(user.toLowerCase(), normalizeRoute(route))
  return map
}

const ok = (body: unknown) => Effect.succeed(respond(json(200, body)))

/**
 * The routes of the services, added to an `HttpLayerRouter` (two services at one route, or a
 * tool whose schema cannot be sent, fail the layer with `InvalidAgent`).
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as Layer from "effect/Layer"
 *
 * declare const support: AgentBase.AgentBase<never>
 * declare const OtherRoutes: Layer.Layer<never, never, HttpLayerRouter.HttpRouter>
 *
 * HttpLayerRouter.serve(Layer.mergeAll(AgentServer.layer([support]), OtherRoutes))
 * ```
 * @since 0.1.0
 */
export const layer = <const S extends ReadonlyArray<Servable<unknown>>>(
  services: S,
  options: Options = {}
): Layer.Layer<
  AgentServer,
  ConfigError.ConfigError | InvalidAgent,
  HttpLayerRouter.HttpRouter | Requirements<S[number]>
> =>
  Layer.scoped(
    AgentServer,
    Effect.gen(function*() {
      const router = yield* HttpLayerRouter.HttpRouter
      const context = yield* Effect.context<Requirements<S[number]>>()
      const mountables = services.map((s) => s[MountId]())
      const byRoute = new Map<string, string>()
      for (const m of mountables) {
        const taken = byRoute.get(m.route)
        if (taken !== undefined) {
          return yield* new InvalidAgent({ agent: m.name, message: `route ${m.route} is taken by ${taken}` })
        }
        byRoute.set(m.route, m.name)
      }
      const mounted: Array<Mounted> = []
      const sip = options.sip === undefined ? undefined : sipMap(options.sip, mountables)
      for (const m of mountables) {
        const settings = yield* resolveSettings(m.options)
        const own = yield* m.routes(settings)
        const document = own.find((spec) => spec.document === true)
        const specs = sip === undefined || document === undefined ? own : [
          ...own,
          ...redirectRoutes(
            m.route,
            options.sip?.path ?? "/sip",
            (_, body) => Effect.succeed(sip.get(sipUsernameOf(body)?.toLowerCase() ?? "")),
            document.handler
          )
        ]
        yield* router.addAll(
          specs.map((spec) => toRoute({ ...spec, handler: (i) => Effect.provide(spec.handler(i), context) }, settings))
        ).pipe(
          Effect.catchAllDefect((defect) =>
            new InvalidAgent({ agent: m.name, message: `its routes conflict with another service: ${String(defect)}` })
          )
        )
        const methods = new Map<string, Set<string>>()
        for (const spec of specs) {
          const set = methods.get(spec.path) ?? new Set<string>()
          for (const method of spec.method === "*" ? ["GET", "POST"] : [spec.method]) set.add(method)
          methods.set(spec.path, set)
        }
        yield* router.addAll(
          [...methods].map(([path, set]) => preflightRoute(asPath(path), [...set], settings))
        )
        mounted.push({ name: m.name, route: m.route, credentials: settings.credentials })
        yield* Effect.logInfo("serving").pipe(
          Effect.annotateLogs({ agent: m.name, route: m.route, auth_user: settings.credentials.user })
        )
      }
      if (!byRoute.has("/")) {
        const listing = { service: "SignalWire AI Agents", agents: mounted.map(({ name, route }) => ({ name, route })) }
        yield* router.addAll([
          HttpLayerRouter.route("GET", asPath("/"), ok(listing)),
          HttpLayerRouter.route("GET", asPath("/health"), ok({ status: "ok" })),
          HttpLayerRouter.route("GET", asPath("/ready"), ok({ status: "ready" }))
        ])
      }
      const files = options.staticFiles
      const filesRoute = files === undefined ? undefined : normalizeRoute(files.route)
      if (files !== undefined && filesRoute !== undefined) {
        yield* router.add("GET", asPath(filesRoute === "/" ? "/*" : `${filesRoute}/*`), staticHandler(files.directory, filesRoute))
      }
      if (filesRoute !== "/") yield* router.add("*", "*", Effect.succeed(respond(json(404, { error: "not found" }))))
      return AgentServer.of({ services: mounted })
    }).pipe(Effect.withSpan("AgentServer.mount"))
  )

/**
 * Serve the services on the `HttpServer` in context (closing the layer's scope stops serving).
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { createServer } from "node:http"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as Layer from "effect/Layer"
 *
 * declare const support: AgentBase.AgentBase<never>
 *
 * AgentServer.serve([support]).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })))
 * ```
 * @since 0.1.0
 */
export const serve = <const S extends ReadonlyArray<Servable<unknown>>>(
  services: S,
  options: Options = {}
): Layer.Layer<
  AgentServer,
  ConfigError.ConfigError | InvalidAgent,
  HttpServer.HttpServer | Requirements<S[number]>
> =>
  Layer.unwrapEffect(Effect.zipWith(
    Effect.context<Requirements<S[number]>>(),
    tracerInstalled,
    (context, spans) => {
      const served = HttpLayerRouter.serve<AgentServer, ConfigError.ConfigError | InvalidAgent, HttpLayerRouter.HttpRouter, never, never>(
        layerWith(services, Layer.succeedContext(context), options),
        { disableLogger: true, disableListenLog: true }
      )
      // The platform's `http.server` span only when a tracer other than the built-in one is installed.
      return spans ? served : HttpMiddleware.withTracerDisabledWhen(served, () => true)
    }
  ))

/**
 * {@link layer} with the services' requirements provided, leaving only the router.
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
 * import * as Context from "effect/Context"
 * import * as Layer from "effect/Layer"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 * declare const support: AgentBase.AgentBase<Orders>
 * declare const OrdersLive: Layer.Layer<Orders>
 *
 * HttpLayerRouter.serve(AgentServer.layerWith([support], OrdersLive))
 * ```
 * @since 0.1.0
 */
export const layerWith = <S extends ReadonlyArray<Servable<unknown>>, E>(
  services: S,
  dependencies: Layer.Layer<Requirements<S[number]>, E>,
  options: Options = {}
): Layer.Layer<AgentServer, ConfigError.ConfigError | InvalidAgent | E, HttpLayerRouter.HttpRouter> =>
  // The dependencies cover exactly `Requirements<S>`; TypeScript cannot see that through the generic.
  layer(services, options).pipe(Layer.provide(dependencies)) as Layer.Layer<
    AgentServer,
    ConfigError.ConfigError | InvalidAgent | E,
    HttpLayerRouter.HttpRouter
  >

/**
 * A web handler (`Request → Promise<Response>`) for serverless platforms, with the services'
 * requirements from `dependencies`; `dispose` releases them.
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/agents"
 * import * as Layer from "effect/Layer"
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const support: AgentBase.AgentBase<never>
 *
 * const { handler, dispose } = AgentServer.toWebHandler([support], Layer.empty)
 * export default { fetch: handler }
 * ```
 * @since 0.1.0
 */
export const toWebHandler = <const S extends ReadonlyArray<Servable<unknown>>, E>(
  services: S,
  dependencies: Layer.Layer<Requirements<S[number]>, E>,
  options: Options = {}
): {
  readonly handler: (request: Request) => Promise<Response>
  readonly dispose: () => Promise<void>
} => {
  const web = HttpLayerRouter.toWebHandler(layerWith(services, dependencies, options), { disableLogger: true })
  return { handler: (request) => web.handler(request), dispose: web.dispose }
}
