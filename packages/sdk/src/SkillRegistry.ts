/**
 * The skill registry with the reference's function names: `registerSkill`, `listSkills`,
 * `listSkillsWithParams`, `addSkillDirectory`, over one process-wide Effect `SkillRegistry`
 * (the built-ins registered and locked).
 *
 * @since 0.1.0
 */
import { type Skill, SkillError, SkillRegistry as Registry } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"
import { NodeContext } from "@effect/platform-node"
import { SkillBase, skillOf } from "./SkillBase.js"

let shared: Registry.Service | undefined

/** The process-wide registry. */
export const registry = (): Registry.Service => (shared ??= Effect.runSync(Registry.make()))

/** An Effect's failure as the Error a Promise rejects with (the typed error itself when it is one). */
export const toError = (cause: Cause.Cause<unknown>): Error => {
  const failure = Cause.failureOption(cause)
  const error = Option.isSome(failure) ? failure.value : Cause.squash(cause)
  if (error instanceof Error) return error
  return new Error(String(error), { cause: error })
}

/** Run an Effect of the facade, rejecting with {@link toError}. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => Exit.isSuccess(exit) ? exit.value : Promise.reject(toError(exit.cause)))

/**
 * Register a user skill (a `SkillBase` class or an Effect `Skill`) beside the built-ins; a name
 * already registered throws the `SkillError`.
 *
 * @example
 * ```ts
 * import { registerSkill, SkillBase } from "@signalwire-effect/sdk"
 *
 * class Quiet extends SkillBase {
 *   static override SKILL_NAME = "quiet_skill"
 *   static override SKILL_DESCRIPTION = "Adds nothing"
 * }
 * registerSkill(Quiet)
 * ```
 * @since 0.1.0
 */
export const registerSkill = (skill: typeof SkillBase | Registry.Registrable): void => {
  const effect = registry().register(typeof skill === "function" ? skillOf(skill) : skill)
  const exit = Effect.runSyncExit(effect)
  if (Exit.isFailure(exit)) throw toError(exit.cause)
}

/** A skill as `listSkills` returns it. */
export interface SkillInfo {
  name: string
  description: string
  version: string
  supportsMultipleInstances: boolean
  builtin: boolean
}

/**
 * Every registered skill (built-ins first).
 *
 * @example
 * ```ts
 * import { listSkills } from "@signalwire-effect/sdk"
 *
 * listSkills().map((s) => s.name) // ["datetime", "math", …]
 * ```
 * @since 0.1.0
 */
export const listSkills = (): Array<SkillInfo> =>
  Effect.runSync(registry().list).map((s) => ({
    name: s.name,
    description: s.description,
    version: s.version,
    supportsMultipleInstances: s.multipleInstances,
    builtin: s.builtin
  }))

/**
 * Every registered skill with its parameters as JSON Schema, by name.
 *
 * @example
 * ```ts
 * import { listSkillsWithParams } from "@signalwire-effect/sdk"
 *
 * Object.keys(listSkillsWithParams()["datetime"]?.parameters ?? {})
 * ```
 * @since 0.1.0
 */
export const listSkillsWithParams = (): Record<string, SkillInfo & { parameters: Record<string, unknown> }> =>
  Object.fromEntries(Effect.runSync(registry().listWithParams).map((s) => [s.name, {
    name: s.name,
    description: s.description,
    version: s.version,
    supportsMultipleInstances: s.multipleInstances,
    builtin: s.builtin,
    parameters: { ...s.parameters }
  }]))

/**
 * Load the skills exported by the modules of a directory (only with
 * `SWML_SKILL_DISCOVERY_ENABLED=true`); resolves with their names.
 *
 * @example
 * ```ts
 * import { addSkillDirectory } from "@signalwire-effect/sdk"
 *
 * const loaded = addSkillDirectory("./skills")
 * ```
 * @since 0.1.0
 */
export const addSkillDirectory = (path: string): Promise<Array<string>> =>
  run(Effect.provide(registry().addDirectory(path), NodeContext.layer)).then((names) => [...names])

/** The Effect skill of a name, a class or an instance. */
export const resolveSkill = (skill: string | SkillBase | typeof SkillBase): Effect.Effect<Skill.Any, SkillError.SkillError> =>
  typeof skill === "string"
    ? Effect.flatMap(registry().lookup(skill), (found) =>
      Option.match(found, {
        onNone: () =>
          Effect.fail(
            new SkillError.SkillError({ skill: skill.slice(0, 64), reason: "unknown-skill", message: `no skill named ${skill.slice(0, 64)}` })
          ),
        onSome: Effect.succeed
      }))
    : Effect.succeed(skillOf(skill instanceof SkillBase ? skill.constructor as typeof SkillBase : skill))
