/**
 * Skills as data, and adding / removing one instance on an agent's state: the common parameters
 * (`swaig_fields`, `skip_prompt`, `tool_name`), instance keys, the decoding of parameters, the
 * bookkeeping that lets `remove` take back exactly what `add` gave.
 */
import type { Pom, Swml } from "@signalwire-effect/swml"
import { DataMap, type FunctionResult, SwaigFunction } from "@signalwire-effect/swml"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Types from "effect/Types"
import { SkillError } from "../../SkillError.js"
import { type AgentState, type SkillInstance, type ToolCall, type ToolEntry, toolEntry } from "../agent.js"

export const TypeId: unique symbol = Symbol.for("@signalwire-effect/agents/Skill")
export type TypeId = typeof TypeId

/** What `setup` receives besides its decoded parameters. */
export interface SkillContext {
  /** The agent's name. */
  readonly agent: string
  /** `<skill>` or, for a multi-instance skill given `tool_name`, `<skill>_<tool_name>`. */
  readonly instanceKey: string
  /** The `tool_name` parameter, when given. */
  readonly toolName: string | undefined
}

/** A handler tool of a skill; `R` is what its handler needs. */
export interface Tool<R> {
  readonly name: string
  readonly entry: ToolEntry
  readonly _R: Types.Covariant<R>
}

/** Everything a skill instance gives the agent. */
export interface Contribution<R> {
  readonly tools?: ReadonlyArray<Tool<R>> | undefined
  /** Tools the platform executes: `DataMap` values or finished definitions. */
  readonly dataMapTools?: ReadonlyArray<DataMap.DataMap | SwaigFunction.Definition> | undefined
  readonly promptSections?: ReadonlyArray<Pom.Section> | undefined
  readonly hints?: ReadonlyArray<string> | undefined
  readonly globalData?: { readonly [key: string]: unknown } | undefined
  readonly swml?: {
    readonly before?: ReadonlyArray<Swml.Instruction> | undefined
    readonly after?: ReadonlyArray<Swml.Instruction> | undefined
  } | undefined
}

export interface Skill<P, R = never> {
  readonly [TypeId]: TypeId
  readonly name: string
  readonly description: string
  readonly version: string
  readonly multipleInstances: boolean
  readonly parameters: Schema.Schema<P, unknown>
  /**
   * Multi-instance skills whose instances are not told apart by `tool_name` (e.g. `prefix`): the
   * suffix of the instance key (`<skill>_<suffix>`), or undefined for the plain `<skill>` key.
   */
  readonly instanceName?: ((params: P) => string | undefined) | undefined
  readonly setup: (params: P, context: SkillContext) => Effect.Effect<Contribution<R>, SkillError | ConfigError.ConfigError>
}

/** A skill of any parameters and requirements (what a registry holds). */
export interface Any {
  readonly [TypeId]: TypeId
  readonly name: string
  readonly description: string
  readonly version: string
  readonly multipleInstances: boolean
  readonly parameters: Schema.Schema.AnyNoContext
  readonly instanceName?: ((params: never) => string | undefined) | undefined
  readonly setup: (params: never, context: SkillContext) => Effect.Effect<Contribution<unknown>, SkillError | ConfigError.ConfigError>
}

/** The services the tools of a skill (or of a union of skills) need. */
export type Requirements<S> = S extends {
  readonly setup: (params: never, context: SkillContext) => Effect.Effect<Contribution<infer R>, unknown, unknown>
} ? R
  : never

export const isSkill = (u: unknown): u is Any => typeof u === "object" && u !== null && TypeId in u

const noR = <R>(): Types.Covariant<R> => (_: never) => _

export const make = <P, I, R>(definition: {
  readonly name: string
  readonly description: string
  readonly version?: string | undefined
  readonly multipleInstances?: boolean | undefined
  readonly parameters: Schema.Schema<P, I>
  readonly instanceName?: ((params: P) => string | undefined) | undefined
  readonly setup: (params: P, context: SkillContext) => Effect.Effect<Contribution<R>, SkillError | ConfigError.ConfigError>
}): Skill<P, R> => ({
  [TypeId]: TypeId,
  name: definition.name,
  description: definition.description,
  version: definition.version ?? "1.0.0",
  multipleInstances: definition.multipleInstances ?? false,
  // The encoded side is never used: parameters arrive as JSON-like input and are only decoded.
  parameters: definition.parameters as unknown as Schema.Schema<P, unknown>,
  instanceName: definition.instanceName,
  setup: definition.setup
})

