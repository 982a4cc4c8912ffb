/**
 * The reply a SWAIG tool sends back to SignalWire: `response` (what the model reads next),
 * `action` (what the platform does on the call) and `post_process` (speak first, then act).
 * Immutable and pipeable; every action helper is dual:
 *
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Transferring you now").pipe(FunctionResult.connect("+15551234567"))
 * ```
 *
 * Helpers render the wire shapes SignalWire documents: booleans and numbers stay booleans and
 * numbers (never `"true"`/`"5"`), `playback_bg` and `context_switch` use their object forms, and
 * `join_conference` is always an object.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { decodeWith, jsonSchemaOf } from "./internal/codec.js"
import type { Json } from "./internal/codec.js"
import type * as D from "./internal/document.js"
import * as internal from "./internal/functionResult.js"
import { action, defined, doc, op, verb, withAction } from "./internal/functionResult.js"
import * as R from "./internal/reply.js"
import type { SwmlDecodeError } from "./SwmlError.js"

/**
 * A reply under construction.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * const result: FunctionResult.FunctionResult = FunctionResult.make("Done")
 * ```
 * @since 0.1.0
 */
export type FunctionResult = internal.FunctionResult

/**
 * One wire action (`{ say: "…" }`, `{ SWML: {…}, transfer: true }`, …).
 *
 * @example
 * ```ts
 * import type { FunctionResult } from "@signalwire-effect/swml"
 *
 * const action: FunctionResult.Action = { set_global_data: { tier: "gold" } }
 * ```
 * @since 0.1.0
 */
export type Action = R.ToolAction

/**
 * The SWML document an action carries: calling verbs, plus `execute_rpc`.
 *
 * @example
 * ```ts
 * import type { FunctionResult } from "@signalwire-effect/swml"
 *
 * const swml: FunctionResult.ReplyDocument = { sections: { main: [{ hangup: {} }] } }
 * ```
 * @since 0.1.0
 */
export type ReplyDocument = R.ReplyDocument

/**
 * The reply as JSON: `{ response?, action?, post_process? }`.
 *
 * @example
 * ```ts
 * import type { FunctionResult } from "@signalwire-effect/swml"
 *
 * const reply: FunctionResult.Reply = { response: "The weather is sunny" }
 * ```
 * @since 0.1.0
 */
export type Reply = R.Reply

/**
 * The reply schema (strict, like {@link jsonSchema}).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(FunctionResult.Reply)({ response: "ok", action: [{ hangup: true }] }) // true
 * ```
 * @since 0.1.0
 */
export const Reply: Schema.Schema<Reply> = R.Reply

/**
 * A new reply; `postProcess` lets the model speak before the actions run.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * const result = FunctionResult.make("Tell the caller the order shipped", { postProcess: true })
 * ```
 * @since 0.1.0
 */
export const make = (response = "", options?: { readonly postProcess?: boolean }): FunctionResult =>
  internal.make({ response, actions: [], postProcess: options?.postProcess ?? false })

/**
 * Is this a FunctionResult?
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.isFunctionResult(FunctionResult.make()) // true
 * ```
 * @since 0.1.0
 */
export const isFunctionResult: (u: unknown) => u is FunctionResult = internal.isFunctionResult

/**
 * Replace the text the model reads.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.setResponse("Booked for 7pm"))
 * ```
 * @since 0.1.0
 */
export const setResponse = op((self: FunctionResult, response: string) =>
  internal.make({ response, actions: self.actions, postProcess: self.postProcess })
)

/**
 * Structured response: what happened (`tool_result`) and what to say next (`tool_prompt`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.setToolResponse({ toolResult: "booked", toolPrompt: "Confirm the time" }))
 * ```
 * @since 0.1.0
 */
export const setToolResponse = op((
  self: FunctionResult,
  response: { readonly toolResult?: string; readonly toolPrompt?: string }
) =>
  internal.make({
    response: defined({ tool_result: response.toolResult, tool_prompt: response.toolPrompt }),
    actions: self.actions,
    postProcess: self.postProcess
  })
)

/**
 * Let the model take one more turn before the actions run (`post_process`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Goodbye").pipe(FunctionResult.hangup(), FunctionResult.setPostProcess(true))
 * ```
 * @since 0.1.0
 */
export const setPostProcess = op((self: FunctionResult, postProcess: boolean) =>
  internal.make({ response: self.response, actions: self.actions, postProcess })
)

