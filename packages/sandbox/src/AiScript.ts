/**
 * The conversation of a scripted `ai` verb. There is no model in the sandbox: the test says what
 * the caller says, which tools the simulated AI calls with which arguments, and what the AI must
 * have said; the sandbox does everything the platform does around that (SWAIG requests to the
 * agent, the reply's actions, DataMap tools, native functions, steps, the post-prompt).
 *
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * const script = AiScript.make([
 *   AiScript.says("What's the weather in Paris?"),
 *   AiScript.callsTool("get_weather", { city: "Paris" }),
 *   AiScript.expectSaid(/sunny/i),
 *   AiScript.callerHangsUp
 * ], { postPromptData: { topic: "weather" } })
 * ```
 *
 * A script is plain JSON too (`AiScript.decodeJson`), as the `signalwire-agent-test` CLI reads it:
 * `{"turns": [{"caller": "Hi"}, {"tool": "get_weather", "args": {"city": "Paris"}}, {"expectSaid": {"pattern": "sunny", "flags": "i"}}, {"end": "caller"}]}`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Yaml from "yaml"
import { SchemaIssues } from "@signalwire-effect/config"

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * What an assertion looks for: a substring, or a regular expression (`pattern` and `flags`).
 *
 * @example
 * ```ts
 * import type { AiScript } from "@signalwire-effect/sandbox"
 *
 * const contains: AiScript.Matcher = "sunny"
 * const regex: AiScript.Matcher = { pattern: "\\d+ degrees", flags: "i" }
 * ```
 * @since 0.1.0
 */
export type Matcher = typeof Matcher.Type

/**
 * The schema of a {@link Matcher}.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(AiScript.Matcher)({ pattern: "^Hello" }) // true
 * ```
 * @since 0.1.0
 */
export const Matcher = Schema.Union(
  Schema.String,
  Schema.Struct({ pattern: Schema.String, flags: Schema.optional(Schema.String) })
)

/**
 * One turn of the conversation:
 *
 * - `{ caller }`: the caller says this;
 * - `{ tool, args? }`: the AI calls this tool (a SWAIG function of the agent, a DataMap tool, a
 *   native function such as `check_time`, or `next_step` / `change_context` of the steps);
 * - `{ toolMatching, args? }`: the AI calls the first available tool whose name matches the
 *   regular expression;
 * - `{ expectSaid }`: what the AI said since the caller's last turn must match;
 * - `{ expectPrompt }`: the prompt the model has now (base prompt, context and step text) must match;
 * - `{ end: "caller" }`: the caller hangs up; `{ end: "ai" }`: the AI hangs up.
 *
 * @example
 * ```ts
 * import type { AiScript } from "@signalwire-effect/sandbox"
 *
 * const turns: ReadonlyArray<AiScript.Turn> = [{ caller: "Hi" }, { tool: "lookup", args: { id: "7" } }, { end: "caller" }]
 * ```
 * @since 0.1.0
 */
export type Turn = typeof Turn.Type

/**
 * The schema of a {@link Turn}.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(AiScript.Turn)({ tool: "get_weather", args: { city: "Oslo" } }) // true
 * ```
 * @since 0.1.0
 */
export const Turn = Schema.Union(
  Schema.Struct({ caller: Schema.String }),
  Schema.Struct({ tool: Schema.String, args: Schema.optional(JsonObject) }),
  Schema.Struct({ toolMatching: Schema.String, args: Schema.optional(JsonObject) }),
  Schema.Struct({ expectSaid: Matcher }),
  Schema.Struct({ expectPrompt: Matcher }),
  Schema.Struct({ end: Schema.Literal("caller", "ai") })
)

/**
 * A whole script: the turns, and what the post-prompt produced (`postPromptData`: an object
 * becomes `post_prompt_data.parsed[0]` and its JSON `raw`; a string is `raw`). Turns left when
 * the AI ends the call (a `hangup` action, a transfer) fail the script; when the turns run out
 * and the call is still up, the caller hangs up.
 *
 * @example
 * ```ts
 * import type { AiScript } from "@signalwire-effect/sandbox"
 *
 * const script: AiScript.AiScript = { turns: [{ caller: "Hello" }], postPromptData: { outcome: "greeted" } }
 * ```
 * @since 0.1.0
 */
export interface AiScript extends Schema.Schema.Type<typeof AiScriptSchema> {}

const AiScriptSchema = Schema.Struct({
  turns: Schema.Array(Turn),
  postPromptData: Schema.optional(Schema.Union(Schema.String, JsonObject))
})

