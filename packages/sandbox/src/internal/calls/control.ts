/**
 * Call control (§9.2, §9.3, §9.5, §9.12): answer, end, pass, transfer, refer, hold, denoise,
 * echo, user events, sending digits and digit bindings.
 */
import * as W from "../wire.js"
import type { SimSession } from "../sim.js"
import type { Core } from "./core.js"
import { actionIds, controlIdParam, type JsonObject, type Methods, ok, paramsOf, simple, str } from "./model.js"

export const make = <S extends SimSession>(core: Core<S>): Methods<S> => {
  const { endCall, event, notify } = core
  return [
    ["calling.answer", {
      params: { codecs: W.opt(W.arrayOf(W.string)), max_duration: W.opt(W.nonNegative) },
      run: (call) => {
        if (call.direction === "inbound" && (call.state === "created" || call.state === "ringing")) {
          return ok("Answered", { call_id: call.callId }, () => core.answered(call))
        }
        return ok("Answered", { call_id: call.callId })
      }
    }],
    ["calling.end", {
      params: { reason: W.opt(W.string) },
      run: (call, p) => ok("Disconnecting call", { call_id: call.callId }, () => endCall(call, str(p.reason) ?? "hangup"))
    }],
    ["calling.pass", simple("Passing call", {}, (call) => {
      const next = call.context === undefined
        ? undefined
        : core.receivers(call.context).find((s) => !call.offeredTo.has(s))
      if (next === undefined) endCall(call, "noAnswer")
      else core.offer(call, next)
    })],
    ["calling.transfer", simple("Transferring", { dest: W.req(W.nonEmpty) }, (call, p) => {
      call.session = undefined
      notify(call)
      // A URL or an inline SWML document: the sandbox runs it on the call.
      core.transferTo(call, p.dest as string)
    })],
    ["calling.refer", simple("Starting SIP REFER", { device: W.req(W.referDevice), status_url: W.opt(W.string) }, (call, p) => {
      event(call, "calling.call.refer", {
        state: "success",
        sip_refer_to: str(paramsOf(p.device as JsonObject).to) ?? "",
        sip_refer_response_code: "202",
        sip_notify_response_code: "200"
      })
    })],

    ["calling.send_digits", {
      params: { ...controlIdParam, digits: W.req(W.dtmf) },
      run: (call, p) =>
        ok("Sending Digits", actionIds(call, p.control_id as string), () =>
          event(call, "calling.call.send_digits", { control_id: p.control_id, state: "finished" }))
    }],
    ["calling.bind_digit", {
      params: {
        digits: W.req(W.dtmf),
        bind_method: W.req(W.pattern(/^calling\.\S+$/, "a calling.* method")),
        params: W.opt(W.object),
        realm: W.opt(W.string),
        max_triggers: W.opt(W.nonNegativeInt)
      },
      run: (call, p) =>
        ok("Digit binding created", { call_id: call.callId }, () => {
          call.bindings.push({
            digits: p.digits as string,
            method: p.bind_method as string,
            params: W.isObject(p.params) ? p.params : {},
            realm: str(p.realm),
            maxTriggers: typeof p.max_triggers === "number" ? p.max_triggers : 0,
            triggers: 0
          })
        })
    }],
    ["calling.clear_digit_bindings", simple("Digit bindings cleared", { realm: W.opt(W.string) }, (call, p) => {
      const realm = str(p.realm)
      call.bindings = realm === undefined ? [] : call.bindings.filter((b) => b.realm !== realm)
    })],

    ["calling.hold", simple("Call on hold", {}, (call) => event(call, "calling.call.hold", { state: "hold" }))],
    ["calling.unhold", simple("Call off hold", {}, (call) => event(call, "calling.call.hold", { state: "unhold" }))],
    ["calling.denoise", simple("Denoiser on", {}, (call) => event(call, "calling.call.denoise", { denoised: true }))],
    ["calling.denoise.stop", simple("Denoiser off", {}, (call) => event(call, "calling.call.denoise", { denoised: false }))],
    ["calling.echo", simple("Echo started", { timeout: W.opt(W.nonNegative), status_url: W.opt(W.string) }, (call) =>
      event(call, "calling.call.echo", { state: "echoing" }))],
    ["calling.user_event", simple("Event sent")]
  ]
}
