/**
 * The routes every service has: health/ready (open) and the SWML document (auth, signed).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as BasicAuth from "../BasicAuth.js"
import { type Incoming, json, parseObject, type RouteSpec, safeHeaders } from "./http.js"
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

export const documentRoutes = (
  route: string,
  render: (incoming: Incoming, body: { readonly [key: string]: unknown }) => Effect.Effect<unknown, unknown>
): ReadonlyArray<RouteSpec<never>> => {
  const handler = (incoming: Incoming) =>
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
  // The router treats `<route>/` as `<route>`.
  const path = asPath(route)
  return [
    { method: "GET", path, auth: true, signed: true, handler },
    { method: "POST", path, auth: true, signed: true, handler }
  ]
}

