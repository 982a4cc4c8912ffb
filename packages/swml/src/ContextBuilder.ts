/**
 * Contexts and steps: a structured conversation. Each context holds ordered steps; one step is
 * active at a time and its instructions guide the model until its criteria are met. Rendered
 * under `ai.prompt.contexts` (never `ai.contexts`), with the keys SignalWire's schema defines.
 *
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const contexts = ContextBuilder.make().pipe(
 *   ContextBuilder.addContext("default", {
 *     steps: [
 *       ContextBuilder.step("greet", { text: "Greet the caller", criteria: "The caller said why they call", validSteps: ["next"] }),
 *       ContextBuilder.step("help", { text: "Solve the problem", functions: ["lookup_order"] })
 *     ]
 *   }),
 *   ContextBuilder.build // Either<Contexts, ContextError>
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type * as A from "./internal/ai.js"
import * as Pom from "./Pom.js"
import { ContextError } from "./SwmlError.js"

const TypeId: unique symbol = Symbol.for("@signalwire-effect/swml/ContextBuilder")

/** Most contexts and steps the platform takes. */
const maxContexts = 50
const maxSteps = 100

/**
 * One step: its instructions (`text`, or POM `sections`), when it is done (`criteria`), which
 * functions it may call (`[]` for none; omitted: the previous step's set), where it may go.
 *
 * @example
 * ```ts
 * import type { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const step: ContextBuilder.Step = { name: "greet", text: "Say hello", end: false }
 * ```
 * @since 0.1.0
 */
export interface Step {
  readonly name: string
  readonly text?: string
  readonly pom?: Pom.Pom
  readonly criteria?: string
  readonly functions?: ReadonlyArray<string>
  readonly validSteps?: ReadonlyArray<string>
  readonly validContexts?: ReadonlyArray<string>
  readonly end?: boolean
  readonly skipUserTurn?: boolean
  /** Ask these questions one at a time before the step's own instructions (gather mode). */
  readonly gatherInfo?: GatherInfo
}

/**
 * A step's gather mode: its questions, an introduction said once (`prompt`), where the answers go
 * in `global_data` (`outputKey`; top level when absent), and where to go once all are answered
 * (`completionAction`: `"next_step"` or a step name; absent: back to the step's own instructions).
 *
 * @example
 * ```ts
 * import type { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const gather: ContextBuilder.GatherInfo = {
 *   outputKey: "caller",
 *   completionAction: "next_step",
 *   questions: [{ key: "name", question: "What is your name?" }, { key: "age", question: "How old are you?", type: "integer", confirm: true }]
 * }
 * ```
 * @since 0.1.0
 */
export interface GatherInfo {
  readonly questions: ReadonlyArray<GatherQuestion>
  readonly prompt?: string
  readonly outputKey?: string
  readonly completionAction?: string
}

/**
 * One gather question: the key its answer is stored under, the question, the answer's type
 * (`string` by default), whether the caller must confirm it, extra instructions, and the
 * functions the AI may use while this question is open.
 *
 * @example
 * ```ts
 * import type { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const question: ContextBuilder.GatherQuestion = { key: "airport", question: "Which airport?", functions: ["resolve_airport"] }
 * ```
 * @since 0.1.0
 */
export interface GatherQuestion {
  readonly key: string
  readonly question: string
  readonly type?: "string" | "integer" | "number" | "boolean"
  readonly confirm?: boolean
  readonly prompt?: string
  readonly functions?: ReadonlyArray<string>
}

/**
 * One context: its steps, an optional prompt of its own, whether entering it wipes the history
 * (`isolated`), and fillers said on the way in and out.
 *
 * @example
 * ```ts
 * import type { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const context: ContextBuilder.Context = { name: "billing", steps: [{ name: "ask", text: "Ask for the invoice" }], isolated: true }
 * ```
 * @since 0.1.0
 */
export interface Context {
  readonly name: string
  readonly steps: ReadonlyArray<Step>
  readonly text?: string
  readonly pom?: Pom.Pom
  readonly isolated?: boolean
  readonly enterFillers?: { readonly [language: string]: ReadonlyArray<string> }
  readonly exitFillers?: { readonly [language: string]: ReadonlyArray<string> }
}

/**
 * The workflow under construction.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const builder: ContextBuilder.ContextBuilder = ContextBuilder.make()
 * ```
 * @since 0.1.0
 */
export interface ContextBuilder extends Pipeable {
  readonly [TypeId]: typeof TypeId
  readonly contexts: ReadonlyArray<Context>
}

/**
 * The rendered `prompt.contexts` object.
 *
 * @example
 * ```ts
 * import type { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const contexts: ContextBuilder.Contexts = { default: { steps: [{ name: "only", text: "Help" }] } }
 * ```
 * @since 0.1.0
 */
export type Contexts = typeof A.Contexts.Type

const proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

const fromContexts = (contexts: ReadonlyArray<Context>): ContextBuilder =>
  Object.assign(Object.create(proto), { contexts })

