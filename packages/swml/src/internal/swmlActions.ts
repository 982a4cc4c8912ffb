/**
 * FunctionResult helpers that run SWML on the call (re-exported by `FunctionResult`). Each takes
 * the verb's own configuration type, so the options are exactly the schema's.
 */
import type { Verbs } from "./document.js"
import { action, defined, doc, verb } from "./functionResult.js"
import type { ReplyInstruction } from "./reply.js"

/**
 * Send a text or media message during the call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Texting you the link").pipe(
 *   FunctionResult.sendSms({ to_number: "+15551234567", from_number: "+15557654321", body: "https://example.com" })
 * )
 * ```
 * @since 0.1.0
 */
export const sendSms = action((sms: Verbs["send_sms"]) => ({ SWML: doc(verb({ send_sms: sms })) }))

/**
 * Start recording the call in the background.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.recordCall({ control_id: "rec-1", stereo: true, format: "mp3" }))
 * ```
 * @since 0.1.0
 */
export const recordCall = action((options: Verbs["record_call"] = {}) => ({
  SWML: doc(verb({ record_call: options }))
}))

/**
 * Stop a background recording (the latest one without `controlId`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.stopRecordCall("rec-1"))
 * ```
 * @since 0.1.0
 */
export const stopRecordCall = action((controlId?: string) => ({
  SWML: doc(verb({ stop_record_call: defined({ control_id: controlId }) }))
}))

/**
 * Stream the call's audio to an RTP or WebSocket endpoint.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.tap({ uri: "wss://example.com/tap", direction: "both" }))
 * ```
 * @since 0.1.0
 */
export const tap = action((options: Verbs["tap"]) => ({ SWML: doc(verb({ tap: options })) }))

/**
 * Stop a tap (the latest one without `controlId`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.stopTap())
 * ```
 * @since 0.1.0
 */
export const stopTap = action((controlId?: string) => ({
  SWML: doc(verb({ stop_tap: defined({ control_id: controlId }) }))
}))

/**
 * Move the call into a video/audio room.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.joinRoom("standup"))
 * ```
 * @since 0.1.0
 */
export const joinRoom = action((name: string) => ({ SWML: doc(verb({ join_room: { name } })) }))

/**
 * Transfer a SIP call with a SIP REFER.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.sipRefer("sip:support@example.com"))
 * ```
 * @since 0.1.0
 */
export const sipRefer = action((toUri: string) => ({ SWML: doc(verb({ sip_refer: { to_uri: toUri } })) }))

/**
 * Put the caller into a conference (always the object form the schema requires).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.joinConference("team", { muted: true, beep: "onEnter" }))
 * ```
 * @since 0.1.0
 */
export const joinConference = action((name: string, options: Omit<Verbs["join_conference"], "name"> = {}) => ({
  SWML: doc(verb({ join_conference: { name, ...options } }))
}))

/**
 * Send a user event to the connected client (e.g. a browser SDK).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.swmlUserEvent({ type: "cart_updated", items: 3 }))
 * ```
 * @since 0.1.0
 */
export const swmlUserEvent = action((event: { readonly [key: string]: unknown }) => ({
  SWML: doc(verb({ user_event: { event } }))
}))

/**
 * Run a RELAY method on a call through `execute_rpc`.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.executeRpc({ method: "ai_unhold", callId: "c-1" }))
 * ```
 * @since 0.1.0
 */
export const executeRpc = action((rpc: {
  readonly method: string
  readonly params?: { readonly [key: string]: unknown }
  readonly callId?: string
  readonly nodeId?: string
}) => ({ SWML: doc(rpcInstruction(rpc)) }))

const rpcInstruction = (rpc: {
  readonly method: string
  readonly params?: { readonly [key: string]: unknown }
  readonly callId?: string
  readonly nodeId?: string
}): ReplyInstruction => ({
  execute_rpc: defined({ method: rpc.method, call_id: rpc.callId, node_id: rpc.nodeId, params: rpc.params })
})