export const tool = <A, I, E, R>(
  definition: SwaigFunction.Options & {
    readonly name: string
    readonly description: string
    readonly parameters: Schema.Schema<A, I>
    readonly secure?: boolean | undefined
    readonly handler: (args: A, call: ToolCall) => Effect.Effect<FunctionResult.FunctionResult, E, R>
  }
): Tool<R> => {
  const { handler, secure, ...fn } = definition
  return { name: fn.name, entry: toolEntry(SwaigFunction.make(fn), secure ?? true, handler), _R: noR<R>() }
}

/** The parameters every skill accepts, handled here rather than by each skill. */
export const Common = Schema.Struct({
  swaig_fields: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })).annotations({
    description: "Extra SWAIG fields merged into each tool definition of this skill"
  }),
  skip_prompt: Schema.optional(Schema.Boolean).annotations({ description: "Add none of this skill's prompt sections" })
})

/** `tool_name`, accepted by multi-instance skills (names the instance). */
export const ToolName = Schema.Struct({
  tool_name: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/)).annotations({
      description: "The name of this instance's tool (and of the instance: <skill>_<tool_name>)"
    })
  )
})

const record = (u: unknown): { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? u as { readonly [key: string]: unknown } : {}

/** Schema problems as `field: expected …` lines, without the values given (they may be secrets). */
const describeIssues = (error: ParseResult.ParseError): string => {
  const byPath = new Map<string, Array<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = issue.path.map(String).join(".")
    const message = issue._tag === "Missing"
      ? "is missing"
      : issue.message.replace(/,\s*actual[\s\S]*$/, "").replace(/\s+/g, " ")
    byPath.set(path, [...(byPath.get(path) ?? []), message])
  }
  return [...byPath].map(([path, messages]) => {
    const unique = [...new Set(messages)]
    const kept = unique.length > 1 ? unique.filter((m) => m !== "Expected undefined") : unique
    const expected = kept.every((m) => m.startsWith("Expected "))
      ? `Expected ${kept.map((m) => m.slice("Expected ".length)).join(" | ")}`
      : kept.join("; ")
    return path === "" ? expected : `${path}: ${expected}`
  }).join("; ")
}

/** Decode a skill's parameters (its own and the common ones). */
export const decodeParams = (skill: Any, input: unknown) =>
  Effect.gen(function*() {
    if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input))) {
      return yield* new SkillError({ skill: skill.name, reason: "invalid-params", message: `${skill.name}: parameters must be an object` })
    }
    const common = Schema.extend(Common, skill.multipleInstances ? ToolName : Schema.Struct({}))
    const fail = (error: ParseResult.ParseError) =>
      new SkillError({ skill: skill.name, reason: "invalid-params", message: `${skill.name}: ${describeIssues(error)}` })
    const raw = record(input)
    const shared = yield* Effect.mapError(Schema.decodeUnknown(common)(raw), fail)
    const own: unknown = yield* Effect.mapError(Schema.decodeUnknown(skill.parameters)(raw, { errors: "all" }), fail)
    return { shared, own }
  })

/** The JSON Schema of a skill's parameters, common ones included. */
export const parametersJsonSchema = (skill: Any): JSONSchema.JsonSchema7Root => {
  const common = Schema.extend(Common, skill.multipleInstances ? ToolName : Schema.Struct({}))
  const own = Either.getOrElse(
    Either.try(() => JSONSchema.make(Schema.encodedSchema(skill.parameters))),
    (): JSONSchema.JsonSchema7Root => ({ type: "object", properties: {}, required: [] }) as JSONSchema.JsonSchema7Root
  )
  const shared = JSONSchema.make(common)
  const props = (s: JSONSchema.JsonSchema7Root) => "properties" in s && typeof s.properties === "object" ? s.properties : {}
  const required = (s: JSONSchema.JsonSchema7Root) => "required" in s && Array.isArray(s.required) ? s.required : []
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { ...props(shared), ...props(own) },
    required: [...required(own)],
    additionalProperties: true
  } as JSONSchema.JsonSchema7Root
}