/**
 * An empty workflow.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.make().contexts.length // 0
 * ```
 * @since 0.1.0
 */
export const make = (): ContextBuilder => fromContexts([])

/**
 * A step value.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.step("collect", { text: "Ask for the order number", criteria: "You have the order number" })
 * ```
 * @since 0.1.0
 */
export const step = (name: string, options: Omit<Step, "name"> = {}): Step => ({ name, ...options })

/**
 * Add a context (its steps may also be added later with {@link addStep}).
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.make().pipe(ContextBuilder.addContext("default", { steps: [ContextBuilder.step("a", { text: "Help" })] }))
 * ```
 * @since 0.1.0
 */
export const addContext: {
  (name: string, options?: Omit<Context, "name" | "steps"> & { readonly steps?: ReadonlyArray<Step> }): (
    self: ContextBuilder
  ) => ContextBuilder
  (
    self: ContextBuilder,
    name: string,
    options?: Omit<Context, "name" | "steps"> & { readonly steps?: ReadonlyArray<Step> }
  ): ContextBuilder
} = dual(
  (args) => typeof args[0] === "object" && args[0] !== null && TypeId in args[0],
  (
    self: ContextBuilder,
    name: string,
    options?: Omit<Context, "name" | "steps"> & { readonly steps?: ReadonlyArray<Step> }
  ) => fromContexts([...self.contexts, { ...options, name, steps: options?.steps ?? [] }])
)

/**
 * Append a step to a context (created if missing).
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.make().pipe(ContextBuilder.addStep("default", ContextBuilder.step("greet", { text: "Hello" })))
 * ```
 * @since 0.1.0
 */
export const addStep: {
  (context: string, step: Step): (self: ContextBuilder) => ContextBuilder
  (self: ContextBuilder, context: string, step: Step): ContextBuilder
} = dual(3, (self: ContextBuilder, context: string, added: Step) =>
  self.contexts.some((c) => c.name === context)
    ? fromContexts(self.contexts.map((c) => c.name === context ? { ...c, steps: [...c.steps, added] } : c))
    : fromContexts([...self.contexts, { name: context, steps: [added] }]))

/**
 * Remove a step from a context.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.make().pipe(ContextBuilder.removeStep("default", "greet"))
 * ```
 * @since 0.1.0
 */
export const removeStep: {
  (context: string, step: string): (self: ContextBuilder) => ContextBuilder
  (self: ContextBuilder, context: string, step: string): ContextBuilder
} = dual(3, (self: ContextBuilder, context: string, name: string) =>
  fromContexts(self.contexts.map((c) => c.name === context ? { ...c, steps: c.steps.filter((s) => s.name !== name) } : c)))

/**
 * Move a step to a position (0-based) within its context.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * ContextBuilder.make().pipe(ContextBuilder.moveStep("default", "wrap_up", 0))
 * ```
 * @since 0.1.0
 */
export const moveStep: {
  (context: string, step: string, position: number): (self: ContextBuilder) => ContextBuilder
  (self: ContextBuilder, context: string, step: string, position: number): ContextBuilder
} = dual(4, (self: ContextBuilder, context: string, name: string, position: number) =>
  fromContexts(self.contexts.map((c) => {
    const moving = c.steps.find((s) => s.name === name)
    if (c.name !== context || moving === undefined) return c
    const rest = c.steps.filter((s) => s !== moving)
    return { ...c, steps: [...rest.slice(0, position), moving, ...rest.slice(position)] }
  })))

const problems = (self: ContextBuilder): ReadonlyArray<{ readonly path: string; readonly message: string }> => {
  const out: Array<{ path: string; message: string }> = []
  const names = new Set(self.contexts.map((c) => c.name))
  if (self.contexts.length === 0) out.push({ path: "contexts", message: "at least one context is required" })
  if (self.contexts.length > 0 && !names.has("default")) {
    out.push({ path: "contexts", message: "a context named \"default\" is required (the conversation starts there)" })
  }
  if (self.contexts.length > maxContexts) out.push({ path: "contexts", message: `at most ${maxContexts} contexts` })
  if (names.size !== self.contexts.length) out.push({ path: "contexts", message: "context names must be unique" })
  for (const context of self.contexts) {
    const at = `contexts.${context.name}`
    const stepNames = new Set(context.steps.map((s) => s.name))
    if (context.steps.length === 0) out.push({ path: at, message: "a context needs at least one step" })
    if (context.steps.length > maxSteps) out.push({ path: at, message: `at most ${maxSteps} steps per context` })
    if (stepNames.size !== context.steps.length) out.push({ path: at, message: "step names must be unique" })
    if (context.text !== undefined && context.pom !== undefined) {
      out.push({ path: at, message: "a context prompt is text or POM, not both" })
    }
    context.steps.forEach((s, index) => {
      const where = `${at}.steps[${index}]`
      if (s.name === "next") out.push({ path: where, message: "\"next\" is reserved" })
      if ((s.text === undefined) === (s.pom === undefined)) {
        out.push({ path: where, message: "a step needs either text or a POM" })
      }
      if (s.end === true && s.validSteps !== undefined) out.push({ path: where, message: "end and validSteps exclude each other" })
      for (const target of s.validSteps ?? []) {
        if (target !== "next" && !stepNames.has(target)) out.push({ path: where, message: `unknown step "${target}"` })
      }
      for (const target of s.validContexts ?? []) {
        if (!names.has(target)) out.push({ path: where, message: `unknown context "${target}"` })
      }
      if (s.gatherInfo !== undefined) out.push(...gatherProblems(s.gatherInfo, `${where}.gatherInfo`, context, index))
    })
  }
  return out
}

