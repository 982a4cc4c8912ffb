/**
 * Fabric resources that answer a call with a document: SWML scripts (stored SWML), SWML webhooks
 * (SWML fetched from a URL), cXML scripts, cXML webhooks and cXML applications. Updates are PUT
 * for scripts and applications, PATCH for webhooks, as on the platform; cXML applications have no
 * create (they come from binding a number, or from the compat API).
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { createEndpoint, envelope, resourceGroup } from "./internal/fabricGroup.js"
import { Extra, nullable } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const Method = Schema.Literal("GET", "POST")

/**
 * A SWML script: `swml_script: { contents, request_url, status_callback_url, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const swml = (s: FabricScripts.SwmlScript) => s.swml_script?.contents
 * ```
 * @since 0.2.0
 */
export const SwmlScript = Schema.Struct({
  ...envelope,
  swml_script: nullable(Schema.Struct({
    id: nullable(Schema.String),
    contents: nullable(Schema.String),
    request_url: nullable(Schema.String),
    status_callback_url: nullable(Schema.String)
  }, Extra))
}, Extra)

/**
 * A decoded {@link SwmlScript}.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const id = (s: FabricScripts.SwmlScript) => s.id
 * ```
 * @since 0.2.0
 */
export type SwmlScript = typeof SwmlScript.Type

/**
 * The body of a SWML script create: its name and the SWML document (JSON or YAML text).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.CreateSwmlScript.Type = {
 *   name: "hello",
 *   contents: JSON.stringify({ version: "1.0.0", sections: { main: [{ play: { url: "say:Hello" } }] } })
 * }
 * ```
 * @since 0.2.0
 */
export const CreateSwmlScript = Schema.Struct({
  name: nonEmpty,
  contents: nonEmpty,
  status_callback_url: Schema.optional(Schema.String),
  status_callback_method: Schema.optional(Method)
})

/**
 * The body of a SWML script update (PUT).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.UpdateSwmlScript.Type = { contents: "version: 1.0.0" }
 * ```
 * @since 0.2.0
 */
export const UpdateSwmlScript = Schema.partial(CreateSwmlScript)

/**
 * A SWML or cXML webhook: `swml_webhook` / `cxml_webhook` with the primary and fallback URLs.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const url = (w: FabricScripts.Webhook) => w.swml_webhook?.primary_request_url ?? w.cxml_webhook?.primary_request_url
 * ```
 * @since 0.2.0
 */
