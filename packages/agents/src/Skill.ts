/**
 * Skills: a bundle of tools, prompt sections, hints, global data and SWML that an agent gains in
 * one step, configured by parameters the skill declares as a `Schema`.
 *
 * A skill's `setup` reads what it needs (its parameters, and environment or configuration through
 * Effect `Config`), so a missing API key is a `ConfigError` when the skill is ADDED, at startup,
 * never in the middle of a call. Its tools are ordinary agent tools: a handler that calls out
 * turns third-party failures into a graceful reply itself.
 *
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 * import { FunctionResult } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const Greeter = Skill.make({
 *   name: "greeter",
 *   description: "Greets callers by name",
 *   parameters: Schema.Struct({ greeting: Schema.optionalWith(Schema.String, { default: () => "Hello" }) }),
 *   setup: ({ greeting }) =>
 *     Effect.succeed({
 *       tools: [Skill.tool({
 *         name: "greet",
 *         description: "Greet the caller",
 *         parameters: Schema.Struct({ name: Schema.String }),
 *         handler: ({ name }) => Effect.succeed(FunctionResult.make(`${greeting}, ${name}!`))
 *       })],
 *       promptSections: [{ title: "Greeting", body: "Greet callers with the greet tool.", bullets: [], subsections: [] }]
 *     })
 * })
 *
 * const agent = AgentBase.make({ name: "desk", route: "/desk", prompt: "You are a front desk." }).pipe(
 *   Skill.add(Greeter, { greeting: "Welcome" })
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as AgentBase from "./AgentBase.js"
import * as core from "./internal/skills/core.js"

/**
 * A skill with decoded parameters `P` whose tools need the services `R`.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * declare const skill: Skill.Skill<{ readonly units: string }>
 * skill.name
 * ```
 * @since 0.1.0
 */
export type Skill<P, R = never> = core.Skill<P, R>

/**
 * A skill of any parameters and requirements, as a registry holds it.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * declare const skills: ReadonlyArray<Skill.Any>
 * skills.map((s) => s.name)
 * ```
 * @since 0.1.0
 */
export type Any = core.Any

/**
 * What `setup` receives besides its parameters: the agent's name, the instance key, `tool_name`.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * const context: Skill.Context = { agent: "desk", instanceKey: "joke", toolName: undefined }
 * ```
 * @since 0.1.0
 */
export type Context = core.SkillContext

/**
 * What a skill instance gives the agent: handler tools, DataMap tools, prompt sections (left out
 * with `skip_prompt`), hints, global data, SWML before and after the `ai` verb.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * const contribution: Skill.Contribution<never> = { hints: ["Acme"], globalData: { tier: "gold" } }
 * ```
 * @since 0.1.0
 */
export type Contribution<R> = core.Contribution<R>

/**
 * A handler tool of a skill (built with {@link tool}).
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * declare const tools: ReadonlyArray<Skill.Tool<never>>
 * tools.map((t) => t.name)
 * ```
 * @since 0.1.0
 */
export type Tool<R> = core.Tool<R>

/**
 * What a skill's tool handler receives besides its arguments (the same as `AgentBase.ToolCall`):
 * `call_id`, `global_data` (where skills keep per-call state), `meta_data`, the whole body.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * const state = (call: Skill.ToolCall) => call.globalData?.["skill:intake"]
 * ```
 * @since 0.1.0
 */
export type ToolCall = AgentBase.ToolCall

/**
 * The services the tools of a skill (or of a union of skills) need.
 *
 * @example
 * ```ts
 * import type { Skill } from "@signalwire-effect/agents"
 *
 * type None = Skill.Requirements<Skill.Skill<{}, never>> // never
 * ```
 * @since 0.1.0
 */
export type Requirements<S> = core.Requirements<S>

/**
 * Define a skill. `version` defaults to "1.0.0", `multipleInstances` to false (then `tool_name` is
 * not a parameter and the instance key is the skill's name).
 *
 * @example
 * ```ts
 * import { Skill } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const Branding = Skill.make({
 *   name: "branding",
 *   description: "Speech hints for the brand",
 *   parameters: Schema.Struct({ words: Schema.Array(Schema.String) }),
 *   setup: ({ words }) => Effect.succeed({ hints: words })
 * })
 * ```
 * @since 0.1.0
 */
export const make = core.make

/**
 * A handler tool: its arguments as a `Schema`, its handler an Effect answering a `FunctionResult`.
 * Tools are `secure` (per-call token) by default, as the agent's own tools.
 *
 * @example
 * ```ts
 * import { Skill } from "@signalwire-effect/agents"
 * import { FunctionResult } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const echo = Skill.tool({
 *   name: "echo",
 *   description: "Repeat what the caller said",
 *   parameters: Schema.Struct({ text: Schema.String }),
 *   handler: ({ text }) => Effect.succeed(FunctionResult.make(text))
 * })
 * ```
 * @since 0.1.0
 */
export const tool = core.tool

/**
 * Is this value a skill (e.g. an export of a module found by directory discovery)?
 *
 * @example
 * ```ts
 * import { Skill } from "@signalwire-effect/agents"
 *
 * Skill.isSkill({}) // false
 * ```
 * @since 0.1.0
 */
export const isSkill: (u: unknown) => u is Any = core.isSkill

/**
 * The JSON Schema of a skill's parameters, the common ones (`swaig_fields`, `skip_prompt`,
 * `tool_name` for multi-instance skills) included.
 *
 * @example
 * ```ts
 * import { Skill } from "@signalwire-effect/agents"
 *
 * declare const skill: Skill.Any
 * const schema = Skill.parametersJsonSchema(skill)
 * ```
 * @since 0.1.0
 */
export const parametersJsonSchema = core.parametersJsonSchema

/**
 * Add a skill instance to an agent (the same as `AgentBase.addSkill`).
 *
 * @example
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 * declare const skill: Skill.Skill<{}>
 *
 * const withSkill = agent.pipe(Skill.add(skill, { skip_prompt: true }))
 * ```
 * @since 0.1.0
 */
export const add = AgentBase.addSkill

/**
 * Remove a skill instance by its key (the same as `AgentBase.removeSkill`).
 *
 * @example
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(Skill.remove("math"))
 * ```
 * @since 0.1.0
 */
export const remove = AgentBase.removeSkill

/**
 * The instance keys of an agent's skills (the same as `AgentBase.skillsOf`).
 *
 * @example
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * Skill.skillsOf(agent)
 * ```
 * @since 0.1.0
 */
export const skillsOf = AgentBase.skillsOf

/**
 * Whether an agent has this instance key or an instance of this skill (the same as
 * `AgentBase.hasSkill`).
 *
 * @example
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * Skill.hasSkill(agent, "datetime")
 * ```
 * @since 0.1.0
 */
export const hasSkill = AgentBase.hasSkill
