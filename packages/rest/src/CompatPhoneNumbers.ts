/**
 * Compat (LaML) phone numbers: the project's numbers as `IncomingPhoneNumbers` (list, purchase, get,
 * update — where calls and messages to it go —, release), importing a number hosted elsewhere
 * (`ImportedPhoneNumbers`), and the numbers available to purchase (`AvailablePhoneNumbers`: the
 * countries, one country, its local and toll-free numbers).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

const Capabilities = Schema.Record({ key: Schema.String, value: Schema.Boolean })

/**
 * A number of the project (`sid` is its id in the relay-REST `phoneNumbers` API too).
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const where = (n: CompatPhoneNumbers.IncomingPhoneNumber) => n.voice_url
 * ```
 * @since 0.1.0
 */
export const IncomingPhoneNumber = Schema.Struct({
  sid: Schema.String,
  phone_number: Schema.String,
  friendly_name: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  capabilities: nullable(Capabilities),
  country_code: nullable(Schema.String),
  origin: nullable(Schema.String),
  voice_url: nullable(Schema.String),
  voice_method: nullable(Schema.String),
  voice_fallback_url: nullable(Schema.String),
  voice_fallback_method: nullable(Schema.String),
  voice_application_sid: nullable(Schema.String),
  voice_receive_mode: nullable(Schema.String),
  status_callback: nullable(Schema.String),
  status_callback_method: nullable(Schema.String),
  sms_url: nullable(Schema.String),
  sms_method: nullable(Schema.String),
  sms_fallback_url: nullable(Schema.String),
  sms_fallback_method: nullable(Schema.String),
  sms_application_sid: nullable(Schema.String),
  emergency_address_sid: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link IncomingPhoneNumber}.
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const e164 = (n: CompatPhoneNumbers.IncomingPhoneNumber) => n.phone_number
 * ```
 * @since 0.1.0
 */
export type IncomingPhoneNumber = typeof IncomingPhoneNumber.Type

const Method = Schema.Literal("GET", "POST")
const Url = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))

const handlerFields = {
  FriendlyName: Schema.optional(Schema.String.pipe(Schema.maxLength(255))),
  VoiceUrl: Schema.optional(Url),
  VoiceMethod: Schema.optional(Method),
  VoiceFallbackUrl: Schema.optional(Url),
  VoiceFallbackMethod: Schema.optional(Method),
  VoiceApplicationSid: Schema.optional(Schema.String),
  VoiceReceiveMode: Schema.optional(Schema.Literal("voice", "fax")),
  StatusCallback: Schema.optional(Url),
  StatusCallbackMethod: Schema.optional(Method),
  SmsUrl: Schema.optional(Url),
  SmsMethod: Schema.optional(Method),
  SmsFallbackUrl: Schema.optional(Url),
  SmsFallbackMethod: Schema.optional(Method),
  SmsApplicationSid: Schema.optional(Schema.String)
}

/**
 * The body of a purchase: the E.164 `PhoneNumber` (from a search) and, optionally, where its
 * calls and messages go.
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatPhoneNumbers.Purchase.Type = { PhoneNumber: "+15551230000", VoiceUrl: "https://example.com/voice.xml" }
 * ```
 * @since 0.1.0
 */
export const Purchase = form(Schema.Struct({
  PhoneNumber: Schema.String.pipe(Schema.pattern(/^\+\d{5,17}$/, { message: () => "an E.164 number" })),
  ...handlerFields
}))

/**
 * The body of an update: the purchase's fields, plus `AccountSid` (move the number to a
 * subproject) and `EmergencyAddressSid`.
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatPhoneNumbers.Update.Type = { SmsUrl: "https://example.com/sms.xml", SmsMethod: "POST" }
 * ```
 * @since 0.1.0
 */
export const Update = form(Schema.Struct({
  ...handlerFields,
  AccountSid: Schema.optional(Schema.String),
  EmergencyAddressSid: Schema.optional(Schema.String)
}))

/**
 * The body of an import (the platform's snake_case fields here).
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatPhoneNumbers.Import.Type = { number: "+15551230000", number_type: "longcode" }
 * ```
 * @since 0.1.0
 */
export const Import = form(Schema.Struct({
  number: Schema.String.pipe(Schema.pattern(/^\+\d{5,30}$/, { message: () => "an E.164 number" })),
  number_type: Schema.Literal("longcode", "tollfree"),
  capabilities: Schema.optional(Schema.Union(
    Schema.Literal("sms", "voice", "fax", "mms"),
    Schema.Array(Schema.Literal("sms", "voice", "fax", "mms"))
  ))
}))

/**
 * The filters of the list.
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatPhoneNumbers.ListParams.Type = { PhoneNumber: "555" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  PhoneNumber: Schema.optional(Schema.String),
  FriendlyName: Schema.optional(Schema.String),
  ...pageParams
})

/**
 * A country with numbers available to purchase.
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const code = (c: CompatPhoneNumbers.Country) => c.country_code
 * ```
 * @since 0.1.0
 */
export const Country = Schema.Struct({
  country_code: Schema.String,
  country: Schema.String,
  uri: nullable(Schema.String),
  beta: nullable(Schema.Boolean),
  subresource_uris: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
}, Extra)

/**
 * A decoded {@link Country}.
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const name = (c: CompatPhoneNumbers.Country) => c.country
 * ```
 * @since 0.1.0
 */
export type Country = typeof Country.Type

/**
 * A number available to purchase.
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const e164 = (n: CompatPhoneNumbers.AvailableNumber) => n.phone_number
 * ```
 * @since 0.1.0
 */
export const AvailableNumber = Schema.Struct({
  phone_number: Schema.String,
  friendly_name: nullable(Schema.String),
  lata: nullable(Schema.String),
  locality: nullable(Schema.String),
  rate_center: nullable(Schema.String),
  region: nullable(Schema.String),
  postal_code: nullable(Schema.String),
  iso_country: nullable(Schema.String),
  capabilities: nullable(Capabilities),
  beta: nullable(Schema.Boolean)
}, Extra)

/**
 * A decoded {@link AvailableNumber}.
 *
 * @example
 * ```ts
 * import type { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const region = (n: CompatPhoneNumbers.AvailableNumber) => n.region
 * ```
 * @since 0.1.0
 */
export type AvailableNumber = typeof AvailableNumber.Type

/**
 * The filters of a search (local or toll-free).
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatPhoneNumbers.SearchParams.Type = { AreaCode: "555", SmsEnabled: true }
 * ```
 * @since 0.1.0
 */
export const SearchParams = Schema.Struct({
  AreaCode: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{3}$/, { message: () => "three digits" }))),
  Contains: Schema.optional(Schema.String),
  InRegion: Schema.optional(Schema.String),
  InLocality: Schema.optional(Schema.String),
  Beta: Schema.optional(Schema.BooleanFromString),
  VoiceEnabled: Schema.optional(Schema.BooleanFromString),
  SmsEnabled: Schema.optional(Schema.BooleanFromString),
  MmsEnabled: Schema.optional(Schema.BooleanFromString),
  FaxEnabled: Schema.optional(Schema.BooleanFromString),
  ExcludeAllAddressRequired: Schema.optional(Schema.BooleanFromString),
  ExcludeLocalAddressRequired: Schema.optional(Schema.BooleanFromString),
  ExcludeForeignAddressRequired: Schema.optional(Schema.BooleanFromString)
})

