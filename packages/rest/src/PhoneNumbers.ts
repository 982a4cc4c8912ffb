/**
 * Phone numbers of the project (`/api/relay/rest/phone_numbers`): list, search the available
 * ones, purchase, get, update (PUT) — including what handles calls and messages to a number —
 * and release; plus importing a number hosted elsewhere (`/api/relay/rest/imported_phone_numbers`).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { E164, Extra, IdPath, nullable, Page, pageParams } from "./RestSchema.js"

/**
 * Who handles calls to a number (`call_handler`).
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const handler: typeof PhoneNumbers.CallHandler.Type = "relay_context"
 * ```
 * @since 0.1.0
 */
export const CallHandler = Schema.Literal(
  "relay_context",
  "relay_topic",
  "relay_script",
  "relay_application",
  "relay_connector",
  "relay_sip_endpoint",
  "relay_verto_endpoint",
  "laml_webhooks",
  "laml_application",
  "dialogflow",
  "video_room",
  "ai_agent",
  "call_flow"
)

/**
 * Who handles messages to a number (`message_handler`).
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const handler: typeof PhoneNumbers.MessageHandler.Type = "relay_context"
 * ```
 * @since 0.1.0
 */
export const MessageHandler = Schema.Literal(
  "relay_context",
  "relay_topic",
  "relay_application",
  "laml_webhooks",
  "laml_application"
)

const handlerFields = {
  name: nullable(Schema.String),
  call_handler: nullable(CallHandler),
  call_receive_mode: nullable(Schema.Literal("voice", "fax")),
  call_request_url: nullable(Schema.String),
  call_request_method: nullable(Schema.String),
  call_fallback_url: nullable(Schema.String),
  call_fallback_method: nullable(Schema.String),
  call_status_callback_url: nullable(Schema.String),
  call_status_callback_method: nullable(Schema.String),
  call_laml_application_id: nullable(Schema.String),
  call_dialogflow_agent_id: nullable(Schema.String),
  call_relay_topic: nullable(Schema.String),
  call_relay_topic_status_callback_url: nullable(Schema.String),
  call_relay_script_url: nullable(Schema.String),
  call_relay_context: nullable(Schema.String),
  call_relay_context_status_callback_url: nullable(Schema.String),
  call_relay_application: nullable(Schema.String),
  call_relay_connector_id: nullable(Schema.String),
  call_sip_endpoint_id: nullable(Schema.String),
  call_verto_resource: nullable(Schema.String),
  call_video_room_id: nullable(Schema.String),
  call_ai_agent_id: nullable(Schema.String),
  call_flow_id: nullable(Schema.String),
  call_flow_version: nullable(Schema.String),
  message_handler: nullable(MessageHandler),
  message_request_url: nullable(Schema.String),
  message_request_method: nullable(Schema.String),
  message_fallback_url: nullable(Schema.String),
  message_fallback_method: nullable(Schema.String),
  message_laml_application_id: nullable(Schema.String),
  message_relay_topic: nullable(Schema.String),
  message_relay_context: nullable(Schema.String),
  message_relay_application: nullable(Schema.String)
}

/**
 * A phone number of the project. Fields the SDK does not model are kept.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const describe = (n: PhoneNumbers.PhoneNumber) => `${n.number} → ${n.call_handler ?? "unset"}`
 * ```
 * @since 0.1.0
 */
export const PhoneNumber = Schema.Struct({
  id: Schema.String,
  number: Schema.String,
  capabilities: nullable(Schema.Array(Schema.String)),
  number_type: nullable(Schema.String),
  e911_address_id: nullable(Schema.String),
  e911_status: nullable(Schema.String),
  calling_handler_resource_id: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String),
  next_billed_at: nullable(Schema.String),
  country_code: nullable(Schema.String),
  ...handlerFields
}, Extra)

/**
 * A decoded {@link PhoneNumber}.
 *
 * @example
 * ```ts
 * import type { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const id = (n: PhoneNumbers.PhoneNumber) => n.id
 * ```
 * @since 0.1.0
 */
export type PhoneNumber = typeof PhoneNumber.Type

/**
 * The body of an update (PUT): the name and the call / message handler fields.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const toContext: PhoneNumbers.Update = { call_handler: "relay_context", call_relay_context: "office" }
 * ```
 * @since 0.1.0
 */
export const Update = Schema.Struct(handlerFields, Extra)

/**
 * A decoded {@link Update}.
 *
 * @example
 * ```ts
 * import type { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const rename: PhoneNumbers.Update = { name: "Support line" }
 * ```
 * @since 0.1.0
 */
