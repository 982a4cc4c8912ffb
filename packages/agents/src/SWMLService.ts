/**
 * Serve a SWML document over HTTP. SignalWire fetches it (GET, or POST with the call's details)
 * when a call arrives; the document may be fixed or computed per request. The route is guarded by
 * Basic auth (and by SignalWire's request signature when a signing key is configured);
 * `<route>/health` and `<route>/ready` are open. Serve it with `AgentServer` (one or many
 * services, on Node or as a web handler).
 *
 * ```ts
 * import { SWMLService } from "@signalwire-effect/agents"
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 *
 * const ivr = SWMLService.make({
 *   name: "ivr",
 *   route: "/ivr",
 *   document: (request) => {
 *     const from = (request.body["call"] as { readonly from?: string } | undefined)?.from ?? "caller"
 *     return Effect.succeed(SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Verb.say(`Hello ${from}`)), SwmlBuilder.build))
 *   }
 * })
 * ```
 *
 * @since 0.1.0
 */
import type { Swml } from "@signalwire-effect/swml"
import { SwmlBuilder } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type * as Types from "effect/Types"
import * as routes from "./internal/routes.js"
import { type HasMountable, type Mountable, MountId, normalizeRoute } from "./internal/service.js"
import * as service from "./internal/service.js"
import { traced } from "./internal/tracing.js"

/**
 * Options of a service (also taken by `AgentBase.make`).
 *
 * @example
 * ```ts
 * import type { SWMLService } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * const options: SWMLService.Options = {
 *   name: "support",
 *   route: "/support",
 *   basicAuth: { user: "signalwire", password: Redacted.make("s3cret") }
 * }
 * ```
 * @since 0.1.0
 */
export interface Options extends service.ServiceOptions {}

/**
 * A service: its options and how it computes the document.
 *
 * @example
 * ```ts
 * import type { SWMLService } from "@signalwire-effect/agents"
 *
 * declare const service: SWMLService.SWMLService<never>
 * service.route // "/ivr"
 * ```
 * @since 0.1.0
 */
export interface SWMLService<R> extends Pipeable, HasMountable {
  readonly _tag: "SWMLService"
  readonly name: string
  readonly route: string
  readonly options: Options
  readonly [RType]: Types.Covariant<R>
}

/**
 * The phantom key carrying the requirements (`R`) of a served thing.
 *
 * @example
 * ```ts
 * import { SWMLService } from "@signalwire-effect/agents"
 *
 * typeof SWMLService.RType
 * ```
 * @since 0.1.0
 */
export const RType: typeof service.RType = service.RType

/**
 * What SignalWire sent with a SWML request: the JSON body (`{}` for a GET), the query, the headers
 * (without credentials), `call_id`, and the service's public URL with credentials embedded.
 *
 * @example
 * ```ts
 * import type { SWMLService } from "@signalwire-effect/agents"
 *
 * const from = (request: SWMLService.CallRequest) => (request.body["call"] as { from?: string } | undefined)?.from
 * ```
 * @since 0.1.0
 */
export type CallRequest = routes.CallRequest

/**
 * The call id of a SWML request body: `call_id`, else `call.call_id`.
 *
 * @example
 * ```ts
 * import { SWMLService } from "@signalwire-effect/agents"
 *
 * SWMLService.callIdOf({ call: { call_id: "c-1" } }) // "c-1"
 * ```
 * @since 0.1.0
 */
export const callIdOf: (body: { readonly [key: string]: unknown }) => string | undefined = routes.callIdOf

type DocumentSource<E, R> =
  | Swml.Document
  | SwmlBuilder.SwmlBuilder
  | ((request: CallRequest) => Effect.Effect<Swml.Document, E, R>)

/**
 * A service from options and a document: fixed, a builder, or computed per request.
 *
 * @example
 * ```ts
 * import { SWMLService } from "@signalwire-effect/agents"
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SWMLService.make({ name: "hello", document: SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Verb.say("Hello"))) })
 * ```
 * @since 0.1.0
 */
export const make = <E = never, R = never>(
  options: Options & { readonly document: DocumentSource<E, R> }
): SWMLService<R> => {
  const { document, ...rest } = options
  const route = normalizeRoute(rest.route)
  const compute = (request: routes.CallRequest): Effect.Effect<unknown, unknown> => {
    if (typeof document === "function") {
      // R is provided by the server at mount time (see AgentServer); erased here.
      return document(request) as Effect.Effect<Swml.Document, E>
    }
    return Effect.succeed(SwmlBuilder.isSwmlBuilder(document) ? SwmlBuilder.build(document) : document)
  }
  const mountable: Mountable = {
    name: rest.name,
    route,
    options: rest,
    routes: (settings) =>
      Effect.succeed([
        ...routes.healthRoutes(route),
        ...routes.documentRoutes(route, (incoming, body) =>
          compute(routes.callRequestOf(incoming, body, route, settings.credentials)).pipe(
            traced("SWMLService.document", { "swml.service": rest.name })
          ))
      ])
  }
  return {
    _tag: "SWMLService",
    name: rest.name,
    route,
    options: rest,
    [RType]: (_: never) => _,
    [MountId]: () => mountable,
    pipe() {
      return pipeArguments(this, arguments)
    }
  }
}