/**
 * The schema of an {@link AiScript} (what the CLI decodes script files with).
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownEither(AiScript.AiScript)({ turns: [{ caller: "Hi" }] })
 * ```
 * @since 0.1.0
 */
export const AiScript: Schema.Schema<AiScript> = AiScriptSchema

const matcherOf = (m: string | RegExp): Matcher =>
  typeof m === "string" ? m : m.flags === "" ? { pattern: m.source } : { pattern: m.source, flags: m.flags }

/**
 * A script from its turns.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.make([AiScript.says("Hi"), AiScript.callerHangsUp])
 * ```
 * @since 0.1.0
 */
export const make = (
  turns: ReadonlyArray<Turn>,
  options?: { readonly postPromptData?: string | { readonly [key: string]: unknown } }
): AiScript => options?.postPromptData === undefined ? { turns } : { turns, postPromptData: options.postPromptData }

/**
 * The caller says something.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.says("I'd like to check an order")
 * ```
 * @since 0.1.0
 */
export const says = (text: string): Turn => ({ caller: text })

/**
 * The AI calls a tool by name.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.callsTool("order_status", { order: "A-17" })
 * ```
 * @since 0.1.0
 */
export const callsTool = (name: string, args: { readonly [key: string]: unknown } = {}): Turn => ({ tool: name, args })

/**
 * The AI calls the first available tool whose name matches.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.callsToolMatching(/weather/, { city: "Paris" })
 * ```
 * @since 0.1.0
 */
export const callsToolMatching = (pattern: RegExp | string, args: { readonly [key: string]: unknown } = {}): Turn => ({
  toolMatching: typeof pattern === "string" ? pattern : pattern.source,
  args
})

/**
 * Assert on what the AI said since the caller's last turn (a substring or a regular expression).
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.expectSaid(/shipped/i)
 * ```
 * @since 0.1.0
 */
export const expectSaid = (matcher: string | RegExp): Turn => ({ expectSaid: matcherOf(matcher) })

/**
 * Assert on the model's prompt as it is now (base prompt, then the active context's and step's text).
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.expectPrompt("Ask for the order number")
 * ```
 * @since 0.1.0
 */
export const expectPrompt = (matcher: string | RegExp): Turn => ({ expectPrompt: matcherOf(matcher) })

/**
 * The caller hangs up.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.make([AiScript.says("Bye"), AiScript.callerHangsUp])
 * ```
 * @since 0.1.0
 */
export const callerHangsUp: Turn = { end: "caller" }

/**
 * The AI hangs up (its internal hangup function).
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.make([AiScript.says("That's all"), AiScript.aiHangsUp])
 * ```
 * @since 0.1.0
 */
export const aiHangsUp: Turn = { end: "ai" }

/**
 * Does the text match? (Substring, or regular expression.)
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.matches({ pattern: "^it is", flags: "i" }, "It is sunny") // true
 * ```
 * @since 0.1.0
 */
export const matches = (matcher: Matcher, text: string): boolean =>
  typeof matcher === "string" ? text.includes(matcher) : new RegExp(matcher.pattern, matcher.flags).test(text)

/**
 * A readable form of a matcher (`"text"` or `/pattern/flags`).
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.describe({ pattern: "sunny", flags: "i" }) // "/sunny/i"
 * ```
 * @since 0.1.0
 */
export const describe = (matcher: Matcher): string =>
  typeof matcher === "string" ? JSON.stringify(matcher) : `/${matcher.pattern}/${matcher.flags ?? ""}`

/**
 * A script from the text of a JSON or YAML file (YAML is a superset of JSON); a failure says
 * where, in one line.
 *
 * @example
 * ```ts
 * import { AiScript } from "@signalwire-effect/sandbox"
 *
 * AiScript.decodeJson('{"turns":[{"caller":"Hi"},{"end":"caller"}]}') // Right(script)
 * AiScript.decodeJson("turns:\n  - caller: Hi\n  - end: caller\n") // Right(script), from YAML
 * ```
 * @since 0.1.0
 */
export const decodeJson = (text: string): Either.Either<AiScript, string> =>
  Either.flatMap(
    Either.try({ try: () => Yaml.parse(text) as unknown, catch: (e) => `neither JSON nor YAML: ${String(e)}` }),
    (json) => Either.mapLeft(Schema.decodeUnknownEither(AiScript)(json), (e) => SchemaIssues.format(e))
  )
