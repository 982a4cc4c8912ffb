/**
 * Compat (LaML) applications (`/Applications`: the voice and messaging webhooks a number can point
 * at) and LaML bins (`/LamlBins`: cXML documents the platform hosts), both under
 * `/api/laml/2010-04-01/Accounts/{AccountSid}`; list, create, get, update (POST), delete.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

/**
 * An application.
 *
 * @example
 * ```ts
 * import type { CompatApplications } from "@signalwire-effect/rest"
 *
 * const voice = (a: CompatApplications.Application) => a.voice_url
 * ```
 * @since 0.1.0
 */
export const Application = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  friendly_name: Schema.String,
  voice_url: nullable(Schema.String),
  voice_method: nullable(Schema.String),
  voice_fallback_url: nullable(Schema.String),
  voice_fallback_method: nullable(Schema.String),
  status_callback: nullable(Schema.String),
  status_callback_method: nullable(Schema.String),
  sms_url: nullable(Schema.String),
  sms_method: nullable(Schema.String),
  sms_fallback_url: nullable(Schema.String),
  sms_fallback_method: nullable(Schema.String),
  sms_status_callback: nullable(Schema.String),
  sms_status_callback_method: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Application}.
 *
 * @example
 * ```ts
 * import type { CompatApplications } from "@signalwire-effect/rest"
 *
 * const sid = (a: CompatApplications.Application) => a.sid
 * ```
 * @since 0.1.0
 */
export type Application = typeof Application.Type

const Method = Schema.Literal("GET", "POST")
const Url = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))

/**
 * The body of an application's creation or update: `FriendlyName` (1–64 characters, required) and
 * its webhooks.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatApplications.Body.Type = { FriendlyName: "IVR", VoiceUrl: "https://example.com/ivr.xml" }
 * ```
 * @since 0.1.0
 */
export const Body = form(Schema.Struct({
  FriendlyName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(64)),
  VoiceUrl: Schema.optional(Url),
  VoiceMethod: Schema.optional(Method),
  VoiceFallbackUrl: Schema.optional(Url),
  VoiceFallbackMethod: Schema.optional(Method),
  StatusCallback: Schema.optional(Url),
  StatusCallbackMethod: Schema.optional(Method),
  SmsUrl: Schema.optional(Url),
  SmsMethod: Schema.optional(Method),
  SmsFallbackUrl: Schema.optional(Url),
  SmsFallbackMethod: Schema.optional(Method),
  SmsStatusCallback: Schema.optional(Url),
  SmsStatusCallbackMethod: Schema.optional(Method)
}))

/**
 * A LaML bin: a cXML document the platform serves at `request_url`.
 *
 * @example
 * ```ts
 * import type { CompatApplications } from "@signalwire-effect/rest"
 *
 * const url = (b: CompatApplications.LamlBin) => b.request_url
 * ```
 * @since 0.1.0
 */
export const LamlBin = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  name: Schema.String,
  contents: nullable(Schema.String),
  request_url: nullable(Schema.String),
  num_requests: nullable(Schema.Number),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  date_last_accessed: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link LamlBin}.
 *
 * @example
 * ```ts
 * import type { CompatApplications } from "@signalwire-effect/rest"
 *
 * const xml = (b: CompatApplications.LamlBin) => b.contents
 * ```
 * @since 0.1.0
 */
export type LamlBin = typeof LamlBin.Type

/**
 * The body of a LaML bin's creation or update: `Name` and the cXML `Contents`.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatApplications.LamlBinBody.Type = { Name: "hello", Contents: "<Response><Say>Hi</Say></Response>" }
 * ```
 * @since 0.1.0
 */
export const LamlBinBody = form(Schema.Struct({
  Name: Schema.String.pipe(Schema.minLength(1)),
  Contents: Schema.optional(Schema.String)
}))

/**
 * The filters of the application list.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatApplications.ListParams.Type = { FriendlyName: "IVR" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({ FriendlyName: Schema.optional(Schema.String), ...pageParams })

/**
 * The filters of the LaML bin list.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatApplications.LamlBinListParams.Type = { Name: "hello" }
 * ```
 * @since 0.1.0
 */
export const LamlBinListParams = Schema.Struct({ Name: Schema.optional(Schema.String), ...pageParams })

const applications = `${ACCOUNT}/Applications`
const bins = `${ACCOUNT}/LamlBins`

/**
 * The `compatApplications` group.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * CompatApplications.group.identifier // "compatApplications"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatApplications")
  .add(
    HttpApiEndpoint.get("list", applications)
      .setPath(AccountPath)
      .setUrlParams(ListParams)
      .addSuccess(CompatPage("applications", Application))
  )
  .add(HttpApiEndpoint.post("create", applications).setPath(AccountPath).setPayload(Body).addSuccess(Application, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${applications}/:Sid`).setPath(SidPath).addSuccess(Application))
  .add(HttpApiEndpoint.post("update", `${applications}/:Sid`).setPath(SidPath).setPayload(Body).addSuccess(Application))
  .add(HttpApiEndpoint.del("delete", `${applications}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The `compatLamlBins` group.
 *
 * @example
 * ```ts
 * import { CompatApplications } from "@signalwire-effect/rest"
 *
 * CompatApplications.lamlBinsGroup.identifier // "compatLamlBins"
 * ```
 * @since 0.1.0
 */
export const lamlBinsGroup = HttpApiGroup.make("compatLamlBins")
  .add(HttpApiEndpoint.get("list", bins).setPath(AccountPath).setUrlParams(LamlBinListParams).addSuccess(CompatPage("laml_bins", LamlBin)))
  .add(HttpApiEndpoint.post("create", bins).setPath(AccountPath).setPayload(LamlBinBody).addSuccess(LamlBin, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${bins}/:Sid`).setPath(SidPath).addSuccess(LamlBin))
  .add(HttpApiEndpoint.post("update", `${bins}/:Sid`).setPath(SidPath).setPayload(LamlBinBody).addSuccess(LamlBin))
  .add(HttpApiEndpoint.del("delete", `${bins}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