export const instanceKeyOf = (skill: Any, toolName: string | undefined): string =>
  skill.multipleInstances && toolName !== undefined ? `${skill.name}_${toolName}` : skill.name

const withFields = (
  definition: SwaigFunction.Definition,
  fields: { readonly [key: string]: unknown } | undefined
): SwaigFunction.Definition =>
  fields === undefined ? definition : { ...definition, ...fields, function: definition.function } as SwaigFunction.Definition

const problem = (skill: string, reason: SkillError["reason"], message: string) => new SkillError({ skill, reason, message })

/** Add one instance of a skill to an agent's state. */
export const add = (state: AgentState, skill: Any, input: unknown): Effect.Effect<AgentState, SkillError | ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const { own, shared } = yield* decodeParams(skill, input)
    const toolName = "tool_name" in shared && typeof shared.tool_name === "string" ? shared.tool_name : undefined
    const key = instanceKeyOf(skill, skill.instanceName === undefined ? toolName : skill.instanceName(own as never))
    if (!skill.multipleInstances && state.skills.some((s) => s.skill === skill.name)) {
      return yield* problem(skill.name, "single-instance", `${skill.name} allows one instance per agent`)
    }
    if (state.skills.some((s) => s.key === key)) {
      return yield* problem(skill.name, "duplicate", `the skill instance ${key} is already on the agent ${state.name}`)
    }
    const contribution = yield* skill.setup(own as never, { agent: state.name, instanceKey: key, toolName })
    const fields = shared.swaig_fields
    const tools: Array<ToolEntry> = (contribution.tools ?? []).map((t) => ({
      ...t.entry,
      definition: Either.map(t.entry.definition, (d) => withFields(d, fields))
    }))
    const dataMapTools: Array<SwaigFunction.Definition> = []
    for (const item of contribution.dataMapTools ?? []) {
      const definition = "function" in item ? Either.right(item) : DataMap.toDefinition(item)
      if (Either.isLeft(definition)) {
        return yield* problem(skill.name, "invalid-tool", `${skill.name}: a DataMap tool is invalid: ${definition.left.message}`)
      }
      dataMapTools.push(withFields(definition.right, fields))
    }
    const taken = new Set([
      ...state.tools.map((t) => t.name),
      ...state.skills.flatMap((s) => s.dataMapTools.map((d) => d.function)),
      ...(state.ai.SWAIG?.functions ?? []).map((f) => f.function)
    ])
    const names = [...tools.map((t) => t.name), ...dataMapTools.map((d) => d.function)]
    for (const [index, name] of names.entries()) {
      if (taken.has(name) || names.indexOf(name) !== index) {
        return yield* problem(skill.name, "tool-clash", `${skill.name}: the agent ${state.name} already has a tool named ${name}`)
      }
    }
    for (const t of tools) {
      if (Either.isLeft(t.definition)) {
        return yield* problem(skill.name, "invalid-tool", `${skill.name}: ${t.definition.left.message}`)
      }
    }
    const instance: SkillInstance = {
      key,
      skill: skill.name,
      tools: tools.map((t) => t.name),
      dataMapTools,
      promptSections: shared.skip_prompt === true ? [] : contribution.promptSections ?? [],
      hints: contribution.hints ?? [],
      globalData: contribution.globalData ?? {},
      swmlBefore: contribution.swml?.before ?? [],
      swmlAfter: contribution.swml?.after ?? []
    }
    return { ...state, tools: [...state.tools, ...tools], skills: [...state.skills, instance] }
  }).pipe(Effect.withSpan("Skill.add", { attributes: { "skill.name": skill.name }, captureStackTrace: false }))

/** Remove the instance `key` (its tools and everything else it contributed); unknown keys change nothing. */
export const remove = (state: AgentState, key: string): AgentState => {
  const instance = state.skills.find((s) => s.key === key)
  if (instance === undefined) return state
  return {
    ...state,
    tools: state.tools.filter((t) => !instance.tools.includes(t.name)),
    skills: state.skills.filter((s) => s !== instance)
  }
}