/**
 * Append any wire action.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.addAction({ back_to_back_functions: true }))
 * ```
 * @since 0.1.0
 */
export const addAction = op((self: FunctionResult, action: Action) => withAction(self, action))

/**
 * Append several wire actions.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.addActions([{ say: "One moment" }, { stop: true }]))
 * ```
 * @since 0.1.0
 */
export const addActions = op((self: FunctionResult, actions: ReadonlyArray<Action>) =>
  actions.reduce(withAction, self)
)

/**
 * The reply JSON SignalWire expects. An empty reply answers `{"response": "Action completed."}`;
 * `post_process` is sent only when it is on and there are actions.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.toJson(FunctionResult.make("Hi").pipe(FunctionResult.say("Hello"))) // { response: "Hi", action: [{ say: "Hello" }] }
 * ```
 * @since 0.1.0
 */
export const toJson = (self: FunctionResult): Reply => {
  const hasResponse = typeof self.response === "string" ? self.response !== "" : true
  const reply: Reply = {
    ...(hasResponse ? { response: self.response } : {}),
    ...(self.actions.length > 0 ? { action: self.actions } : {}),
    ...(self.postProcess && self.actions.length > 0 ? { post_process: true } : {})
  }
  return Object.keys(reply).length === 0 ? { response: "Action completed." } : reply
}

/**
 * Check a reply (typically one received or built by hand) against the reply schema.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.decodeReply({ response: "ok", action: { hangup: true } })
 * ```
 * @since 0.1.0
 */
export const decodeReply: (input: unknown) => Either.Either<Reply, SwmlDecodeError> = decodeWith(R.Reply)

/**
 * The JSON Schema (2020-12) of a tool reply, generated from {@link Reply}.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * const schema = FunctionResult.jsonSchema()
 * ```
 * @since 0.1.0
 */
export const jsonSchema = (): Json => jsonSchemaOf(R.Reply, "urn:signalwire-effect:swml:tool-reply", "SWAIG tool reply")

// ---------------------------------------------------------------------------------------------
// Call control
// ---------------------------------------------------------------------------------------------

/**
 * Connect the call to a number or SIP address. `final` (default true) leaves the agent for good;
 * `final: false` comes back to it when the far end hangs up.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Transferring").pipe(FunctionResult.connect("+15551234567", { from: "+15557654321" }))
 * ```
 * @since 0.1.0
 */
export const connect = action((to: string, options?: { readonly final?: boolean; readonly from?: string }) => ({
  SWML: doc(verb({ connect: defined({ to, from: options?.from }) })),
  transfer: options?.final ?? true
}))

/**
 * Transfer to a section or URL, first storing `aiResponse` (what the agent says if it comes back).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.swmlTransfer("https://example.com/sales.json", "The caller is back"))
 * ```
 * @since 0.1.0
 */
export const swmlTransfer = action((dest: string, aiResponse: string, options?: { readonly final?: boolean }) => ({
  SWML: doc(verb({ set: { ai_response: aiResponse } }), verb({ transfer: { dest } })),
  transfer: options?.final ?? true
}))

/**
 * Run a SWML document; `transfer: true` hands the call over to it for good.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.executeSwml({ sections: { main: [{ play: { url: "say:Bye" } }] } }))
 * ```
 * @since 0.1.0
 */
export const executeSwml = action((swml: ReplyDocument, options?: { readonly transfer?: boolean }) =>
  options?.transfer === true ? { SWML: swml, transfer: true } : { SWML: swml }
)

/**
 * End the call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make("Goodbye").pipe(FunctionResult.hangup())
 * ```
 * @since 0.1.0
 */
export const hangup = action(() => ({ hangup: true }))

/**
 * Put the caller on hold (seconds, clamped to 0–900, default 300). With `prompt`, the model is
 * told the caller is on hold and what to say, before the hold starts.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.hold({ timeout: 120, prompt: "Tell the caller you'll be right back" }))
 * ```
 * @since 0.1.0
 */
export const hold = op((self: FunctionResult, options?: { readonly timeout?: number; readonly prompt?: string }) => {
  const timeout = Math.max(0, Math.min(900, Math.trunc(options?.timeout ?? 300)))
  const base = options?.prompt === undefined ? self : internal.make({
    response: { tool_result: "status: on hold", tool_prompt: options.prompt },
    actions: self.actions,
    postProcess: true
  })
  return withAction(base, { hold: timeout })
})

