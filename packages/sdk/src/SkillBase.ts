/**
 * `SkillBase`: user skills in SignalWire's class shape (static `SKILL_NAME`, `SKILL_DESCRIPTION`,
 * `SKILL_VERSION`, `SUPPORTS_MULTIPLE_INSTANCES`, `REQUIRED_ENV_VARS`, `getParameterSchema()`;
 * instance `setup()`, `getTools()` / `defineTool()`, `getDataMapTools()`, `getPromptSections()`,
 * `getHints()`, `getGlobalData()`, `getConfig()`, `getInstanceKey()`), adapted onto the Effect
 * `Skill` of `@signalwire-effect/agents`: a missing `REQUIRED_ENV_VARS` entry or a `setup()` that
 * returns false rejects `agent.addSkill(…)` (DIFFERENCES.md #40–#41).
 *
 * @since 0.1.0
 */
import { Skill, SkillError } from "@signalwire-effect/agents"
import type { SwaigFunction } from "@signalwire-effect/swml"
import { Pom } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { parametersSchema, runHandler } from "./internal/tools.js"

/**
 * A tool of a skill: JSON-Schema `parameters` (or the properties map) and a handler returning a
 * `FunctionResult`, an object with `response`, or a string (or a promise of those).
 *
 * @example
 * ```ts
 * import type { SkillToolDefinition } from "@signalwire-effect/sdk"
 *
 * const tool: SkillToolDefinition = { name: "ping", description: "Ping", handler: () => "pong" }
 * ```
 * @since 0.1.0
 */
export interface SkillToolDefinition {
  name: string
  description: string
  parameters?: Record<string, unknown>
  required?: Array<string>
  secure?: boolean
  fillers?: Record<string, Array<string>>
  wait_for_fillers?: boolean
  skip_fillers?: boolean
  handler: (args: Record<string, unknown>, rawData: Record<string, unknown>) => unknown
}

/**
 * A prompt section of a skill.
 *
 * @example
 * ```ts
 * import type { SkillPromptSection } from "@signalwire-effect/sdk"
 *
 * const section: SkillPromptSection = { title: "Pings", body: "Use ping when asked.", bullets: ["Be brief"] }
 * ```
 * @since 0.1.0
 */
export interface SkillPromptSection {
  title: string
  body?: string
  bullets?: Array<string>
  numbered?: boolean
}

const configs = new WeakMap<SkillBase, Record<string, unknown>>()

/** The configuration an instance was constructed with (what `agent.addSkill(instance)` adds). */
export const configOf = (skill: SkillBase): Record<string, unknown> => ({ ...configs.get(skill) })

/**
 * The base class of user skills (the reference's shape).
 *
 * @example
 * ```ts
 * import { FunctionResult, SkillBase, type SkillToolDefinition } from "@signalwire-effect/sdk"
 *
 * class PingSkill extends SkillBase {
 *   static override SKILL_NAME = "ping"
 *   static override SKILL_DESCRIPTION = "Answers pings"
 *   override getTools(): Array<SkillToolDefinition> {
 *     return [{ name: "ping", description: "Ping", handler: () => new FunctionResult(`pong ${String(this.getConfig("suffix", ""))}`) }]
 *   }
 * }
 * ```
 * @since 0.1.0
 */
export class SkillBase {
  static SKILL_NAME = ""
  static SKILL_DESCRIPTION = ""
  static SKILL_VERSION = "1.0.0"
  static REQUIRED_PACKAGES: ReadonlyArray<string> = []
  static REQUIRED_ENV_VARS: ReadonlyArray<string> = []
  static SUPPORTS_MULTIPLE_INSTANCES = false

  /** The parameters as the reference describes them (`swaig_fields`, `skip_prompt`, `tool_name` added by the SDK). */
  static getParameterSchema(): Record<string, Record<string, unknown>> {
    return {}
  }

  readonly skillName: string
  protected config: Record<string, unknown>
  private readonly dynamicTools: Array<SkillToolDefinition> = []

  constructor(config: Record<string, unknown> = {}) {
    const klass = this.constructor as typeof SkillBase
    this.skillName = klass.SKILL_NAME
    this.config = { ...config }
    configs.set(this, this.config)
  }

  /** Prepare the skill; false refuses it (the `addSkill` promise rejects). */
  setup(): boolean | Promise<boolean> {
    return true
  }

