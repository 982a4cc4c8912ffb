/**
 * The skills known by name: the built-ins (registered and locked) and the skills you register
 * beside them, listed with their parameters as JSON Schema, and added to an agent by name with
 * parameters decoded by the skill's own schema.
 *
 * ```ts
 * import { AgentBase, SkillRegistry } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const agent = AgentBase.make({ name: "helper", route: "/helper", prompt: "You are helpful." })
 *   const withMath = yield* SkillRegistry.addByName(agent, "math")
 *   return yield* SkillRegistry.list
 * }).pipe(Effect.provide(SkillRegistry.layer))
 * ```
 *
 * Directory discovery loads ES modules exporting skills, only when
 * `SWML_SKILL_DISCOVERY_ENABLED=true` (as the reference SDKs): {@link addDirectory}, and
 * {@link layerFromEnvironment} for the directories of `SIGNALWIRE_SKILL_PATHS` (a colon list).
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as JSONSchema from "effect/JSONSchema"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { pathToFileURL } from "node:url"
import * as AgentBase from "./AgentBase.js"
import { builtins, type Requirements as BuiltinRequirements } from "./internal/skills/builtins.js"
import * as core from "./internal/skills/core.js"
import { SkillError } from "./SkillError.js"

/**
 * What the tools of the registry's skills need (the built-ins' requirements; user skills are
 * registered only if theirs fit).
 *
 * @example
 * ```ts
 * import type { SkillRegistry } from "@signalwire-effect/agents"
 *
 * type Needs = SkillRegistry.Requirements
 * ```
 * @since 0.1.0
 */
export type Requirements = BuiltinRequirements

/**
 * A skill the registry accepts: any skill whose tools need at most {@link Requirements}.
 *
 * @example
 * ```ts
 * import type { Skill, SkillRegistry } from "@signalwire-effect/agents"
 *
 * declare const mine: Skill.Skill<{ readonly greeting: string }>
 * const registrable: SkillRegistry.Registrable = mine
 * ```
 * @since 0.1.0
 */
export interface Registrable extends core.Any {
  readonly setup: (
    params: never,
    context: core.SkillContext
  ) => Effect.Effect<core.Contribution<Requirements>, SkillError | ConfigError.ConfigError>
}

/**
 * A skill as listed: name, description, version, whether it allows several instances, and
 * whether it is a built-in.
 *
 * @example
 * ```ts
 * import type { SkillRegistry } from "@signalwire-effect/agents"
 *
 * const info: SkillRegistry.Info = { name: "math", description: "Maths", version: "1.0.0", multipleInstances: false, builtin: true }
 * ```
 * @since 0.1.0
 */
export interface Info {
  readonly name: string
  readonly description: string
  readonly version: string
  readonly multipleInstances: boolean
  readonly builtin: boolean
}

/**
 * A skill as listed with its parameters as a JSON Schema (common parameters included).
 *
 * @example
 * ```ts
 * import type { SkillRegistry } from "@signalwire-effect/agents"
 *
 * declare const info: SkillRegistry.InfoWithParams
 * Object.keys(info.parameters)
 * ```
 * @since 0.1.0
 */
export interface InfoWithParams extends Info {
  readonly parameters: JSONSchema.JsonSchema7Root
}

/**
 * The registry's operations.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const names = Effect.map(SkillRegistry.SkillRegistry, (registry: SkillRegistry.Service) => registry.list)
 * ```
 * @since 0.1.0
 */
export interface Service {
  /** Register a user skill; a name the registry already holds (built-in or not) is a `SkillError`. */
  readonly register: (skill: Registrable) => Effect.Effect<void, SkillError>
  readonly lookup: (name: string) => Effect.Effect<Option.Option<core.Any>>
  readonly list: Effect.Effect<ReadonlyArray<Info>>
  readonly listWithParams: Effect.Effect<ReadonlyArray<InfoWithParams>>
  /** Add the skill of this name; `params` are decoded by its schema (a `SkillError` names the field). */
  readonly addByName: <R>(
    agent: AgentBase.AgentBase<R>,
    name: string,
    params?: unknown
  ) => Effect.Effect<AgentBase.AgentBase<R | Requirements>, SkillError | ConfigError.ConfigError>
  /** Load and register the skills exported by the ES modules of a directory (discovery must be enabled). */
  readonly addDirectory: (
    directory: string
  ) => Effect.Effect<ReadonlyArray<string>, SkillError | ConfigError.ConfigError, FileSystem.FileSystem | Path.Path>
}