/**
 * Stop the agent.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.stop())
 * ```
 * @since 0.1.0
 */
export const stop = action(() => ({ stop: true }))

/**
 * Wait for the caller to speak: `answerFirst`, else `timeout` (seconds), else `enabled`, else true.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.waitForUser({ timeout: 30 }))
 * ```
 * @since 0.1.0
 */
export const waitForUser = action((options?: {
  readonly enabled?: boolean
  readonly timeout?: number
  readonly answerFirst?: boolean
}) => ({
  wait_for_user: options?.answerFirst === true ? "answer_first" : options?.timeout ?? options?.enabled ?? true
}))

/**
 * Say a sentence verbatim.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.say("Please hold"))
 * ```
 * @since 0.1.0
 */
export const say = action((text: string) => ({ say: text }))

/**
 * Play an audio file in the background; `wait` holds the conversation until it ends.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.playBackgroundFile("https://example.com/music.mp3", { wait: true }))
 * ```
 * @since 0.1.0
 */
export const playBackgroundFile = action((file: string, options?: { readonly wait?: boolean }) => ({
  playback_bg: options?.wait === true ? { file, wait: true } : { file }
}))

/**
 * Stop the background audio.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.stopBackgroundFile())
 * ```
 * @since 0.1.0
 */
export const stopBackgroundFile = action(() => ({ stop_playback_bg: true }))

/**
 * The verb configuration types the SWML helpers take (snake_case, as on the wire).
 *
 * @example
 * ```ts
 * import type { FunctionResult } from "@signalwire-effect/swml"
 *
 * const tap: FunctionResult.VerbConfig<"tap"> = { uri: "wss://example.com/tap" }
 * ```
 * @since 0.1.0
 */
export type VerbConfig<K extends keyof D.Verbs> = D.Verbs[K]

export {
  /**
   * SWML helpers: SMS, recording, tapping, rooms, conferences, SIP REFER, payments, user events.
   *
   * @since 0.1.0
   */
  createPaymentAction,
  /** @since 0.1.0 */
  createPaymentParameter,
  /** @since 0.1.0 */
  createPaymentPrompt,
  /** @since 0.1.0 */
  executeRpc,
  /** @since 0.1.0 */
  joinConference,
  /** @since 0.1.0 */
  joinRoom,
  /** @since 0.1.0 */
  pay,
  /** @since 0.1.0 */
  recordCall,
  /** @since 0.1.0 */
  rpcAiGlobalData,
  /** @since 0.1.0 */
  rpcAiMessage,
  /** @since 0.1.0 */
  rpcAiUnhold,
  /** @since 0.1.0 */
  rpcDial,
  /** @since 0.1.0 */
  sendSms,
  /** @since 0.1.0 */
  sipRefer,
  /** @since 0.1.0 */
  stopRecordCall,
  /** @since 0.1.0 */
  stopTap,
  /** @since 0.1.0 */
  swmlUserEvent,
  /** @since 0.1.0 */
  tap
} from "./internal/swmlActions.js"

export {
  /**
   * Conversation helpers: global data, metadata, hints, timeouts, settings, contexts, steps.
   *
   * @since 0.1.0
   */
  addDynamicHints,
  /** @since 0.1.0 */
  clearDynamicHints,
  /** @since 0.1.0 */
  enableExtensiveData,
  /** @since 0.1.0 */
  enableFunctionsOnTimeout,
  /** @since 0.1.0 */
  removeGlobalData,
  /** @since 0.1.0 */
  removeMetadata,
  /** @since 0.1.0 */
  replaceInHistory,
  /** @since 0.1.0 */
  setEndOfSpeechTimeout,
  /** @since 0.1.0 */
  setMetadata,
  /** @since 0.1.0 */
  setSpeechEventTimeout,
  /** @since 0.1.0 */
  simulateUserInput,
  /** @since 0.1.0 */
  swmlChangeContext,
  /** @since 0.1.0 */
  swmlChangeStep,
  /** @since 0.1.0 */
  switchContext,
  /** @since 0.1.0 */
  toggleFunctions,
  /** @since 0.1.0 */
  updateGlobalData,
  /** @since 0.1.0 */
  updateSettings
} from "./internal/conversationActions.js"
