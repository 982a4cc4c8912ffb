/**
 * What every sub-resource of the Twilio-compatible (LaML) API shares: the path prefix, form-encoded
 * request bodies, the compat error body, the compat list page (`next_page_uri`, `page`,
 * `page_size`, …) and its query parameters, and the client-side list helpers.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { RestError } from "../RestError.js"
import type { Rest } from "./call.js"
import { op } from "./op.js"
import { paginate } from "./paginate.js"

/** The API version segment of every compat path. */
export const VERSION = "2010-04-01"

/** `/api/laml/2010-04-01` */
export const ROOT = `/api/laml/${VERSION}`

/** The account-scoped prefix: `/api/laml/2010-04-01/Accounts/:AccountSid`. */
export const ACCOUNT = `${ROOT}/Accounts/:AccountSid`

/**
 * Marks a request body as `application/x-www-form-urlencoded`, as the platform documents every
 * compat body: the client sends it as a form (an array field becomes repeated keys, e.g.
 * `MediaUrl=a&MediaUrl=b`), the server reads a form (or JSON) body. The annotation is the one
 * `HttpApiSchema.withEncoding({ kind: "UrlParams" })` writes; set directly because its static check
 * admits only `string` fields, while repeated keys are what the platform takes for lists.
 */
export const form = <S extends Schema.Schema.Any>(schema: S): S =>
  schema.annotations({
    [HttpApiSchema.AnnotationEncoding]: { kind: "UrlParams", contentType: "application/x-www-form-urlencoded" }
  }) as S

/** Where the platform's compat error codes are explained. */
export const MORE_INFO = "https://signalwire.com/docs/rest/compatibility-api/error-codes"

const errorBody = <S extends number>(status: S, description: string) =>
  Schema.Struct({
    code: Schema.Int,
    message: Schema.String,
    more_info: Schema.String,
    status: Schema.Literal(status)
  }).annotations(HttpApiSchema.annotations({ status, description }))

/** The compat error body `{code, message, more_info, status}` of a 400 (a parameter is missing or malformed). */
export const CompatBadRequest = errorBody(400, "Bad Request (compat)")
/** The compat 401 body (code 20003). */
export const CompatUnauthorized = errorBody(401, "Unauthorized (compat)")
/** The compat 404 body (code 20404). */
export const CompatNotFound = errorBody(404, "Not Found (compat)")
/** The compat 409 body (a resource still in use). */
export const CompatConflict = errorBody(409, "Conflict (compat)")
/** The compat 422 body (a well-formed request the current state refuses). */
export const CompatUnprocessable = errorBody(422, "Unprocessable Entity (compat)")

/** Any compat error body. */
export const CompatError = Schema.Struct({
  code: Schema.Int,
  message: Schema.String,
  more_info: Schema.String,
  status: Schema.Int
})

/** A compat error body of `status`, as a handler fails with it. */
export const compatError = <S extends 400 | 401 | 404 | 409 | 422>(status: S, code: number, message: string) => ({
  code,
  message,
  more_info: MORE_INFO,
  status
})

/** The pagination query parameters of every compat list (`Page`, `PageSize`, `PageToken`). */
export const pageParams = {
  Page: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative())),
  PageSize: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000))),
  PageToken: Schema.optional(Schema.String)
}

/** The pagination parameters alone. */
export const PageParams = Schema.Struct(pageParams)

/** The envelope of a compat list page (without its items). */
export const pageEnvelope = {
  uri: Schema.String,
  first_page_uri: Schema.optional(Schema.NullOr(Schema.String)),
  next_page_uri: Schema.optional(Schema.NullOr(Schema.String)),
  previous_page_uri: Schema.optional(Schema.NullOr(Schema.String)),
  page: Schema.optional(Schema.Int),
  page_size: Schema.optional(Schema.Int)
}

/** A compat list page: the items under `key`, and the envelope. */
export const CompatPage = <K extends string, S extends Schema.Schema.Any>(key: K, item: S) =>
  Schema.Struct({
    ...pageEnvelope,
    ...({ [key]: Schema.Array(item) } as { readonly [P in K]: Schema.Array$<S> })
  }, Schema.Record({ key: Schema.String, value: Schema.Unknown }))

/** A decoded compat list page with its items under `K`. */
export type CompatPageOf<K extends string, A> =
  & {
    readonly uri: string
    readonly first_page_uri?: string | null | undefined
    readonly next_page_uri?: string | null | undefined
    readonly previous_page_uri?: string | null | undefined
    readonly page?: number | undefined
    readonly page_size?: number | undefined
    readonly [key: string]: unknown
  }
  & { readonly [P in K]: ReadonlyArray<A> }

/** The `{AccountSid}` path. */
export const AccountPath = Schema.Struct({ AccountSid: Schema.String.pipe(Schema.minLength(1)) })

/** The `{AccountSid}/…/{Sid}` path. */
export const SidPath = Schema.Struct({ AccountSid: Schema.String.pipe(Schema.minLength(1)), Sid: Schema.String.pipe(Schema.minLength(1)) })

/** A non-empty sid checked before anything is sent. */
export const Sid = Schema.String.pipe(Schema.minLength(1))

type Op<A> = Effect.Effect<A, RestError>

/** A compat list in both forms: one page, or every item of every page following `next_page_uri`. */
export interface CompatListing<K extends string, A, P> {
  readonly list: (params?: P) => Op<CompatPageOf<K, A>>
  readonly paginate: (params?: P) => Stream.Stream<A, RestError>
}

export const listing = <K extends string, A, I, P>(
  rest: Rest,
  operation: string,
  key: K,
  item: Schema.Schema<A, I>,
  params: Schema.Schema.Any,
  run: (params: P) => Effect.Effect<unknown, unknown>
): CompatListing<K, A, P> => {
  const list = (p?: P) =>
    op(rest, `${operation}.list`, [[params, p ?? {}]], () => run((p ?? {}) as P)) as Op<CompatPageOf<K, A>>
  return { list, paginate: (p?: P) => paginate(rest, `${operation}.paginate`, item, list(p), key) }
}

/** A boolean in a form body: `true` / `false`. */
export const FormBoolean = Schema.BooleanFromString

/** A number in a form body or a query string. */
export const FormNumber = Schema.NumberFromString

/** A list sent as one space-separated value (`StatusCallbackEvent=initiated answered`). */
export const SpaceList = <A extends string>(item: Schema.Schema<A, A, never>) =>
  Schema.transform(Schema.String, Schema.Array(item), {
    strict: false,
    decode: (value) => value.split(/[\s,]+/).filter((v) => v.length > 0),
    encode: (values) => values.join(" ")
  })
