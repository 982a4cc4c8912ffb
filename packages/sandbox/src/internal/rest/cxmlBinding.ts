/**
 * The cXML an inbound call to a number of the project runs: its `VoiceUrl` (`laml_webhooks`),
 * its compat application's `voice_url` (`laml_application`), or the contents of the Fabric cXML
 * script it is bound to — with the number's (or application's) status callback and fallback URL.
 */
import type { StatusCallback } from "../calls/model.js"
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

export const make = (env: {
  readonly byNumber: (number: string) => Json | undefined
  readonly fabric: ReturnType<typeof FabricState.make>
  readonly applications: Collection
}) =>
(to: string): CxmlBinding | undefined => {
  const n = env.byNumber(to)
  const binding = env.fabric.bindingOf(to)
  if (n === undefined || binding === undefined) return undefined
  const receiveMode = n.call_receive_mode === "fax" ? "fax" as const : "voice" as const
  const statusCallback = typeof n.call_status_callback_url === "string"
    ? { url: n.call_status_callback_url, method: method(n.call_status_callback_method), events: ["completed" as const] }
    : undefined
  if (binding.callHandler === "laml_webhooks" && typeof n.call_request_url === "string") {
    const fallback = typeof n.call_fallback_url === "string" ? { url: n.call_fallback_url, method: method(n.call_fallback_method) } : undefined
    return { _tag: "Url", url: n.call_request_url, method: method(n.call_request_method), statusCallback, fallback, receiveMode }
  }
  if (binding.callHandler === "laml_application" && typeof n.call_laml_application_id === "string") {
    const app = env.applications.get(n.call_laml_application_id)
    if (typeof app?.voice_url === "string") {
      const callback = typeof app.status_callback === "string"
        ? { url: app.status_callback, method: method(app.status_callback_method), events: ["completed" as const] }
        : statusCallback
      const fallback = typeof app.voice_fallback_url === "string" ? { url: app.voice_fallback_url, method: method(app.voice_fallback_method) } : undefined
      return { _tag: "Url", url: app.voice_url, method: method(app.voice_method), statusCallback: callback, fallback, receiveMode }
    }
  }
  const script = binding.resource?.type === "cxml_script" ? env.fabric.fieldsOf(binding.resource, FabricState.TYPES.cxmlScripts).contents : undefined
  return typeof script === "string" ? { _tag: "Text", text: script, statusCallback, receiveMode } : undefined
}
