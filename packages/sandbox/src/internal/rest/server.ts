/**
 * The REST side served on the sandbox's node:http server: the HttpApi app (built from the one
 * definition) behind a middleware that journals every request and applies the faults. Which
 * operation a request is comes from the definition itself (`HttpApi.reflect`), not from
 * hand-written routes. LaML bins and Fabric cXML scripts are served (public) at their
 * `request_url`, `/laml-bins/<sid>`; a received fax's document at its `MediaUrl`, `/fax-media/<sid>`.
 */
import type * as http from "node:http"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { RestApi } from "@signalwire-effect/rest"
import type { Rest, RestFault, RestRequest } from "../../RestSandbox.js"
import { uuid } from "../sim.js"
import { callingInvalid } from "./callingHandlers.js"
import * as CompatShared from "./compatShared.js"
import type { Binding } from "./fabricState.js"
import type { Reception } from "./compatFaxes.js"
import type { CxmlSource } from "../cxml/context.js"
import type { CxmlBinding } from "./cxmlBinding.js"
import { authorized, type Env, layer } from "./handlers.js"
import type { ConferenceNotice } from "../calls/model.js"

/** Inbound faxes: one starts being received on a call, then is received (or fails). */
export interface FaxDesk {
  readonly receiving: (o: { readonly callId: string; readonly from: string; readonly to: string; readonly mediaType: string; readonly pageSize: string }) => string
  readonly received: (sid: string, outcome: Reception) => Readonly<Record<string, unknown>> | undefined
  readonly media: (mediaSid: string) => { readonly contentType: string; readonly body: Uint8Array } | undefined
}

/** Makes a compat transcription of a recording (no text: `failed`): its sid and resource URL. */
export type TranscribeRecording = (o: {
  readonly callSid: string
  readonly recordingSid: string
  readonly text: string | undefined
  readonly duration: number
}) => { readonly sid: string; readonly url: string }

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly params: number
  readonly operation: string
}

const routesOf = (): ReadonlyArray<Route> => {
  const routes: Array<Route> = []
  HttpApi.reflect(RestApi.api, {
    onGroup() {},
    onEndpoint({ endpoint, group }) {
      const segments = endpoint.path.split("/")
      const pattern = new RegExp(
        `^${segments.map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`
      )
      routes.push({
        method: endpoint.method,
        pattern,
        params: segments.filter((s) => s.startsWith(":")).length,
        operation: `${group.identifier}.${endpoint.name}`
      })
    }
  })
  // Static segments win over parameters (`/phone_numbers/search` before `/phone_numbers/:id`).
  return routes.sort((a, b) => a.params - b.params)
}

const authOf = (env: Env, header: string | undefined): RestRequest["auth"] => {
  if (header === undefined || !header.startsWith("Basic ")) return "missing"
  const decoded = Buffer.from(header.slice(6), "base64").toString()
  const colon = decoded.indexOf(":")
  if (colon < 0) return "invalid"
  return authorized(env, decoded.slice(0, colon), decoded.slice(colon + 1)) ? "ok" : "invalid"
}

const parse = (text: string): unknown => {
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/**
 * A request the definition's schemas reject is answered as the platform does: 422 with
 * `{"errors":[{code,title,detail,status}]}` (not @effect/platform's own 400 body).
 */
const platformShaped = (
  response: HttpServerResponse.HttpServerResponse,
  pathname: string
): HttpServerResponse.HttpServerResponse => {
  if (response.status !== 400 || response.body._tag !== "Uint8Array") return response
  const parsed = parse(new TextDecoder().decode(response.body.body))
  if (typeof parsed !== "object" || parsed === null || !("_tag" in parsed) || parsed._tag !== "HttpApiDecodeError") {
    return response
  }
  const detail = "message" in parsed && typeof parsed.message === "string" ? parsed.message : "invalid request"
  if (pathname.startsWith("/api/calling/")) return HttpServerResponse.unsafeJson(callingInvalid(detail), { status: 422 })
  return HttpServerResponse.unsafeJson(
    { errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] },
    { status: 422 }
  )
}