const gatherProblems = (gather: GatherInfo, where: string, context: Context, index: number) => {
  const out: Array<{ path: string; message: string }> = []
  if (gather.questions.length === 0) out.push({ path: where, message: "gather mode needs at least one question" })
  const keys = new Set<string>()
  gather.questions.forEach((q, i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(q.key)) out.push({ path: `${where}.questions[${i}]`, message: `"${q.key}" is not a valid key` })
    if (keys.has(q.key)) out.push({ path: where, message: `the key "${q.key}" is asked twice` })
    keys.add(q.key)
  })
  const action = gather.completionAction
  if (action === "next_step" && index === context.steps.length - 1) {
    out.push({ path: where, message: "completionAction \"next_step\" on the last step of its context" })
  } else if (action !== undefined && action !== "next_step" && !context.steps.some((s) => s.name === action)) {
    out.push({ path: where, message: `completionAction names an unknown step "${action}"` })
  }
  return out
}

const renderGather = (g: GatherInfo) => {
  const [first, ...rest] = g.questions.map((q) => ({
    key: q.key,
    question: q.question,
    ...(q.type === undefined ? {} : { type: q.type }),
    ...(q.confirm === true ? { confirm: true } : {}),
    ...(q.prompt === undefined ? {} : { prompt: q.prompt }),
    ...(q.functions === undefined ? {} : { functions: q.functions })
  }))
  return {
    questions: [first!, ...rest] as const,
    ...(g.prompt === undefined ? {} : { prompt: g.prompt }),
    ...(g.outputKey === undefined ? {} : { output_key: g.outputKey }),
    ...(g.completionAction === undefined ? {} : { completion_action: g.completionAction })
  }
}

const renderStep = (s: Step): Contexts["default"]["steps"][number] => {
  const common = {
    name: s.name,
    ...(s.criteria === undefined ? {} : { step_criteria: s.criteria }),
    ...(s.functions === undefined ? {} : { functions: s.functions }),
    ...(s.validSteps === undefined ? {} : { valid_steps: s.validSteps }),
    ...(s.validContexts === undefined ? {} : { valid_contexts: s.validContexts }),
    ...(s.end === true ? { end: true } : {}),
    ...(s.skipUserTurn === true ? { skip_user_turn: true } : {}),
    ...(s.gatherInfo === undefined ? {} : { gather_info: renderGather(s.gatherInfo) })
  }
  return s.pom !== undefined ? { ...common, pom: Pom.toSections(s.pom) } : { ...common, text: s.text ?? "" }
}

const renderContext = (c: Context): Contexts["default"] => {
  const common = {
    steps: c.steps.map(renderStep),
    ...(c.isolated === true ? { isolated: true } : {}),
    ...(c.enterFillers === undefined ? {} : { enter_fillers: c.enterFillers }),
    ...(c.exitFillers === undefined ? {} : { exit_fillers: c.exitFillers })
  }
  const [first, ...rest] = c.pom === undefined ? [] : Pom.toSections(c.pom)
  return first !== undefined ? { ...common, pom: [first, ...rest] } : c.text !== undefined ? { ...common, text: c.text } : common
}

/**
 * Check the workflow and render `prompt.contexts`. Problems (no `default` context, a step that
 * points at an unknown step or context, a step without instructions, …) are a {@link ContextError}.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 *
 * const contexts = ContextBuilder.make().pipe(
 *   ContextBuilder.addStep("default", ContextBuilder.step("help", { text: "Help the caller" })),
 *   ContextBuilder.build
 * )
 * ```
 * @since 0.1.0
 */
export const build = (self: ContextBuilder): Either.Either<Contexts, ContextError> => {
  const issues = problems(self)
  if (issues.length > 0) {
    return Either.left(new ContextError({ message: issues.map((i) => `${i.path}: ${i.message}`).join("\n"), issues }))
  }
  const rendered = Object.fromEntries(self.contexts.map((c) => [c.name, renderContext(c)]))
  const main = rendered["default"]
  return main === undefined ? Either.left(new ContextError({ message: "no default context", issues: [] })) : Either.right({
    ...rendered,
    default: main
  })
}
