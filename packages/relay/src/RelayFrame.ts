/**
 * JSON-RPC 2.0 frames as RELAY puts them on the wire (PROTOCOL.md §2).
 *
 * This is the one place that turns socket text into typed values and back. The client and the
 * sandbox both use it, so a frame either side accepts is a frame the other side produced.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { SchemaIssues } from "@signalwire-effect/config"

/**
 * A JSON object: the shape of every `params` and of every non-raw `result`. Checked, never rebuilt:
 * a rebuilt object would turn a `"__proto__"` key from the wire into a prototype.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(RelayFrame.JsonObject)({ contexts: ["office"] })
 * ```
 * @since 0.1.0
 */
export const JsonObject: Schema.Schema<{ readonly [key: string]: unknown }> = Schema.declare(
  (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u),
  { identifier: "JsonObject", description: "a JSON object" }
)

/**
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const params: RelayFrame.JsonObject = { contexts: ["office"] }
 * ```
 * @since 0.1.0
 */
export type JsonObject = typeof JsonObject.Type

/**
 * A request id. Client ids are UUID strings; server ids are opaque and echoed verbatim, and
 * JSON-RPC also allows numbers, so both are accepted on the way in.
 *
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(RelayFrame.RequestId)(7) // true
 * ```
 * @since 0.1.0
 */
export const RequestId = Schema.Union(Schema.String, Schema.Number)

/**
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const id: RelayFrame.RequestId = "r-1"
 * ```
 * @since 0.1.0
 */
export type RequestId = typeof RequestId.Type

/**
 * A JSON-RPC request, in either direction: `{"jsonrpc":"2.0","id":…,"method":…,"params":{…}}`.
 * A request without an `id` is a notification and gets no reply (PROTOCOL.md §4).
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const frame: RelayFrame.Request = { _tag: "Request", id: "1", method: "signalwire.ping", params: {} }
 * RelayFrame.encode(frame) // '{"jsonrpc":"2.0","id":"1","method":"signalwire.ping","params":{}}'
 * ```
 * @since 0.1.0
 */
export interface Request {
  readonly _tag: "Request"
  readonly id: RequestId | undefined
  readonly method: string
  readonly params: JsonObject
}

/**
 * A success reply. `result` is always an object: a non-object result `r` arrives as
 * `{ raw: r }` (PROTOCOL.md §2.2 step 3).
 *
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const ack: RelayFrame.ResultReply = RelayFrame.reply("e-1")
 * ```
 * @since 0.1.0
 */
export interface ResultReply {
  readonly _tag: "ResultReply"
  readonly id: RequestId
  readonly result: JsonObject
}

/**
 * The `error` member of an error reply, normalised: a missing code is `-1`, a missing message is
 * `"Unknown error"`, and a non-object error `"boom"` becomes `{ code: -1, message: "boom" }`
 * (PROTOCOL.md §7.3).
 *
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const notFound: RelayFrame.ErrorObject = { code: -32601, message: "Method not found" }
 * ```
 * @since 0.1.0
 */
export interface ErrorObject {
  readonly code: number
  readonly message: string
  readonly data?: unknown
}

/**
 * An error reply: `{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":…}}`.
 *
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const refusal: RelayFrame.ErrorReply = RelayFrame.errorReply("r-1", { code: -32602, message: "Invalid parameters" })
 * ```
 * @since 0.1.0
 */
export interface ErrorReply {
  readonly _tag: "ErrorReply"
  readonly id: RequestId
  readonly error: ErrorObject
}

/**
 * Any frame RELAY exchanges.
 *
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * const frame: RelayFrame.Frame = RelayFrame.request("r-1", "signalwire.ping")
 * ```
 * @since 0.1.0
 */
export type Frame = Request | ResultReply | ErrorReply

/**
 * Why an inbound text is not a usable frame. Such frames are dropped by whoever reads them, with a
 * log line and a metric; they never end a connection.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 * import * as Either from "effect/Either"
 *
 * const decoded = RelayFrame.decode("not json")
 * if (Either.isLeft(decoded)) console.log(decoded.left.reason) // "NotJson"
 * ```
 * @since 0.1.0
 */
export class MalformedFrame extends Data.TaggedError("MalformedFrame")<{
  readonly reason: "NotJson" | "NotAnObject" | "InvalidEnvelope"
  readonly detail: string
  readonly excerpt: string
}> {
  override get message(): string {
    return `Malformed RELAY frame (${this.reason}): ${this.detail}`
  }
}

const EXCERPT_LENGTH = 200

const malformed = (reason: MalformedFrame["reason"], detail: string, text: string) =>
  new MalformedFrame({ reason, detail, excerpt: text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text })

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const JsonRpcVersion = Schema.optional(Schema.Literal("2.0"))

