/**
 * What every compat (LaML, Twilio-compatible) resource shares: form-encoded request bodies, the
 * compat error body `{code, message, more_info, status}`, list pages with `next_page_uri`, the
 * `Page` / `PageSize` / `PageToken` query parameters, and the account-scoped path prefix.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Schema from "effect/Schema"

const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** Every compat path starts here; `:AccountSid` is the project id. */
export const ACCOUNT_PREFIX = "/api/laml/2010-04-01/Accounts/:AccountSid"

/**
 * A request body sent (and read) as `application/x-www-form-urlencoded`, as the platform
 * documents compat bodies. Its encoded side must be strings (or lists of strings for repeated
 * keys): use `NumberFromString`, `BooleanFromString` for the rest.
 */
export const form = <A, I extends Readonly<Record<string, string | undefined>>, R>(
  schema: Schema.Schema<A, I, R>
) =>
  // `I` is checked by this function's own bound; the library's conditional type cannot see it here.
  schema.pipe(HttpApiSchema.withEncoding({ kind: "UrlParams" } as never))

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

/** The compat error body. */
export const ErrorBody = Schema.Struct({
  code: Schema.Number,
  message: Schema.String,
  more_info: Schema.String,
  status: Schema.Number
})

/** The compat error body, declared for one HTTP status. */
export const errorAt = <N extends number>(status: N, description: string) =>
  Schema.Struct({ ...ErrorBody.fields, status: Schema.Literal(status) }).annotations(
    HttpApiSchema.annotations({ status, description })
  )

export const MORE_INFO = "https://signalwire.com/docs/compatibility-api/reference/errors"

/** The compat query parameters of every list. */
export const pageParams = {
  Page: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative())),
  PageSize: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000))),
  PageToken: Schema.optional(Schema.String)
}

/** A compat list page: the items under a resource-specific key, and the page links as paths. */
export const Page = <K extends string, S extends Schema.Schema.Any>(key: K, item: S) =>
  Schema.Struct({
    uri: Schema.String,
    first_page_uri: Schema.String,
    next_page_uri: Schema.NullOr(Schema.String),
    previous_page_uri: Schema.NullOr(Schema.String),
    page: Schema.Number,
    page_size: Schema.Number,
    ...({ [key]: Schema.Array(item) } as { readonly [P in K]: Schema.Array$<S> })
  }, Extra)

/** The `:AccountSid` path parameter. */
export const accountPath = { AccountSid: Schema.String.pipe(Schema.minLength(1)) }
