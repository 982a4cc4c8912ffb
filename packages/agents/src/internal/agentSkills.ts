/**
 * The skill combinators of `AgentBase` (re-exported there: `AgentBase.addSkill`, …).
 */
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { dual } from "effect/Function"
import type { AgentBase } from "../AgentBase.js"
import type { SkillError } from "../SkillError.js"
import { fromState, stateOf } from "./agentValue.js"
import * as skills from "./skills/core.js"

/**
 * Add a skill instance: its parameters (its own plus `swaig_fields`, `skip_prompt` and, for
 * multi-instance skills, `tool_name`) are decoded, its `setup` runs (a missing API key is a
 * `ConfigError` here, at startup), then its tools, prompt sections, hints, global data and SWML
 * join the agent. Adding an instance key twice, a second instance of a single-instance skill, or
 * a tool whose name the agent already has, is a `SkillError`.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Datetime } from "@signalwire-effect/agents/skills/Datetime"
 * import { MathSkill } from "@signalwire-effect/agents/skills/Math"
 * import * as Effect from "effect/Effect"
 *
 * const agent = AgentBase.make({ name: "helper", route: "/helper", prompt: "You are helpful." }).pipe(
 *   AgentBase.addSkill(Datetime),
 *   Effect.flatMap(AgentBase.addSkill(MathSkill, { skip_prompt: true }))
 * )
 * ```
 * @since 0.1.0
 */
export const addSkill = <S extends skills.Any>(skill: S, params?: SkillParams) =>
<R>(self: AgentBase<R>): Effect.Effect<AgentBase<R | skills.Requirements<S>>, SkillError | ConfigError.ConfigError> =>
  Effect.map(skills.add(stateOf(self), skill, params), (state) => fromState<R | skills.Requirements<S>>(state))

/**
 * Add a skill instance prepared once with `Skill.prepare` (its `setup` does not run again): for
 * agents rebuilt per request. The instance rules and tool names are checked as by `addSkill`.
 *
 * @example
 * ```ts
 * import { AgentBase, Skill } from "@signalwire-effect/agents"
 * import { Joke } from "@signalwire-effect/agents/skills/Joke"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const joke = yield* Skill.prepare(Joke, { tool_name: "pun" }, "desk")
 *   const agent = AgentBase.make({ name: "desk", route: "/desk", prompt: "You are fun." })
 *   return yield* AgentBase.addPreparedSkill(joke)(agent)
 * })
 * ```
 * @since 0.1.0
 */
export const addPreparedSkill = <R2>(prepared: skills.Prepared<R2>) =>
<R>(self: AgentBase<R>): Either.Either<AgentBase<R | R2>, SkillError> =>
  Either.map(skills.attach(stateOf(self), prepared), (state) => fromState<R | R2>(state))

/**
 * Parameters of a skill as given (decoded by the skill's schema when it is added): the skill's own
 * keys and the common ones.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * const params: AgentBase.SkillParams = { tool_name: "sales", swaig_fields: { fillers: { "en-US": ["One moment"] } } }
 * ```
 * @since 0.1.0
 */
export interface SkillParams {
  /** Extra SWAIG fields merged into each tool definition of the skill. */
  readonly swaig_fields?: { readonly [key: string]: unknown } | undefined
  /** Add none of the skill's prompt sections. */
  readonly skip_prompt?: boolean | undefined
  /** Multi-instance skills: the tool's name, and the instance key `<skill>_<tool_name>`. */
  readonly tool_name?: string | undefined
  readonly [key: string]: unknown
}

/**
 * Remove a skill instance by its key (`<skill>` or `<skill>_<tool_name>`): its tools, prompt
 * sections, hints, global data and SWML leave the agent. An unknown key changes nothing.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.removeSkill("datetime"))
 * ```
 * @since 0.1.0
 */
export const removeSkill: {
  (instanceKey: string): <R>(self: AgentBase<R>) => AgentBase<R>
  <R>(self: AgentBase<R>, instanceKey: string): AgentBase<R>
} = dual(2, <R>(self: AgentBase<R>, instanceKey: string): AgentBase<R> => fromState(skills.remove(stateOf(self), instanceKey)))

/**
 * The instance keys of the skills on an agent, in the order they were added.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * AgentBase.skillsOf(agent) // ["datetime", "play_background_file_music"]
 * ```
 * @since 0.1.0
 */
export const skillsOf = <R>(self: AgentBase<R>): ReadonlyArray<string> => self.skills.map((s) => s.key)

/**
 * Whether the agent has a skill instance with this key, or any instance of the skill of this name.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * AgentBase.hasSkill(agent, "math")
 * ```
 * @since 0.1.0
 */
export const hasSkill: {
  (nameOrKey: string): <R>(self: AgentBase<R>) => boolean
  <R>(self: AgentBase<R>, nameOrKey: string): boolean
} = dual(2, <R>(self: AgentBase<R>, nameOrKey: string): boolean =>
  self.skills.some((s) => s.key === nameOrKey || s.skill === nameOrKey))