const RequestEnvelope = Schema.Struct({
  jsonrpc: JsonRpcVersion,
  id: Schema.optional(RequestId),
  method: Schema.NonEmptyString,
  params: Schema.optionalWith(JsonObject, { default: () => ({}) })
})

const ResultEnvelope = Schema.Struct({ jsonrpc: JsonRpcVersion, id: RequestId, result: Schema.Unknown })

const ErrorEnvelope = Schema.Struct({ jsonrpc: JsonRpcVersion, id: RequestId, error: Schema.Unknown })

const decodeRequestEnvelope = Schema.decodeUnknownEither(RequestEnvelope)
const decodeResultEnvelope = Schema.decodeUnknownEither(ResultEnvelope)
const decodeErrorEnvelope = Schema.decodeUnknownEither(ErrorEnvelope)

const toErrorObject = (error: unknown): ErrorObject => {
  if (!isObject(error)) {
    return { code: -1, message: typeof error === "string" ? error : JSON.stringify(error) ?? "Unknown error" }
  }
  const code = typeof error.code === "number" && Number.isFinite(error.code) ? error.code : -1
  const message = typeof error.message === "string" ? error.message : "Unknown error"
  return "data" in error ? { code, message, data: error.data } : { code, message }
}

const invalidEnvelope = (text: string) => (error: ParseResult.ParseError) =>
  malformed("InvalidEnvelope", SchemaIssues.format(error), text)

/**
 * Classifies and decodes one inbound text frame (PROTOCOL.md §2.2): invalid JSON, non-objects and envelopes
 * that fit no shape are `MalformedFrame`; replies are told apart by `error`/`result` next to an
 * `id`; anything else must be a request with a non-empty `method` and an object (or absent)
 * `params`.
 *
 * Classification comes before decoding on purpose: JSON-RPC frames carry no tag, and a union of
 * optional-only shapes would let one shape swallow the others.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.decode('{"jsonrpc":"2.0","id":"7","result":true}')
 * // Either.right({ _tag: "ResultReply", id: "7", result: { raw: true } })
 * ```
 * @since 0.1.0
 */
export const decode = (text: string): Either.Either<Frame, MalformedFrame> => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (cause) {
    return Either.left(malformed("NotJson", String(cause), text))
  }
  return decodeValue(raw, text)
}

/**
 * Like {@link decode}, for a value that is already parsed JSON.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.decodeValue({ jsonrpc: "2.0", id: "p-1", method: "signalwire.ping" })
 * // Either.right({ _tag: "Request", id: "p-1", method: "signalwire.ping", params: {} })
 * ```
 * @since 0.1.0
 */
export const decodeValue = (raw: unknown, text = ""): Either.Either<Frame, MalformedFrame> => {
  if (!isObject(raw)) return Either.left(malformed("NotAnObject", "a frame must be a JSON object", text))
  // The checks below are the envelope schemas, written out: they run for every frame, and only a
  // frame that fails them pays for the schema's decoding (to say why).
  const validVersion = raw.jsonrpc === undefined || raw.jsonrpc === "2.0"
  const id = raw.id
  const validId = typeof id === "string" || typeof id === "number"
  if (id !== undefined && Predicate.hasProperty(raw, "error")) {
    if (validVersion && validId) return Either.right({ _tag: "ErrorReply", id, error: toErrorObject(raw.error) })
    return Either.left(Either.match(decodeErrorEnvelope(raw), {
      onLeft: invalidEnvelope(text),
      onRight: () => malformed("InvalidEnvelope", "invalid error reply", text)
    }))
  }
  if (id !== undefined && Predicate.hasProperty(raw, "result")) {
    if (validVersion && validId) {
      return Either.right({ _tag: "ResultReply", id, result: isObject(raw.result) ? raw.result : { raw: raw.result } })
    }
    return Either.left(Either.match(decodeResultEnvelope(raw), {
      onLeft: invalidEnvelope(text),
      onRight: () => malformed("InvalidEnvelope", "invalid result reply", text)
    }))
  }
  const method = raw.method
  const params = raw.params
  if (
    validVersion && (id === undefined || validId) && typeof method === "string" && method.length > 0 &&
    (params === undefined || isObject(params))
  ) {
    return Either.right({ _tag: "Request", id, method, params: params ?? {} })
  }
  return Either.left(Either.match(decodeRequestEnvelope(raw), {
    onLeft: invalidEnvelope(text),
    onRight: () => malformed("InvalidEnvelope", "invalid request", text)
  }))
}

/**
 * Why an outbound frame could not be encoded: the params held something JSON cannot carry
 * (a cycle, a `bigint`).
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.encodeEither(RelayFrame.request("1", "m", { n: BigInt(1) })) // Either.left(UnencodableFrame)
 * ```
 * @since 0.1.0
 */