const incoming = `${ACCOUNT}/IncomingPhoneNumbers`
const available = `${ACCOUNT}/AvailablePhoneNumbers`
const CountryPath = Schema.Struct({ AccountSid: Schema.String, IsoCountry: Schema.String.pipe(Schema.pattern(/^[A-Za-z]{2}$/)) })
const Available = Schema.Struct({ uri: Schema.String, available_phone_numbers: Schema.Array(AvailableNumber) }, Extra)

/**
 * The `compatPhoneNumbers` group.
 *
 * @example
 * ```ts
 * import { CompatPhoneNumbers } from "@signalwire-effect/rest"
 *
 * CompatPhoneNumbers.group.identifier // "compatPhoneNumbers"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatPhoneNumbers")
  .add(
    HttpApiEndpoint.get("list", incoming)
      .setPath(AccountPath)
      .setUrlParams(ListParams)
      .addSuccess(CompatPage("incoming_phone_numbers", IncomingPhoneNumber))
  )
  .add(HttpApiEndpoint.post("purchase", incoming).setPath(AccountPath).setPayload(Purchase).addSuccess(IncomingPhoneNumber, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${incoming}/:Sid`).setPath(SidPath).addSuccess(IncomingPhoneNumber))
  .add(HttpApiEndpoint.post("update", `${incoming}/:Sid`).setPath(SidPath).setPayload(Update).addSuccess(IncomingPhoneNumber))
  .add(HttpApiEndpoint.del("delete", `${incoming}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.post("importNumber", `${ACCOUNT}/ImportedPhoneNumbers`)
      .setPath(AccountPath)
      .setPayload(Import)
      .addSuccess(IncomingPhoneNumber, { status: 201 })
  )
  .add(
    HttpApiEndpoint.get("listAvailableCountries", available)
      .setPath(AccountPath)
      .addSuccess(Schema.Struct({ uri: Schema.String, countries: Schema.Array(Country) }, Extra))
  )
  .add(HttpApiEndpoint.get("getAvailableCountry", `${available}/:IsoCountry`).setPath(CountryPath).addSuccess(Country))
  .add(HttpApiEndpoint.get("searchLocal", `${available}/:IsoCountry/Local`).setPath(CountryPath).setUrlParams(SearchParams).addSuccess(Available))
  .add(
    HttpApiEndpoint.get("searchTollFree", `${available}/:IsoCountry/TollFree`)
      .setPath(CountryPath)
      .setUrlParams(SearchParams)
      .addSuccess(Available)
  )