/**
 * The registry service.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const list = Effect.flatMap(SkillRegistry.SkillRegistry, (registry) => registry.list)
 * ```
 * @since 0.1.0
 */
export class SkillRegistry extends Context.Tag("@signalwire-effect/agents/SkillRegistry")<SkillRegistry, Service>() {}

const infoOf = (skill: core.Any, builtin: boolean): Info => ({
  name: skill.name,
  description: skill.description,
  version: skill.version,
  multipleInstances: skill.multipleInstances,
  builtin
})

const moduleFile = /\.(?:m?js|ts)$/

/**
 * A registry holding the built-ins and the given user skills.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 *
 * const layer = SkillRegistry.make([])
 * ```
 * @since 0.1.0
 */
export const make = (userSkills: ReadonlyArray<Registrable> = []): Effect.Effect<Service, SkillError> =>
  Effect.gen(function*() {
    const locked = new Map<string, core.Any>(builtins.map((s): [string, core.Any] => [s.name, s]))
    const user = yield* Ref.make(new Map<string, core.Any>())
    const register = (skill: core.Any) =>
      Effect.flatMap(Ref.get(user), (current) =>
        locked.has(skill.name) || current.has(skill.name)
          ? Effect.fail(
            new SkillError({
              skill: skill.name,
              reason: "name-clash",
              message: `a skill named ${skill.name} is already registered${locked.has(skill.name) ? " (built-in)" : ""}`
            })
          )
          : Ref.set(user, new Map([...current, [skill.name, skill]])))
    const all = Effect.map(Ref.get(user), (current) => [
      ...[...locked.values()].map((s) => [s, true] as const),
      ...[...current.values()].map((s) => [s, false] as const)
    ])
    const lookup = (name: string) =>
      Effect.map(Ref.get(user), (current) => Option.fromNullable(locked.get(name) ?? current.get(name)))
    const service: Service = {
      register: (skill) => register(skill),
      lookup,
      list: Effect.map(all, (skills) => skills.map(([s, builtin]) => infoOf(s, builtin))),
      listWithParams: Effect.map(all, (skills) =>
        skills.map(([s, builtin]) => ({ ...infoOf(s, builtin), parameters: core.parametersJsonSchema(s) }))),
      addByName: <R>(agent: AgentBase.AgentBase<R>, name: string, params?: unknown) =>
        Effect.flatMap(lookup(name), (found) =>
          Option.match(found, {
            onNone: () =>
              Effect.fail(new SkillError({ skill: name.slice(0, 64), reason: "unknown-skill", message: `no skill named ${name.slice(0, 64)}` })),
            // Registered skills need at most `Requirements` (checked by `register`'s type).
            onSome: (skill) =>
              AgentBase.addSkill(skill, params as AgentBase.SkillParams)(agent) as Effect.Effect<
                AgentBase.AgentBase<R | Requirements>,
                SkillError | ConfigError.ConfigError
              >
          })),
      addDirectory: (directory) =>
        Effect.gen(function*() {
          const enabled = yield* Config.boolean("SWML_SKILL_DISCOVERY_ENABLED").pipe(Config.withDefault(false))
          if (!enabled) {
            return yield* new SkillError({
              skill: directory,
              reason: "discovery-disabled",
              message: "skill directory discovery is off (set SWML_SKILL_DISCOVERY_ENABLED=true)"
            })
          }
          const fs = yield* FileSystem.FileSystem
          const path = yield* Path.Path
          const failLoad = (message: string) => () => new SkillError({ skill: directory, reason: "load", message })
          const entries = yield* Effect.mapError(fs.readDirectory(directory), failLoad(`cannot read the skill directory ${directory}`))
          const added: Array<string> = []
          for (const entry of [...entries].sort()) {
            if (!moduleFile.test(entry) || entry.endsWith(".d.ts")) continue
            const file = path.join(directory, entry)
            const loaded = yield* Effect.tryPromise({
              try: () => import(pathToFileURL(file).href) as Promise<{ readonly [key: string]: unknown }>,
              catch: failLoad(`cannot load the skill module ${file}`)
            })
            for (const value of Object.values(loaded)) {
              if (!core.isSkill(value)) continue
              yield* register(value)
              added.push(value.name)
            }
          }
          yield* Effect.logInfo("skills loaded from a directory").pipe(Effect.annotateLogs({ directory, skills: added.join(",") }))
          return added
        })
    }
    for (const skill of userSkills) yield* register(skill)
    return service
  })

/**
 * The registry with the built-ins only.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * Effect.provide(SkillRegistry.list, SkillRegistry.layer)
 * ```
 * @since 0.1.0
 */
