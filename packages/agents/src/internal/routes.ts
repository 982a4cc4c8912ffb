/**
 * The routes every service has: health/ready (open) and the SWML document (auth, signed).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as BasicAuth from "../BasicAuth.js"
import { type Incoming, json, type Outgoing, parseObject, type RouteSpec, safeHeaders } from "./http.js"
import { asPath, join, urlWithCredentials } from "./service.js"

/**
 * What SignalWire sent with a SWML request: the JSON body (`{}` for a GET), the query, the headers
 * (without credentials), `call_id`, and the service's public URL with credentials embedded.

 */
export interface CallRequest {
  readonly callId: string | undefined
  readonly body: { readonly [key: string]: unknown }
  readonly query: { readonly [key: string]: string }
  readonly headers: { readonly [name: string]: string }
  /** `https://user:pass@host/route`: where SignalWire reaches this service. */
  readonly url: string
}

export const callIdOf = (body: { readonly [key: string]: unknown }): string | undefined => {
  if (typeof body["call_id"] === "string") return body["call_id"]
  const call = body["call"]
  if (typeof call === "object" && call !== null && "call_id" in call && typeof call.call_id === "string") {
    return call.call_id
  }
  return undefined
}

export const callRequestOf = (
  incoming: Incoming,
  body: { readonly [key: string]: unknown },
  route: string,
  credentials: BasicAuth.Credentials
): CallRequest => ({
  callId: callIdOf(body),
  body,
  query: Object.fromEntries(incoming.query),
  headers: safeHeaders(incoming.headers),
  url: urlWithCredentials(incoming.origin, route, credentials)
})

export const healthRoutes = (route: string): ReadonlyArray<RouteSpec<never>> => [
  { method: "GET", path: join(route, "health"), auth: false, signed: false, handler: () => Effect.succeed(json(200, { status: "ok" })) },
  { method: "GET", path: join(route, "ready"), auth: false, signed: false, handler: () => Effect.succeed(json(200, { status: "ready" })) }
]

/** Serve the SWML document computed by `render` (500 with nothing leaked when it fails). */
export const documentHandler = (
  render: (incoming: Incoming, body: { readonly [key: string]: unknown }) => Effect.Effect<unknown, unknown>
) =>
(incoming: Incoming): Effect.Effect<Outgoing> =>
  Either.match(parseObject(incoming.body), {
    onLeft: Effect.succeed,
    onRight: (body) =>
      render(incoming, body).pipe(
        Effect.map((document) => json(200, document)),
        Effect.catchAllCause((cause) =>
          Effect.as(
            Effect.logError("rendering the SWML document failed", cause).pipe(
              Effect.annotateLogs({ call_id: callIdOf(body) ?? "" })
            ),
            json(500, { error: "internal error" })
          )
        )
      )
  })

export const documentRoutes = (
  route: string,
  render: (incoming: Incoming, body: { readonly [key: string]: unknown }) => Effect.Effect<unknown, unknown>
): ReadonlyArray<RouteSpec<never>> => {
  const handler = documentHandler(render)
  // The router treats `<route>/` as `<route>`.
  const path = asPath(route)
  return [
    { method: "GET", path, auth: true, signed: true, handler },
    { method: "POST", path, auth: true, signed: true, handler, document: true }
  ]
}

/**
 * A routing callback at `<route><path>`: `decide` names another route (answered 307 with
 * `Location`, method and body preserved by the client) or none (the document is served here).
 */
export const redirectRoutes = (
  route: string,
  path: string,
  decide: (incoming: Incoming, body: { readonly [key: string]: unknown }) => Effect.Effect<string | undefined, unknown>,
  document: (incoming: Incoming) => Effect.Effect<Outgoing>
): ReadonlyArray<RouteSpec<never>> => {
  const handler = (incoming: Incoming): Effect.Effect<Outgoing> =>
    Either.match(parseObject(incoming.body), {
      onLeft: Effect.succeed,
      onRight: (body) =>
        decide(incoming, body).pipe(
          Effect.flatMap((target) =>
            target === undefined || target === route
              ? document(incoming)
              : Effect.succeed(json(307, { redirect: target }, { location: target }))
          ),
          Effect.catchAllCause((cause) =>
            Effect.as(
              Effect.logError("routing callback failed", cause).pipe(Effect.annotateLogs({ call_id: callIdOf(body) ?? "" })),
              json(500, { error: "internal error" })
            )
          )
        )
    })
  const full = join(route, path.replace(/^\/+/, ""))
  return [
    { method: "GET", path: full, auth: true, signed: true, handler },
    { method: "POST", path: full, auth: true, signed: true, handler }
  ]
}

/** The SIP user of a SWML request: `call.to` without `sip:`/`sips:` and `@domain`; `tel:` numbers as is. */
export const sipUsernameOf = (body: { readonly [key: string]: unknown }): string | undefined => {
  const call = body["call"]
  const to = typeof call === "object" && call !== null && "to" in call && typeof call.to === "string" ? call.to : undefined
  if (to === undefined || to === "") return undefined
  const lower = to.trim()
  if (/^sips?:/i.test(lower)) return lower.replace(/^sips?:/i, "").split("@")[0]
  if (/^tel:/i.test(lower)) return lower.slice(4)
  return lower
}