export type Update = typeof Update.Type

/**
 * The filters of `list`.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const params: typeof PhoneNumbers.ListParams.Type = { filter_number: "555", page_size: 20 }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  filter_name: Schema.optional(Schema.String),
  filter_number: Schema.optional(Schema.String),
  ...pageParams
})

/**
 * The filters of `search` (numbers available to purchase).
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const params: typeof PhoneNumbers.SearchParams.Type = { areacode: "555", max_results: 5 }
 * ```
 * @since 0.1.0
 */
export const SearchParams = Schema.Struct({
  areacode: Schema.optional(Schema.String),
  number_type: Schema.optional(Schema.Literal("local", "toll-free")),
  starts_with: Schema.optional(Schema.String),
  contains: Schema.optional(Schema.String),
  ends_with: Schema.optional(Schema.String),
  max_results: Schema.optional(Schema.NumberFromString),
  region: Schema.optional(Schema.String),
  city: Schema.optional(Schema.String)
})

/**
 * A number available to purchase.
 *
 * @example
 * ```ts
 * import type { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const e164 = (n: PhoneNumbers.AvailableNumber) => n.number
 * ```
 * @since 0.1.0
 */
export const AvailableNumber = Schema.Struct({
  number: Schema.String,
  region: nullable(Schema.String),
  city: nullable(Schema.String),
  rate_center: nullable(Schema.String),
  lata: nullable(Schema.String),
  capabilities: nullable(Schema.Struct({
    voice: nullable(Schema.Boolean),
    sms: nullable(Schema.Boolean),
    mms: nullable(Schema.Boolean),
    fax: nullable(Schema.Boolean)
  }, Extra))
}, Extra)

/**
 * A decoded {@link AvailableNumber}.
 *
 * @example
 * ```ts
 * import type { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const region = (n: PhoneNumbers.AvailableNumber) => n.region
 * ```
 * @since 0.1.0
 */
export type AvailableNumber = typeof AvailableNumber.Type

/**
 * The body of a purchase: the E.164 number, from `search`.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const body: typeof PhoneNumbers.Purchase.Type = { number: "+15551230000" }
 * ```
 * @since 0.1.0
 */
export const Purchase = Schema.Struct({ number: E164 })

/**
 * The body of an import: a number hosted elsewhere, registered for use with the project.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * const body: typeof PhoneNumbers.Import.Type = { number: "+15551230000", number_type: "longcode" }
 * ```
 * @since 0.1.0
 */
export const Import = Schema.Struct({
  number: E164,
  number_type: Schema.optional(Schema.Literal("longcode", "tollfree")),
  capabilities: Schema.optional(Schema.Array(Schema.Literal("sms", "voice", "fax", "mms")))
}, Extra)

const base = "/api/relay/rest/phone_numbers"

/**
 * The `phoneNumbers` group of the API definition.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * PhoneNumbers.group.identifier // "phoneNumbers"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("phoneNumbers")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(ListParams).addSuccess(Page(PhoneNumber)))
  .add(HttpApiEndpoint.post("purchase", base).setPayload(Purchase).addSuccess(PhoneNumber))
  .add(HttpApiEndpoint.get("search", `${base}/search`).setUrlParams(SearchParams).addSuccess(Page(AvailableNumber)))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(PhoneNumber))
  .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(Update).addSuccess(PhoneNumber))
  .add(HttpApiEndpoint.del("release", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.post("assignE911Address", `${base}/:id/e911_address`).setPath(IdPath)
      .setPayload(Schema.Struct({ e911_address_id: Schema.String.pipe(Schema.minLength(1)) })).addSuccess(PhoneNumber)
  )
  .add(HttpApiEndpoint.del("removeE911Address", `${base}/:id/e911_address`).setPath(IdPath).addSuccess(PhoneNumber))

/**
 * The `importedNumbers` group: `POST /api/relay/rest/imported_phone_numbers`.
 *
 * @example
 * ```ts
 * import { PhoneNumbers } from "@signalwire-effect/rest"
 *
 * PhoneNumbers.importedGroup.identifier // "importedNumbers"
 * ```
 * @since 0.1.0
 */
export const importedGroup = HttpApiGroup.make("importedNumbers").add(
  HttpApiEndpoint.post("create", "/api/relay/rest/imported_phone_numbers").setPayload(Import).addSuccess(PhoneNumber, {
    status: 201
  })
)
