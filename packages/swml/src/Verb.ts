/**
 * Instructions, one per verb: `Verb.make("play", { url: "say:Hi" })` for any of the 43 verbs, and
 * short constructors for the common ones. Each is typed by the verb's schema.
 *
 * @since 0.1.0
 */
import type { Instruction, Verbs } from "./internal/document.js"

/**
 * The instruction for any verb, typed by its name.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * const step = Verb.make("detect_machine", { detectors: "amd", wait: false })
 * ```
 * @since 0.1.0
 */
export const make = <K extends keyof Verbs>(name: K, config: Verbs[K]): Instruction =>
  // A computed key widens to an index signature; the name/config pair is exactly one union member.
  ({ [name]: config }) as { readonly [P in K]: Verbs[K] } as Instruction

/**
 * `answer` (optionally with `max_duration`, `codecs`, SIP credentials).
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.answer({ max_duration: 3600 })
 * ```
 * @since 0.1.0
 */
export const answer = (config: Verbs["answer"] = {}): Instruction => ({ answer: config })

/**
 * `hangup`, optionally with a reason.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.hangup({ reason: "busy" })
 * ```
 * @since 0.1.0
 */
export const hangup = (config: Verbs["hangup"] = {}): Instruction => ({ hangup: config })

/**
 * `play` a URL (`http(s)://…`, `say:…`, `silence:…`, `ring:…`) or a list of them.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.play({ urls: ["silence:1.0", "https://example.com/welcome.mp3"] })
 * ```
 * @since 0.1.0
 */
export const play = (config: Verbs["play"]): Instruction => ({ play: config })

/**
 * Text to speech: `play` with `say:<text>` and the `say_*` voice options.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.say("Welcome to SignalWire", { say_voice: "gcloud.en-US-Neural2-A" })
 * ```
 * @since 0.1.0
 */
export const say = (
  text: string,
  options: Omit<Extract<Verbs["play"], { readonly url: string }>, "url"> = {}
): Instruction => ({ play: { ...options, url: `say:${text}` } })

/**
 * `prompt`: play something and collect digits or speech.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.prompt({ play: "say:Press 1 for sales", max_digits: 1, terminators: "#" })
 * ```
 * @since 0.1.0
 */
export const prompt = (config: Verbs["prompt"]): Instruction => ({ prompt: config })

/**
 * `connect` to a number, SIP address or several devices.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.connect({ to: "+15551234567", from: "+15557654321", timeout: 30 })
 * ```
 * @since 0.1.0
 */
export const connect = (config: Verbs["connect"]): Instruction => ({ connect: config })

/**
 * `execute` a section or URL as a subroutine (it returns).
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.execute({ dest: "greeting", params: { name: "Ada" } })
 * ```
 * @since 0.1.0
 */
export const execute = (config: Verbs["execute"]): Instruction => ({ execute: config })

/**
 * `transfer` to a section or URL (no return).
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.transfer({ dest: "https://example.com/next.json" })
 * ```
 * @since 0.1.0
 */
export const transfer = (config: Verbs["transfer"]): Instruction => ({ transfer: config })

/**
 * `label`: a target for `goto` in the same section.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.label("menu")
 * ```
 * @since 0.1.0
 */
export const label = (name: string): Instruction => ({ label: name })

/**
 * `goto` a label, optionally when an expression holds, at most `max` times.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.goto({ label: "menu", when: "prompt_value != '1'", max: 3 })
 * ```
 * @since 0.1.0
 */
export const goto = (config: Verbs["goto"]): Instruction => ({ goto: config })

/**
 * `set` script variables.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.set({ department: "sales" })
 * ```
 * @since 0.1.0
 */
export const set = (variables: Verbs["set"]): Instruction => ({ set: variables })

/**
 * `sleep` for milliseconds (`-1`: forever).
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.sleep(500)
 * ```
 * @since 0.1.0
 */
export const sleep = (duration: Verbs["sleep"]): Instruction => ({ sleep: duration })

/**
 * `cond`: the first clause whose `when` holds runs its `then`; a last `{ else }` catches the rest.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.cond([{ when: "call.from == '+15551234567'", then: [Verb.say("Hi boss")] }, { else: [Verb.say("Hello")] }])
 * ```
 * @since 0.1.0
 */
export const cond = (clauses: Verbs["cond"]): Instruction => ({ cond: clauses })

/**
 * `switch` on a variable's value.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.switchOn({ variable: "prompt_value", case: { "1": [Verb.transfer({ dest: "sales" })] }, default: [Verb.hangup()] })
 * ```
 * @since 0.1.0
 */
export const switchOn = (config: Verbs["switch"]): Instruction => ({ switch: config })

/**
 * `record` in the foreground (a voicemail).
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.record({ beep: true, terminators: "#", max_length: 60 })
 * ```
 * @since 0.1.0
 */
export const record = (config: Verbs["record"] = {}): Instruction => ({ record: config })

/**
 * `return` a value from an `execute`d section.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.returnValue({ status: "ok" })
 * ```
 * @since 0.1.0
 */
export const returnValue = (value: unknown): Instruction => ({ return: value })

/**
 * An `ai` agent.
 *
 * @example
 * ```ts
 * import { Verb } from "@signalwire-effect/swml"
 *
 * Verb.ai({ prompt: { text: "You are a friendly receptionist." } })
 * ```
 * @since 0.1.0
 */
export const ai = (config: Verbs["ai"]): Instruction => ({ ai: config })