export const layer: Layer.Layer<SkillRegistry> = Layer.effect(SkillRegistry, Effect.orDie(make()))

/**
 * The registry with the built-ins and these user skills (a name clash fails the layer).
 *
 * @example
 * ```ts
 * import { SkillRegistry, Skill } from "@signalwire-effect/agents"
 *
 * declare const mySkill: Skill.Skill<{}>
 * const layer = SkillRegistry.layerWith([mySkill])
 * ```
 * @since 0.1.0
 */
export const layerWith = (
  skills: ReadonlyArray<Registrable>
): Layer.Layer<SkillRegistry, SkillError> => Layer.effect(SkillRegistry, make(skills))

/**
 * The built-ins, plus — when `SWML_SKILL_DISCOVERY_ENABLED=true` — the skills exported by the
 * modules in the directories of `SIGNALWIRE_SKILL_PATHS` (a colon-separated list).
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 * import { NodeContext } from "@effect/platform-node"
 * import * as Layer from "effect/Layer"
 *
 * const layer = SkillRegistry.layerFromEnvironment.pipe(Layer.provide(NodeContext.layer))
 * ```
 * @since 0.1.0
 */
export const layerFromEnvironment: Layer.Layer<
  SkillRegistry,
  SkillError | ConfigError.ConfigError,
  FileSystem.FileSystem | Path.Path
> = Layer.effect(
  SkillRegistry,
  Effect.gen(function*() {
    const registry = yield* make()
    const enabled = yield* Config.boolean("SWML_SKILL_DISCOVERY_ENABLED").pipe(Config.withDefault(false))
    const paths = yield* Config.string("SIGNALWIRE_SKILL_PATHS").pipe(Config.withDefault(""))
    if (enabled) {
      for (const directory of paths.split(":").filter((p) => p.trim() !== "")) yield* registry.addDirectory(directory.trim())
    }
    return registry
  })
)

/**
 * Register a user skill in the registry of the context.
 *
 * @example
 * ```ts
 * import { SkillRegistry, Skill } from "@signalwire-effect/agents"
 *
 * declare const mySkill: Skill.Skill<{}>
 * SkillRegistry.register(mySkill)
 * ```
 * @since 0.1.0
 */
export const register = (skill: Registrable): Effect.Effect<void, SkillError, SkillRegistry> =>
  Effect.flatMap(SkillRegistry, (r) => r.register(skill))

/**
 * Find a skill by name.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 *
 * SkillRegistry.lookup("datetime")
 * ```
 * @since 0.1.0
 */
export const lookup = (name: string): Effect.Effect<Option.Option<core.Any>, never, SkillRegistry> =>
  Effect.flatMap(SkillRegistry, (r) => r.lookup(name))

/**
 * Every skill of the registry (built-ins first).
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 *
 * SkillRegistry.list
 * ```
 * @since 0.1.0
 */
export const list: Effect.Effect<ReadonlyArray<Info>, never, SkillRegistry> = Effect.flatMap(SkillRegistry, (r) => r.list)

/**
 * Every skill with its parameters as JSON Schema.
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 *
 * SkillRegistry.listWithParams
 * ```
 * @since 0.1.0
 */
export const listWithParams: Effect.Effect<ReadonlyArray<InfoWithParams>, never, SkillRegistry> = Effect.flatMap(
  SkillRegistry,
  (r) => r.listWithParams
)

/**
 * Add the skill of this name to an agent, its parameters decoded by the skill's schema.
 *
 * @example
 * ```ts
 * import { AgentBase, SkillRegistry } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 * SkillRegistry.addByName(agent, "joke", { tool_name: "pun" })
 * ```
 * @since 0.1.0
 */
export const addByName = <R>(
  agent: AgentBase.AgentBase<R>,
  name: string,
  params?: unknown
): Effect.Effect<AgentBase.AgentBase<R | Requirements>, SkillError | ConfigError.ConfigError, SkillRegistry> =>
  Effect.flatMap(SkillRegistry, (r) => r.addByName(agent, name, params))

/**
 * Load the skills of a directory into the registry of the context (discovery must be enabled).
 *
 * @example
 * ```ts
 * import { SkillRegistry } from "@signalwire-effect/agents"
 *
 * SkillRegistry.addDirectory("./skills")
 * ```
 * @since 0.1.0
 */
export const addDirectory = (
  directory: string
): Effect.Effect<ReadonlyArray<string>, SkillError | ConfigError.ConfigError, SkillRegistry | FileSystem.FileSystem | Path.Path> =>
  Effect.flatMap(SkillRegistry, (r) => r.addDirectory(directory))