export class UnencodableFrame extends Data.TaggedError("UnencodableFrame")<{
  readonly method: string | undefined
  readonly detail: string
}> {
  override get message(): string {
    return `Cannot encode RELAY frame${this.method === undefined ? "" : ` for ${this.method}`}: ${this.detail}`
  }
}

const envelope = (frame: Frame): Record<string, unknown> => {
  switch (frame._tag) {
    case "Request":
      return frame.id === undefined
        ? { jsonrpc: "2.0", method: frame.method, params: frame.params }
        : { jsonrpc: "2.0", id: frame.id, method: frame.method, params: frame.params }
    case "ResultReply":
      return { jsonrpc: "2.0", id: frame.id, result: frame.result }
    case "ErrorReply":
      return { jsonrpc: "2.0", id: frame.id, error: frame.error }
  }
}

/**
 * Encodes a frame as the text of one WebSocket message.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.encodeEither({ _tag: "ResultReply", id: "p-1", result: {} })
 * // Either.right('{"jsonrpc":"2.0","id":"p-1","result":{}}')
 * ```
 * @since 0.1.0
 */
export const encodeEither = (frame: Frame): Either.Either<string, UnencodableFrame> => {
  try {
    return Either.right(JSON.stringify(envelope(frame)))
  } catch (cause) {
    return Either.left(new UnencodableFrame({ method: frame._tag === "Request" ? frame.method : undefined, detail: String(cause) }))
  }
}

/**
 * Encodes a frame that is known to be encodable (built from plain strings and objects by the
 * caller). Throws on a cycle or a `bigint`; use {@link encodeEither} for user-supplied params.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.encode(RelayFrame.reply("e-1"))
 * ```
 * @since 0.1.0
 */
export const encode = (frame: Frame): string => JSON.stringify(envelope(frame))

/**
 * The empty success reply a peer sends for `signalwire.event`, `signalwire.ping` and
 * `signalwire.disconnect` (PROTOCOL.md §4).
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.reply("e-1") // { _tag: "ResultReply", id: "e-1", result: {} }
 * ```
 * @since 0.1.0
 */
export const reply = (id: RequestId, result: JsonObject = {}): ResultReply => ({ _tag: "ResultReply", id, result })

/**
 * A request frame.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.request("r-1", "signalwire.receive", { contexts: ["office"] })
 * ```
 * @since 0.1.0
 */
export const request = (id: RequestId | undefined, method: string, params: JsonObject = {}): Request => ({
  _tag: "Request",
  id,
  method,
  params
})

/**
 * An error reply frame.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.errorReply("r-1", { code: -32601, message: "Method not found" })
 * ```
 * @since 0.1.0
 */
export const errorReply = (id: RequestId, error: ErrorObject): ErrorReply => ({ _tag: "ErrorReply", id, error })

/**
 * The application status rule of PROTOCOL.md §7.1: a `result.code` that is present and not `2xx` is a
 * failure. Returns the failing code (a non-numeric code is `-1`) or `undefined` for success.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.failingCode({ code: "200", message: "OK" }) // undefined
 * RelayFrame.failingCode({ code: "404", message: "Not found" }) // 404
 * ```
 * @since 0.1.0
 */
export const failingCode = (result: JsonObject): number | undefined => {
  const code = result.code
  if (code === undefined || code === null) return undefined
  const text = String(code)
  if (/^2\d{2}$/.test(text)) return undefined
  const numeric = Number(text)
  return Number.isInteger(numeric) && text.trim() !== "" ? numeric : -1
}

const SECRET_KEYS = new Set(["token", "jwt_token", "project", "authorization_state", "password"])

/**
 * A copy of a JSON value with every credential-bearing member (`token`, `jwt_token`, `project`,
 * `authorization_state`, `password`) replaced by `"<redacted>"`, at any depth. Used before a
 * frame reaches a log line.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.redact({ authentication: { project: "p", token: "t" } })
 * // { authentication: { project: "<redacted>", token: "<redacted>" } }
 * ```
 * @since 0.1.0
 */
export const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) && inner !== undefined && inner !== null && inner !== "" ? "<redacted>" : redact(inner)
  }
  return out
}

/**
 * The text of a frame with credentials redacted (see {@link redact}); undecodable text is
 * returned as a length only, since it may hold anything.
 *
 * @example
 * ```ts
 * import { RelayFrame } from "@signalwire-effect/relay"
 *
 * RelayFrame.redactText('{"params":{"authentication":{"token":"t"}}}')
 * // '{"params":{"authentication":{"token":"<redacted>"}}}'
 * ```
 * @since 0.1.0
 */
export const redactText = (text: string): string => {
  try {
    return JSON.stringify(redact(JSON.parse(text)))
  } catch {
    return `<${text.length} characters of non-JSON text>`
  }
}