export const Webhook = Schema.Struct({
  ...envelope,
  swml_webhook: nullable(Schema.Struct({ primary_request_url: nullable(Schema.String) }, Extra)),
  cxml_webhook: nullable(Schema.Struct({ primary_request_url: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link Webhook}.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const id = (w: FabricScripts.Webhook) => w.id
 * ```
 * @since 0.2.0
 */
export type Webhook = typeof Webhook.Type

const webhookFields = {
  name: Schema.optional(Schema.String),
  used_for: Schema.optional(Schema.Literal("calling", "messaging")),
  primary_request_method: Schema.optional(Method),
  fallback_request_url: Schema.optional(Schema.String),
  fallback_request_method: Schema.optional(Method),
  status_callback_url: Schema.optional(Schema.String),
  status_callback_method: Schema.optional(Method)
}

/**
 * The body of a webhook create (`primary_request_url` is required).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.CreateWebhook.Type = { primary_request_url: "https://example.com/swml" }
 * ```
 * @since 0.2.0
 */
export const CreateWebhook = Schema.Struct({ primary_request_url: nonEmpty, ...webhookFields })

/**
 * The body of a webhook update (PATCH).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.UpdateWebhook.Type = { fallback_request_url: "https://example.com/fallback" }
 * ```
 * @since 0.2.0
 */
export const UpdateWebhook = Schema.Struct({ primary_request_url: Schema.optional(nonEmpty), ...webhookFields })

/**
 * A cXML script: `cxml_script: { contents, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const xml = (s: FabricScripts.CxmlScript) => s.cxml_script?.contents
 * ```
 * @since 0.2.0
 */
export const CxmlScript = Schema.Struct({
  ...envelope,
  name: nullable(Schema.String),
  cxml_script: nullable(Schema.Struct({ contents: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link CxmlScript}.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const id = (s: FabricScripts.CxmlScript) => s.id
 * ```
 * @since 0.2.0
 */
export type CxmlScript = typeof CxmlScript.Type

/**
 * The body of a cXML script create.
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.CreateCxmlScript.Type = { display_name: "hello", contents: "<Response><Say>Hi</Say></Response>" }
 * ```
 * @since 0.2.0
 */
export const CreateCxmlScript = Schema.Struct({
  display_name: nonEmpty,
  contents: nonEmpty,
  status_callback_url: Schema.optional(Schema.String),
  status_callback_method: Schema.optional(Method)
})

/**
 * The body of a cXML script update (PUT).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.UpdateCxmlScript.Type = { contents: "<Response/>" }
 * ```
 * @since 0.2.0
 */
export const UpdateCxmlScript = Schema.partial(CreateCxmlScript)

/**
 * A cXML application: `cxml_application: { voice_url, sms_url, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const voice = (a: FabricScripts.CxmlApplication) => a.cxml_application?.voice_url
 * ```
 * @since 0.2.0
 */
export const CxmlApplication = Schema.Struct({
  ...envelope,
  cxml_application: nullable(Schema.Struct({ voice_url: nullable(Schema.String), sms_url: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link CxmlApplication}.
 *
 * @example
 * ```ts
 * import type { FabricScripts } from "@signalwire-effect/rest"
 *
 * const id = (a: FabricScripts.CxmlApplication) => a.id
 * ```
 * @since 0.2.0
 */
export type CxmlApplication = typeof CxmlApplication.Type

/**
 * The body of a cXML application update (PUT).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricScripts.UpdateCxmlApplication.Type = { voice_url: "https://example.com/voice.xml" }
 * ```
 * @since 0.2.0
 */
export const UpdateCxmlApplication = Schema.Struct({
  display_name: Schema.optional(Schema.String),
  account_sid: Schema.optional(Schema.String),
  voice_url: Schema.optional(Schema.String),
  voice_method: Schema.optional(Method),
  voice_fallback_url: Schema.optional(Schema.String),
  voice_fallback_method: Schema.optional(Method),
  status_callback: Schema.optional(Schema.String),
  status_callback_method: Schema.optional(Method),
  sms_url: Schema.optional(Schema.String),
  sms_method: Schema.optional(Method),
  sms_fallback_url: Schema.optional(Schema.String),
  sms_fallback_method: Schema.optional(Method),
  sms_status_callback: Schema.optional(Schema.String),
  sms_status_callback_method: Schema.optional(Method)
})

/**
 * The `fabric.swmlScripts` group (update = PUT).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * FabricScripts.swmlScriptsGroup.identifier // "fabric.swmlScripts"
 * ```
 * @since 0.2.0
 */
export const swmlScriptsGroup = resourceGroup("fabric.swmlScripts", "swml_scripts", SwmlScript, UpdateSwmlScript, { update: "PUT" })
  .add(createEndpoint("swml_scripts", CreateSwmlScript, SwmlScript, 200))

/**
 * The `fabric.swmlWebhooks` group (update = PATCH).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * FabricScripts.swmlWebhooksGroup.identifier // "fabric.swmlWebhooks"
 * ```
 * @since 0.2.0
 */
export const swmlWebhooksGroup = resourceGroup("fabric.swmlWebhooks", "swml_webhooks", Webhook, UpdateWebhook, { update: "PATCH" })
  .add(createEndpoint("swml_webhooks", CreateWebhook, Webhook, 201))

/**
 * The `fabric.cxmlScripts` group (update = PUT).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * FabricScripts.cxmlScriptsGroup.identifier // "fabric.cxmlScripts"
 * ```
 * @since 0.2.0
 */
export const cxmlScriptsGroup = resourceGroup("fabric.cxmlScripts", "cxml_scripts", CxmlScript, UpdateCxmlScript, { update: "PUT" })
  .add(createEndpoint("cxml_scripts", CreateCxmlScript, CxmlScript, 200))

/**
 * The `fabric.cxmlWebhooks` group (update = PATCH).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * FabricScripts.cxmlWebhooksGroup.identifier // "fabric.cxmlWebhooks"
 * ```
 * @since 0.2.0
 */
export const cxmlWebhooksGroup = resourceGroup("fabric.cxmlWebhooks", "cxml_webhooks", Webhook, UpdateWebhook, { update: "PATCH" })
  .add(createEndpoint("cxml_webhooks", CreateWebhook, Webhook, 201))

/**
 * The `fabric.cxmlApplications` group (update = PUT; no create on the platform).
 *
 * @example
 * ```ts
 * import { FabricScripts } from "@signalwire-effect/rest"
 *
 * FabricScripts.cxmlApplicationsGroup.identifier // "fabric.cxmlApplications"
 * ```
 * @since 0.2.0
 */
export const cxmlApplicationsGroup = resourceGroup(
  "fabric.cxmlApplications",
  "cxml_applications",
  CxmlApplication,
  UpdateCxmlApplication,
  { update: "PUT" }
)
