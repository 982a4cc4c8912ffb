/**
 * A SWML server on loopback for the tests, as a user's would be: a real HTTP server
 * (@effect/platform-node) that checks Basic auth and SignalWire's signatures with the agents
 * package's verifier (401 / 403 as the agents' own servers answer), records every request, and
 * answers each path with what the test says.
 */
import { createServer } from "node:http"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { NodeHttpServer } from "@effect/platform-node"
import { Signature } from "@signalwire-effect/agents"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"

export interface Received {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly json: any
}

export type Answer = (request: Received) => { readonly status?: number; readonly body: unknown }

export interface ServerOptions {
  /** The signing key this server shares with the project (none: signatures are not checked). */
  readonly signingKey?: Redacted.Redacted<string> | undefined
  /** Basic-auth credentials every request must carry (none: not checked). */
  readonly auth?: { readonly user: string; readonly password: string } | undefined
  readonly routes: Readonly<Record<string, Answer>>
  /** Paths served without a signature check (e.g. an API the SWML `request` verb calls). */
  readonly unsigned?: ReadonlyArray<string> | undefined
}

export const serve = (options: ServerOptions): Effect.Effect<Served, never, Scope.Scope> =>
  Effect.gen(function*() {
    const received: Array<Received> = []
    const context = yield* Layer.build(NodeHttpServer.layer(() => createServer(), { port: 0, host: "127.0.0.1" })).pipe(Effect.orDie)
    const server = Context.get(context, HttpServer.HttpServer)
    const address = server.address as HttpServer.TcpAddress
    const origin = `http://127.0.0.1:${address.port}`
    const handler = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const body = yield* Effect.orElseSucceed(request.text, () => "")
      let json: unknown = undefined
      try {
        json = body.length === 0 ? undefined : JSON.parse(body)
      } catch {
        json = undefined
      }
      const path = request.url.split("?")[0]!
      const entry: Received = { method: request.method, path, headers: request.headers, body, json }
      received.push(entry)
      if (options.auth !== undefined) {
        const expected = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString("base64")}`
        if (request.headers.authorization !== expected) return HttpServerResponse.unsafeJson({ error: "unauthorized" }, { status: 401 })
      }
      if (options.signingKey !== undefined && !(options.unsigned ?? []).includes(path)) {
        const verdict = Signature.verify({ signingKey: options.signingKey, url: `${origin}${request.url}`, body, headers: request.headers })
        if (Either.isLeft(verdict)) return HttpServerResponse.unsafeJson({ error: "invalid signature" }, { status: 403 })
      }
      const route = options.routes[path]
      if (route === undefined) return HttpServerResponse.unsafeJson({ error: "not found" }, { status: 404 })
      const answer = route(entry)
      return typeof answer.body === "string"
        ? HttpServerResponse.text(answer.body, { status: answer.status ?? 200 })
        : HttpServerResponse.unsafeJson(answer.body, { status: answer.status ?? 200 })
    })
    yield* server.serve(HttpRouter.empty.pipe(HttpRouter.all("*", handler)))
    return {
      origin,
      /** `http://[user:password@]127.0.0.1:port<path>`. */
      url: (path: string, credentials?: { readonly user: string; readonly password: string }) =>
        credentials === undefined ? `${origin}${path}` : `http://${credentials.user}:${credentials.password}@127.0.0.1:${address.port}${path}`,
      received: () => [...received]
    }
  })

export interface Served {
  readonly origin: string
  readonly url: (path: string, credentials?: { readonly user: string; readonly password: string }) => string
  readonly received: () => ReadonlyArray<Received>
}
