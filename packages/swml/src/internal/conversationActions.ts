/**
 * FunctionResult helpers that steer the conversation (re-exported by `FunctionResult`).
 */
import type { ToolAction } from "./reply.js"
import { action, defined } from "./functionResult.js"

/**
 * Merge keys into the call's `global_data` (needs `swaig_set_global_data`, on by default).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.updateGlobalData({ order_id: "A-17" }))
 * ```
 * @since 0.1.0
 */
export const updateGlobalData = action((data: { readonly [key: string]: unknown }) => ({ set_global_data: data }))

/**
 * Remove one key or several keys from `global_data`.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.removeGlobalData(["order_id", "step"]))
 * ```
 * @since 0.1.0
 */
export const removeGlobalData = action((keys: string | ReadonlyArray<string>) => ({ unset_global_data: keys }))

/**
 * Merge keys into this function's `meta_data` (shared by the functions with the same token).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.setMetadata({ attempts: 2 }))
 * ```
 * @since 0.1.0
 */
export const setMetadata = action((data: { readonly [key: string]: unknown }) => ({ set_meta_data: data }))

/**
 * Remove one key or several keys from `meta_data`.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.removeMetadata("attempts"))
 * ```
 * @since 0.1.0
 */
export const removeMetadata = action((keys: string | ReadonlyArray<string>) => ({ unset_meta_data: keys }))

/**
 * Add speech-recognition hints for the rest of the call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.addDynamicHints(["SignalWire", { pattern: "cab", replace: "cabinet" }]))
 * ```
 * @since 0.1.0
 */
export const addDynamicHints = action((
  hints: ReadonlyArray<string | { readonly pattern: string; readonly replace: string; readonly ignore_case?: boolean }>
): ToolAction => ({ add_dynamic_hints: hints }))

/**
 * Forget the hints added during the call.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.clearDynamicHints())
 * ```
 * @since 0.1.0
 */
export const clearDynamicHints = action(() => ({ clear_dynamic_hints: {} }))

/**
 * Change how long a silence ends the caller's utterance (milliseconds).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.setEndOfSpeechTimeout(1200))
 * ```
 * @since 0.1.0
 */
export const setEndOfSpeechTimeout = action((milliseconds: number) => ({ end_of_speech_timeout: milliseconds }))

/**
 * Change the speech-event timeout (milliseconds).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.setSpeechEventTimeout(3000))
 * ```
 * @since 0.1.0
 */
export const setSpeechEventTimeout = action((milliseconds: number) => ({ speech_event_timeout: milliseconds }))

/**
 * Jump to a step of the current context (ignores `valid_steps`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.swmlChangeStep("confirm_order"))
 * ```
 * @since 0.1.0
 */
export const swmlChangeStep = action((step: string) => ({ change_step: step }))

/**
 * Jump to another context (ignores `valid_contexts`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.swmlChangeContext("billing"))
 * ```
 * @since 0.1.0
 */
export const swmlChangeContext = action((context: string) => ({ change_context: context }))

/**
 * Replace the system prompt (optionally with a user message, optionally summarising the
 * conversation so far with `consolidate`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.switchContext({ systemPrompt: "You are a billing expert", consolidate: true }))
 * ```
 * @since 0.1.0
 */
export const switchContext = action((options: {
  readonly systemPrompt: string
  readonly userPrompt?: string
  readonly consolidate?: boolean
}) => ({
  context_switch: defined({
    system_prompt: options.systemPrompt,
    user_prompt: options.userPrompt,
    consolidate: options.consolidate === true ? true : undefined
  })
}))

/**
 * Turn functions on or off (those sharing this function's `meta_data_token`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.toggleFunctions([{ function: "refund", active: false }]))
 * ```
 * @since 0.1.0
 */
export const toggleFunctions = action((
  toggles: ReadonlyArray<{ readonly function: string | ReadonlyArray<string>; readonly active: boolean }>
) => ({ toggle_functions: toggles.map((toggle) => ({ active: toggle.active, function: toggle.function })) }))

/**
 * Let the model call functions when the caller stays silent.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.enableFunctionsOnTimeout())
 * ```
 * @since 0.1.0
 */
export const enableFunctionsOnTimeout = action((enabled: boolean = true) => ({ functions_on_speaker_timeout: enabled }))

/**
 * Change AI settings for the rest of the call (needs `swaig_allow_settings`).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.updateSettings({ temperature: 0.2, "max-tokens": 100 }))
 * ```
 * @since 0.1.0
 */
export const updateSettings = action((settings: { readonly [key: string]: unknown }) => ({ settings }))

/**
 * Inject text as if the caller had said it.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.simulateUserInput("I'd like to talk to sales"))
 * ```
 * @since 0.1.0
 */
export const simulateUserInput = action((text: string) => ({ user_input: text }))

/**
 * Send the full data of the function to the model once (then a summary).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.enableExtensiveData())
 * ```
 * @since 0.1.0
 */
export const enableExtensiveData = action((enabled: boolean = true) => ({ extensive_data: enabled }))

/**
 * Replace this tool call in the conversation history (`true`: with the response text).
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/swml"
 *
 * FunctionResult.make().pipe(FunctionResult.replaceInHistory("Looked up the order."))
 * ```
 * @since 0.1.0
 */
export const replaceInHistory = action((text: string | boolean = true) => ({ replace_in_history: text }))