  getTools(): Array<SkillToolDefinition> {
    return [...this.dynamicTools]
  }

  protected defineTool(tool: SkillToolDefinition): void {
    this.dynamicTools.push(tool)
  }

  /** Finished SWAIG function definitions the platform runs (DataMap tools). */
  getDataMapTools(): Array<Record<string, unknown>> {
    return []
  }

  getPromptSections(): Array<SkillPromptSection> {
    return this._getPromptSections()
  }

  protected _getPromptSections(): Array<SkillPromptSection> {
    return []
  }

  getHints(): Array<string> {
    return []
  }

  getGlobalData(): Record<string, unknown> {
    return {}
  }

  getConfig<T = unknown>(key: string, defaultValue?: T): T {
    return (this.config[key] !== undefined ? this.config[key] : defaultValue) as T
  }

  getInstanceKey(): string {
    const klass = this.constructor as typeof SkillBase
    const toolName = this.config["tool_name"]
    return klass.SUPPORTS_MULTIPLE_INSTANCES && typeof toolName === "string" ? `${this.skillName}_${toolName}` : this.skillName
  }
}

const adapted = new WeakMap<typeof SkillBase, Skill.Skill<{ readonly [key: string]: unknown }>>()

/**
 * The Effect `Skill` of a `SkillBase` class (one per class).
 *
 * @example
 * ```ts
 * import { SkillBase, skillOf } from "@signalwire-effect/sdk"
 *
 * class Quiet extends SkillBase {
 *   static override SKILL_NAME = "quiet"
 *   static override SKILL_DESCRIPTION = "Adds nothing"
 * }
 * const skill = skillOf(Quiet)
 * ```
 * @since 0.1.0
 */
export const skillOf = (klass: typeof SkillBase): Skill.Skill<{ readonly [key: string]: unknown }> => {
  const known = adapted.get(klass)
  if (known !== undefined) return known
  const skill = Skill.make({
    name: klass.SKILL_NAME,
    description: klass.SKILL_DESCRIPTION,
    version: klass.SKILL_VERSION,
    multipleInstances: klass.SUPPORTS_MULTIPLE_INSTANCES,
    parameters: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    setup: (params) =>
      Effect.gen(function*() {
        for (const name of klass.REQUIRED_ENV_VARS) yield* Config.nonEmptyString(name)
        const { skip_prompt: _skip, swaig_fields: _fields, ...config } = params
        const instance = new klass(config)
        const ok = yield* Effect.tryPromise({
          try: async () => await instance.setup(),
          catch: () =>
            new SkillError.SkillError({ skill: klass.SKILL_NAME, reason: "setup", message: `${klass.SKILL_NAME}: setup() failed` })
        })
        if (!ok) {
          return yield* new SkillError.SkillError({ skill: klass.SKILL_NAME, reason: "setup", message: `${klass.SKILL_NAME}: setup() returned false` })
        }
        const tools = instance.getTools().map((t) =>
          Skill.tool({
            name: t.name,
            description: t.description,
            parameters: parametersSchema(t.parameters, t.required),
            secure: t.secure ?? true,
            ...(t.fillers === undefined ? {} : { fillers: t.fillers }),
            ...(t.wait_for_fillers === undefined ? {} : { waitForFillers: t.wait_for_fillers }),
            ...(t.skip_fillers === undefined ? {} : { skipFillers: t.skip_fillers }),
            handler: (_args, call) => {
              const args = argumentsOf(call.body)
              return runHandler(t.name, () => t.handler(args, { ...call.body }))
            }
          })
        )
        return {
          tools,
          dataMapTools: instance.getDataMapTools() as unknown as ReadonlyArray<SwaigFunction.Definition>,
          promptSections: instance.getPromptSections().map((s) => Pom.section(s.title, s)),
          hints: instance.getHints(),
          globalData: instance.getGlobalData()
        }
      })
  })
  adapted.set(klass, skill)
  return skill
}

const argumentsOf = (body: { readonly [key: string]: unknown }): Record<string, unknown> => {
  const argument = body["argument"]
  if (typeof argument === "object" && argument !== null && "parsed" in argument && Array.isArray(argument.parsed)) {
    const first: unknown = argument.parsed[0]
    if (typeof first === "object" && first !== null) return { ...first }
  }
  return {}
}
