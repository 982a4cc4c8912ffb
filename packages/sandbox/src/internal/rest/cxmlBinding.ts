/**
 * The cXML an inbound call to a number of the project runs: its `VoiceUrl` (`laml_webhooks`),
 * its compat application's `voice_url` (`laml_application`), or the contents of the Fabric cXML
 * script it is bound to — with the number's (or application's) status callback and fallback URL.
 * And the Messaging cXML an inbound message to a number runs: its `SmsUrl` (`laml_webhooks`) or
 * its compat (or Fabric cXML) application's `sms_url`, with the `SmsFallbackUrl`.
 */
import type { StatusCallback } from "../calls/model.js"
import type { CxmlSource } from "../cxml/context.js"
import * as FabricState from "./fabricState.js"
import type { Collection, Json } from "./store.js"

/** What an inbound call to a number bound to cXML runs. */
export type CxmlBinding =
  | {
    readonly _tag: "Url"
    readonly url: string
    readonly method: "GET" | "POST"
    readonly statusCallback: StatusCallback | undefined
    /** `VoiceFallbackUrl` / `VoiceFallbackMethod` of the number (or of its application). */
    readonly fallback: { readonly url: string; readonly method: "GET" | "POST" } | undefined
    /** `VoiceReceiveMode` of the number: `fax`, its calls are faxes (Fax cXML). */
    readonly receiveMode: "voice" | "fax"
  }
  | { readonly _tag: "Text"; readonly text: string; readonly statusCallback: StatusCallback | undefined; readonly receiveMode: "voice" | "fax" }

const method = (value: unknown) => (typeof value === "string" && value.toUpperCase() === "GET" ? "GET" as const : "POST" as const)

/** What a number's binding is read from: its record, its Fabric resource, the compat applications. */
interface BindingEnv {
  readonly byNumber: (number: string) => Json | undefined
  readonly fabric: ReturnType<typeof FabricState.make>
  readonly applications: Collection
}

/** A fallback URL and its method, when the URL is set. */
const fallbackOf = (url: unknown, how: unknown) => (typeof url === "string" ? { url, method: method(how) } : undefined)

export const make = (env: BindingEnv) =>
(to: string): CxmlBinding | undefined => {
  const n = env.byNumber(to)
  const binding = env.fabric.bindingOf(to)
  if (n === undefined || binding === undefined) return undefined
  const receiveMode = n.call_receive_mode === "fax" ? "fax" as const : "voice" as const
  const statusCallback = typeof n.call_status_callback_url === "string"
    ? { url: n.call_status_callback_url, method: method(n.call_status_callback_method), events: ["completed" as const] }
    : undefined
  if (binding.callHandler === "laml_webhooks" && typeof n.call_request_url === "string") {
    const fallback = fallbackOf(n.call_fallback_url, n.call_fallback_method)
    return { _tag: "Url", url: n.call_request_url, method: method(n.call_request_method), statusCallback, fallback, receiveMode }
  }
  if (binding.callHandler === "laml_application" && typeof n.call_laml_application_id === "string") {
    const app = env.applications.get(n.call_laml_application_id)
    if (typeof app?.voice_url === "string") {
      const callback = typeof app.status_callback === "string"
        ? { url: app.status_callback, method: method(app.status_callback_method), events: ["completed" as const] }
        : statusCallback
      const fallback = fallbackOf(app.voice_fallback_url, app.voice_fallback_method)
      return { _tag: "Url", url: app.voice_url, method: method(app.voice_method), statusCallback: callback, fallback, receiveMode }
    }
  }
  const script = binding.resource?.type === "cxml_script" ? env.fabric.fieldsOf(binding.resource, FabricState.TYPES.cxmlScripts).contents : undefined
  return typeof script === "string" ? { _tag: "Text", text: script, statusCallback, receiveMode } : undefined
}

/** The Messaging cXML an inbound message to `to` runs; `undefined` when its messages are not bound to cXML. */
export const makeSms = (env: BindingEnv) =>
(to: string): CxmlSource | undefined => {
  const n = env.byNumber(to)
  const source = (url: unknown, how: unknown, fallback: unknown, fallbackMethod: unknown): CxmlSource | undefined =>
    typeof url === "string"
      ? { _tag: "Url", url, method: method(how), fallback: fallbackOf(fallback, fallbackMethod) }
      : undefined
  if (n?.message_handler === "laml_webhooks") {
    return source(n.message_request_url, n.message_request_method, n.message_fallback_url, n.message_fallback_method)
  }
  if (n?.message_handler === "laml_application" && typeof n.message_laml_application_id === "string") {
    const id = n.message_laml_application_id
    const fabric = env.fabric.ofType(FabricState.TYPES.cxmlApplications, id)
    const app = env.applications.get(id) ?? (fabric === undefined ? undefined : env.fabric.fieldsOf(fabric, FabricState.TYPES.cxmlApplications))
    return app === undefined ? undefined : source(app.sms_url, app.sms_method, app.sms_fallback_url, app.sms_fallback_method)
  }
  return undefined
}
