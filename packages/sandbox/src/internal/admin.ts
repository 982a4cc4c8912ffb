/**
 * The HTTP admin API on the sandbox's port (`/_sandbox/...`), so a test in another process or a
 * shell can drive the standalone sandbox. Each feature contributes a list of routes; the router
 * matches the path, reads a JSON body, and runs the route's Effect in the sandbox's FiberSet.
 * Only loopback peers are served.
 */
import { SchemaIssues } from "@signalwire-effect/config"
import type * as http from "node:http"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Swml from "@signalwire-effect/swml/Swml"
import * as AiScript from "../AiScript.js"
import type { Calls } from "../SimCalls.js"
import type { Messages } from "../SimMessages.js"
import * as Transcript from "../Transcript.js"

export const PREFIX = "/_sandbox"
const MAX_BODY = 1024 * 1024

export interface AdminResponse {
  readonly status: number
  readonly body?: unknown
}

export interface Route {
  readonly method: "GET" | "POST"
  /** Matched against the whole path (no query string). */
  readonly path: RegExp
  readonly handle: (match: RegExpExecArray, body: unknown) => Effect.Effect<AdminResponse>
}

const isLoopback = (address: string | undefined) =>
  address !== undefined && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."))

const send = (response: http.ServerResponse, { body, status }: AdminResponse) => {
  if (response.headersSent) return
  // undefined fields (endReason, peer…) read better as null than as missing keys.
  const text = body === undefined ? "" : `${JSON.stringify(body, (_, v: unknown) => (v === undefined ? null : v), 2)}\n`
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
  response.end(text)
}

export const failure = (status: number, error: string): AdminResponse => ({ status, body: { error } })

/**
 * The request listener for the admin paths: returns false (and does nothing) for any other path,
 * so the caller can answer it.
 */
export const make = (
  runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>,
  routes: ReadonlyArray<Route>
) =>
(request: http.IncomingMessage, response: http.ServerResponse): boolean => {
  const path = (request.url ?? "/").split("?")[0]!
  if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) return false
  if (!isLoopback(request.socket.remoteAddress)) {
    send(response, failure(403, "the admin API only serves loopback clients"))
    return true
  }
  const matching = routes.flatMap((route) => {
    const match = route.path.exec(path)
    return match === null ? [] : [{ route, match }]
  })
  const chosen = matching.find(({ route }) => route.method === request.method)
  if (chosen === undefined) {
    if (matching.length === 0) send(response, failure(404, `no admin route ${path}`))
    else {
      response.setHeader("allow", Array.from(new Set(matching.map(({ route }) => route.method))).join(", "))
      send(response, failure(405, `${request.method ?? "?"} is not allowed on ${path}`))
    }
    return true
  }
  const chunks: Array<Buffer> = []
  let size = 0
  request.on("data", (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_BODY) {
      chunks.length = 0
      response.setHeader("connection", "close")
      send(response, failure(413, `the body is larger than ${MAX_BODY} bytes`))
      return
    }
    chunks.push(chunk)
  })
  request.on("error", () => request.destroy())
  request.on("end", () => {
    if (size > MAX_BODY) return
    const text = Buffer.concat(chunks).toString("utf8").trim()
    let body: unknown = undefined
    if (text.length > 0) {
      try {
        body = JSON.parse(text)
      } catch {
        return send(response, failure(400, "the body is not JSON"))
      }
    }
    runFork(
      chosen.route.handle(chosen.match, body).pipe(
        Effect.catchAllCause((cause) => Effect.succeed(failure(500, `admin route failed: ${String(cause)}`))),
        Effect.map((result) => send(response, result))
      )
    )
  })
  return true
}

// ---- /_sandbox/calls ------------------------------------------------------------------------------

const DurationInput = Schema.declare(
  (u: unknown): u is Duration.DurationInput =>
    (typeof u === "number" && u >= 0) || (typeof u === "string" && Option.isSome(Duration.decodeUnknown(u))),
  { description: "a duration: milliseconds, or a string such as \"2 seconds\"" }
)

const opt = Schema.optional

const CollectInput = Schema.Union(
  Schema.Struct({ digits: Schema.String, terminator: opt(Schema.String) }),
  Schema.Struct({ speech: Schema.String, confidence: opt(Schema.Number) }),
  Schema.Literal("noInput", "noMatch")
)

const Script = Schema.Struct({
  callId: opt(Schema.NonEmptyString),
  outcome: opt(Schema.Literal("answer", "busy", "noAnswer", "decline", "failed")),
  ringFor: opt(DurationInput),
  hangupAfter: opt(DurationInput),
  playFor: opt(DurationInput),
  machine: opt(Schema.Literal("HUMAN", "MACHINE", "UNKNOWN")),
  faxTone: opt(Schema.Literal("CED", "CNG")),
  detectDigits: opt(Schema.String),
  inputs: opt(Schema.Array(CollectInput)),
  recording: opt(Schema.Union(
    Schema.Struct({
      url: opt(Schema.String),
      duration: opt(Schema.Number),
      size: opt(Schema.Number),
      speakAfter: opt(DurationInput),
      speakFor: opt(DurationInput)
    }),
    Schema.Literal("noInput")
  )),
  fax: opt(Schema.Union(Schema.Struct({ pages: Schema.NonNegativeInt }), Schema.Struct({ error: Schema.String }))),
  payment: opt(Schema.Literal("success", "error")),
  transcription: opt(Schema.Struct({ url: opt(Schema.String), text: opt(Schema.String), duration: opt(Schema.Number) })),
  dialReply: opt(Schema.Literal("reply", "drop"))
})

/** SWML to run: a URL, inline JSON text, or a document (checked against the SWML Schema). */
export const SwmlSource = Schema.Union(Schema.NonEmptyString, Swml.Document)

