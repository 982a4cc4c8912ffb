/**
 * The typed failures of skills: a skill added twice, parameters that do not fit its schema, a
 * tool name already taken, a registry name clash, a skill that refuses its configuration.
 *
 * Messages name the skill and the problem, never a parameter's value (which may be a secret).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Why a skill could not be added, registered or loaded.
 *
 * - `duplicate`: this instance key is already on the agent.
 * - `single-instance`: a second instance of a skill that allows only one.
 * - `invalid-params`: the parameters do not fit the skill's schema (the message names the field).
 * - `tool-clash`: a tool of the skill has the name of a tool the agent already has.
 * - `invalid-tool`: a tool of the skill has no definition the platform accepts.
 * - `unknown-skill`: no skill of that name in the registry.
 * - `name-clash`: registering a name the registry already holds.
 * - `discovery-disabled`, `load`: directory discovery is off, or a module could not be loaded.
 * - `setup`: the skill refused its configuration.
 *
 * @example
 * ```ts
 * import type { SkillError } from "@signalwire-effect/agents"
 *
 * const reason: SkillError.Reason = "duplicate"
 * ```
 * @since 0.1.0
 */
export type Reason = typeof Reason.Type

/**
 * The schema of {@link Reason}.
 *
 * @example
 * ```ts
 * import { SkillError } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(SkillError.Reason)("duplicate") // true
 * ```
 * @since 0.1.0
 */
export const Reason = Schema.Literal(
  "duplicate",
  "single-instance",
  "invalid-params",
  "tool-clash",
  "invalid-tool",
  "unknown-skill",
  "name-clash",
  "discovery-disabled",
  "load",
  "setup"
)

/**
 * A skill could not be added, registered or loaded.
 *
 * @example
 * ```ts
 * import { SkillError } from "@signalwire-effect/agents"
 *
 * new SkillError.SkillError({ skill: "datetime", reason: "duplicate", message: "datetime is already on the agent" })
 * ```
 * @since 0.1.0
 */
export class SkillError extends Schema.TaggedError<SkillError>()("SkillError", {
  skill: Schema.String,
  reason: Reason,
  message: Schema.String
}) {}