/**
 * Dial out and run `destSwml` (a URL or inline SWML) on the new call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(
 *   FunctionResult.rpcDial({ toNumber: "+15551234567", fromNumber: "+15557654321", destSwml: "https://example.com/agent" })
 * )
 * ```
 * @since 0.1.0
 */
export const rpcDial = action((options: {
  readonly toNumber: string
  readonly fromNumber: string
  readonly destSwml: string
  readonly deviceType?: string
}) => ({
  SWML: doc(rpcInstruction({
    method: "dial",
    params: {
      devices: {
        type: options.deviceType ?? "phone",
        params: { to_number: options.toNumber, from_number: options.fromNumber }
      },
      dest_swml: options.destSwml
    }
  }))
}))

/**
 * Inject a message (and/or global data) into the AI conversation of another call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.rpcAiMessage({ callId: "c-1", messageText: "The customer paid" }))
 * ```
 * @since 0.1.0
 */
export const rpcAiMessage = action((options:
  & { readonly callId: string; readonly role?: string }
  & (
    | { readonly messageText: string; readonly globalData?: { readonly [key: string]: unknown } }
    | { readonly messageText?: string; readonly globalData: { readonly [key: string]: unknown } }
  )) => ({
    SWML: doc(rpcInstruction({
      method: "ai_message",
      callId: options.callId,
      params: {
        ...(options.messageText === undefined ? {} : { role: options.role ?? "system", message_text: options.messageText }),
        ...(options.globalData === undefined ? {} : { global_data: options.globalData })
      }
    }))
  }))

/**
 * Merge global data into the AI conversation of another call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.rpcAiGlobalData("c-1", { paid: true }))
 * ```
 * @since 0.1.0
 */
export const rpcAiGlobalData = action((callId: string, data: { readonly [key: string]: unknown }) => ({
  SWML: doc(rpcInstruction({ method: "ai_message", callId, params: { global_data: data } }))
}))

/**
 * Take another call's AI off hold.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.rpcAiUnhold("c-1"))
 * ```
 * @since 0.1.0
 */
export const rpcAiUnhold = action((callId: string) => ({
  SWML: doc(rpcInstruction({ method: "ai_unhold", callId, params: {} }))
}))

const defaultPayResponse =
  "The payment status is ${pay_result}, do not mention anything else about collecting payment if successful."

/**
 * Collect a card payment with the `pay` verb. `aiResponse` (stored as `ai_response`) is what the
 * agent is told afterwards; by default it reports `${pay_result}`.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Collecting payment").pipe(
 *   FunctionResult.pay({ payment_connector_url: "https://example.com/pay", charge_amount: "10.00", max_attempts: 3 })
 * )
 * ```
 * @since 0.1.0
 */
export const pay = action((payment: Verbs["pay"], options?: { readonly aiResponse?: string }) => ({
  SWML: doc(verb({ set: { ai_response: options?.aiResponse ?? defaultPayResponse } }), verb({ pay: payment }))
}))

/**
 * One prompt of a `pay` verb: what to play or say for a situation (`for`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.createPaymentPrompt("payment-card-number", [FunctionResult.createPaymentAction("Say", "Enter your card")])
 * ```
 * @since 0.1.0
 */
export const createPaymentPrompt = (
  situation: string,
  actions: Verbs["pay"] extends { readonly prompts?: ReadonlyArray<infer P> } ? P extends { readonly actions: infer A } ? A
    : never
    : never,
  options?: { readonly cardType?: string; readonly errorType?: string }
) => defined({ for: situation, actions, card_type: options?.cardType, error_type: options?.errorType })

/**
 * One action of a payment prompt: `Say` a phrase or `Play` a URL.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.createPaymentAction("Play", "https://example.com/enter-card.mp3")
 * ```
 * @since 0.1.0
 */
export const createPaymentAction = (type: "Say" | "Play", phrase: string) =>
  type === "Say" ? { type, phrase } as const : { type, phrase } as const

/**
 * A `pay` parameter passed to the payment connector.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.createPaymentParameter("customer_id", "c-42")
 * ```
 * @since 0.1.0
 */
export const createPaymentParameter = (name: string, value: string) => ({ name, value })