const Inbound = Schema.Struct({
  from: Schema.NonEmptyString,
  to: Schema.NonEmptyString,
  context: opt(Schema.NonEmptyString),
  script: opt(Script),
  callId: opt(Schema.NonEmptyString),
  swml: opt(SwmlSource),
  ai: opt(AiScript.AiScript)
})

const Hangup = Schema.UndefinedOr(Schema.Struct({ reason: opt(Schema.NonEmptyString) }))

export const decoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })
  return (body: unknown) => Either.mapLeft(decode(body), (error) => SchemaIssues.format(error))
}

const decodeInbound = decoder(Inbound)
const decodeInput = decoder(CollectInput)
const decodeHangup = decoder(Hangup)

/** The routes of the call simulation. */
export const callRoutes = (calls: Calls): ReadonlyArray<Route> => {
  const withCall = (id: string, f: () => Effect.Effect<AdminResponse>) =>
    Effect.flatMap(calls.get(id), Option.match({ onNone: () => Effect.succeed(failure(404, `no call ${id}`)), onSome: f }))
  const current = (id: string) =>
    Effect.map(calls.get(id), (call): AdminResponse => ({ status: 200, body: Option.getOrUndefined(call) }))
  return [
    {
      method: "POST",
      path: /^\/_sandbox\/calls$/,
      handle: (_, body) =>
        Either.match(decodeInbound(body), {
          onLeft: (error) => Effect.succeed(failure(400, error)),
          onRight: (options) =>
            calls.inbound(options).pipe(
              Effect.map((call): AdminResponse => ({ status: 201, body: call })),
              Effect.catchTags({
                SandboxError: (error) => Effect.succeed(failure(409, error.reason)),
                CallIdInUseError: (error) => Effect.succeed(failure(409, `call_id ${error.callId} belongs to a call in progress`))
              })
            )
        })
    },
    {
      method: "GET",
      path: /^\/_sandbox\/calls$/,
      handle: () => Effect.map(calls.list, (list): AdminResponse => ({ status: 200, body: list }))
    },
    {
      method: "GET",
      path: /^\/_sandbox\/calls\/([^/]+)$/,
      handle: (match) => withCall(match[1]!, () => current(match[1]!))
    },
    {
      method: "POST",
      path: /^\/_sandbox\/calls\/([^/]+)\/hangup$/,
      handle: (match, body) =>
        withCall(match[1]!, () =>
          Either.match(decodeHangup(body), {
            onLeft: (error) => Effect.succeed(failure(400, error)),
            onRight: (options) => Effect.zipRight(calls.hangup(match[1]!, options?.reason), current(match[1]!))
          }))
    },
    {
      method: "POST",
      path: /^\/_sandbox\/calls\/([^/]+)\/input$/,
      handle: (match, body) =>
        withCall(match[1]!, () =>
          Either.match(decodeInput(body), {
            onLeft: (error) => Effect.succeed(failure(400, error)),
            onRight: (input) => Effect.zipRight(calls.input(match[1]!, input), current(match[1]!))
          }))
    }
  ]
}

// ---- /_sandbox/messages ---------------------------------------------------------------------------

const InboundMessage = Schema.Struct({
  from: Schema.NonEmptyString,
  to: Schema.NonEmptyString,
  body: opt(Schema.String),
  media: opt(Schema.Array(Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "media must be http(s) URLs" })))),
  context: opt(Schema.NonEmptyString),
  tags: opt(Schema.Array(Schema.String))
}).pipe(
  Schema.filter((message) =>
    (message.body ?? "").length > 0 || (message.media ?? []).length > 0 || "a message needs a non-empty body or media"
  )
)

const decodeInboundMessage = decoder(InboundMessage)

/** The routes of the messaging simulation. */
export const messageRoutes = (messages: Messages): ReadonlyArray<Route> => [
  {
    method: "POST",
    path: /^\/_sandbox\/messages$/,
    handle: (_, body) =>
      Either.match(decodeInboundMessage(body), {
        onLeft: (error) => Effect.succeed(failure(400, error)),
        onRight: (options) =>
          messages.inbound(options).pipe(
            Effect.map((message): AdminResponse => ({ status: 201, body: message })),
            Effect.catchTag("SandboxError", (error) => Effect.succeed(failure(409, error.reason)))
          )
      })
  },
  {
    method: "GET",
    path: /^\/_sandbox\/messages$/,
    handle: () => Effect.map(messages.list, (list): AdminResponse => ({ status: 200, body: list }))
  },
  {
    method: "GET",
    path: /^\/_sandbox\/messages\/([^/]+)$/,
    handle: (match) =>
      Effect.map(messages.get(match[1]!), Option.match({
        onNone: (): AdminResponse => failure(404, `no message ${match[1]!}`),
        onSome: (message): AdminResponse => ({ status: 200, body: message })
      }))
  },
  {
    method: "GET",
    path: /^\/_sandbox\/messages\/([^/]+)\/transcript$/,
    handle: (match) =>
      Effect.flatMap(messages.get(match[1]!), Option.match({
        onNone: () => Effect.succeed(failure(404, `no message ${match[1]!}`)),
        onSome: () =>
          Effect.map(messages.transcript(match[1]!), (entries): AdminResponse => ({
            status: 200,
            // Optional fields left out are left out (the admin API would write `undefined` as null).
            body: JSON.parse(JSON.stringify(encodeMessageTranscript({ messageId: match[1]!, entries }))) as unknown
          }))
      }))
  }
]

const encodeMessageTranscript = Schema.encodeSync(Schema.Struct({ messageId: Schema.String, entries: Schema.Array(Transcript.Entry) }))