export const make = (env: Env, journalCapacity: number): Effect.Effect<
  {
    readonly handler: (request: http.IncomingMessage, response: http.ServerResponse) => void
    readonly api: Rest
    readonly contextOf: (to: string) => string | undefined
    readonly observe: (eventType: string, params: Readonly<Record<string, unknown>>) => void
    /** The engine's conference changes (compat conferences, the conference log, recordings). */
    readonly conference: (notice: ConferenceNotice) => void
    /** How an inbound call to a number of the project is handled (its phone-number / Fabric binding). */
    readonly bindingOf: (number: string) => Binding | undefined
    /** The cXML an inbound call to a number runs, if it is bound to cXML. */
    readonly cxmlOf: (number: string) => CxmlBinding | undefined
    /** The Messaging cXML an inbound message to a number runs, if its messages are bound to cXML. */
    readonly smsOf: (number: string) => CxmlSource | undefined
    /** The RELAY context a number's messages go to, if they are bound to one. */
    readonly messageContextOf: (number: string) => string | undefined
    /** The compat sid of a queue, by name. */
    readonly queueSidOf: (name: string) => string | undefined
    /** Whether the compat queue of this name is full (its `MaxSize` reached). */
    readonly queueFull: (name: string) => boolean
    /** Inbound faxes (cXML `<Receive>`). */
    readonly faxes: FaxDesk
    /** A compat transcription of a recording (cXML `<Record transcribe>`). */
    readonly transcribeRecording: TranscribeRecording
  },
  never,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const routes = routesOf()
    const entries: Array<{ -readonly [K in keyof RestRequest]: RestRequest[K] }> = []
    const waiters = new Set<() => void>()
    let seq = 0
    const faults = new Map<string, Array<{ fault: RestFault; left: number }>>()

    const takeFault = (operation: string | undefined): RestFault | undefined => {
      const queue = operation === undefined ? undefined : faults.get(operation)
      const head = queue?.[0]
      if (head === undefined) return undefined
      head.left -= 1
      if (head.left <= 0) queue!.shift()
      return head.fault
    }

    const journaling = <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const url = new URL(request.url, "http://sandbox.invalid")
        const operation = routes.find((r) => r.method === request.method && r.pattern.test(url.pathname))?.operation
        const text = yield* Effect.orElseSucceed(request.text, () => "")
        const fault = takeFault(operation)
        const entry = {
          seq: ++seq,
          method: request.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: parse(text),
          operation,
          auth: authOf(env, request.headers.authorization),
          userAgent: request.headers["user-agent"],
          contentType: request.headers["content-type"],
          status: undefined as number | undefined,
          fault
        }
        const requestId = uuid()
        if (journalCapacity > 0) {
          entries.push(entry)
          if (entries.length > journalCapacity) entries.shift()
        }
        for (const wake of waiters) wake()
        const answered = (response: HttpServerResponse.HttpServerResponse) => {
          entry.status = response.status
          for (const wake of waiters) wake()
          // Like the platform, every answer names its request (clients report it in errors).
          return HttpServerResponse.setHeader(response, "x-request-id", requestId)
        }
        if (fault?.delay !== undefined) yield* Effect.sleep(Duration.decode(fault.delay))
        if (fault?.reset === true) {
          NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
          return yield* Effect.never
        }
        if (fault?.hang === true) return yield* Effect.never
        if (fault?.malformed === true) {
          return answered(HttpServerResponse.text("{\"data\": [", { status: 200, contentType: "application/json" }))
        }
        if (fault?.status !== undefined) {
          const body = fault.body ?? { error: STATUS_TEXT[fault.status] ?? "Error" }
          return answered(
            typeof body === "string"
              ? HttpServerResponse.text(body, { status: fault.status, headers: fault.headers ?? {} })
              : HttpServerResponse.unsafeJson(body, { status: fault.status, headers: fault.headers ?? {} })
          )
        }
        const compat = url.pathname.startsWith("/api/laml/")
        const bin = /^\/laml-bins\/([^/]+)\/?$/.exec(url.pathname)
        if (operation === undefined && bin !== null && (request.method === "GET" || request.method === "POST")) {
          // A LaML bin (or Fabric cXML script) at its `request_url`: public, as on the platform.
          const contents = fetchBin(decodeURIComponent(bin[1]!))
          return answered(
            contents === undefined
              ? CompatShared.unknownPath()
              : HttpServerResponse.text(contents, { status: 200, contentType: "text/xml" })
          )
        }
        const faxMedia = /^\/fax-media\/([^/]+)\/?$/.exec(url.pathname)
        if (operation === undefined && faxMedia !== null && request.method === "GET") {
          // A received fax's document at its `MediaUrl`.
          const found = faxes.media(decodeURIComponent(faxMedia[1]!))
          return answered(
            found === undefined
              ? CompatShared.unknownPath()
              : HttpServerResponse.uint8Array(found.body, { status: 200, contentType: found.contentType })
          )
        }
        if (operation === undefined) {
          return answered(compat ? CompatShared.unknownPath() : HttpServerResponse.unsafeJson({ error: "Not Found" }, { status: 404 }))
        }
        return answered(compat ? CompatShared.shaped(yield* app) : platformShaped(yield* app, url.pathname))
      })

    const { api, bindingOf, conference, contextOf, cxmlOf, faxes, fetchBin, messageContextOf, observe, queueFull, queueSidOf, seeded, simulateSession, smsOf, transcribeRecording } = layer(env)
    yield* seeded
    const app = yield* HttpApiBuilder.httpApp.pipe(
      Effect.provide(Layer.mergeAll(api, HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer))
    )
    const handler = yield* NodeHttpServer.makeHandler(journaling(app)).pipe(Effect.provide(NodeHttpServer.layerContext))

    const restApi: Rest = {
      get baseUrl() {
        return env.origin()
      },
      journal: Effect.sync(() => entries.map((e) => ({ ...e }))),
      waitForRequests: (predicate, count = 1) =>
        Effect.gen(function*() {
          const done = yield* Deferred.make<void>()
          const check = () => {
            if (entries.filter(predicate).length >= count) Deferred.unsafeDone(done, Effect.void)
          }
          waiters.add(check)
          check()
          yield* Effect.ensuring(Deferred.await(done), Effect.sync(() => waiters.delete(check)))
          return entries.filter(predicate).map((e) => ({ ...e }))
        }),
      fault: (operation, fault) =>
        Effect.sync(() => {
          const queue = faults.get(operation) ?? []
          queue.push({ fault, left: fault.times ?? 1 })
          faults.set(operation, queue)
        }),
      clearFaults: Effect.sync(() => faults.clear()),
      videoSession: (run) =>
        Effect.suspend(() => {
          const recorded = simulateSession(run)
          return recorded === undefined ? Effect.fail(new Cause.NoSuchElementException(`no video room ${run.room}`)) : Effect.succeed(recorded)
        })
    }
    return { handler, api: restApi, contextOf, observe, conference, bindingOf, cxmlOf, smsOf, messageContextOf, queueSidOf, queueFull, faxes, transcribeRecording }
  })
