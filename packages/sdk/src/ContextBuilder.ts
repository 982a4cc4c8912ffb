/**
 * `ContextBuilder`, `Context`, `Step`: structured conversations (contexts made of steps, each
 * with its prompt, completion criteria, allowed functions and allowed next steps), the
 * reference's mutable builder API over `@signalwire-effect/swml`'s `ContextBuilder`, which
 * validates and renders them.
 *
 * Differences from the reference (DIFFERENCES.md #18): sections added with `addSection` /
 * `addBullets` are sent as a POM (`pom`), not rendered to Markdown text locally; the step and
 * context options the SWML schema does not define (step `reset`, `skip_to_next_step`,
 * context `system_prompt`, `post_prompt`, `consolidate`, `full_reset`, `user_prompt`,
 * `initial_step`, context-level `valid_steps` / `valid_contexts`) are not provided; `toDict()`
 * throws the schema's complaints (a `default` context is required, as the platform starts there).
 *
 * @since 0.1.0
 */
import { ContextBuilder as Cb, Pom } from "@signalwire-effect/swml"
import * as Either from "effect/Either"

type Sections = Array<{ title: string; body?: string; bullets?: Array<string> }>

const pomOf = (sections: Sections): Pom.Pom =>
  sections.reduce(
    (pom, s) => Pom.addSection(pom, s.title, s.bullets === undefined ? { body: s.body ?? "" } : { bullets: s.bullets }),
    Pom.make()
  )

/**
 * One step of a context.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/sdk"
 *
 * const step = new ContextBuilder().addContext("default").addStep("greet")
 * step.setText("Greet the caller").setStepCriteria("The caller said hello").setValidSteps(["help"])
 * ```
 * @since 0.1.0
 */
export class Step {
  readonly name: string
  #text: string | undefined
  #sections: Sections = []
  #criteria: string | undefined
  #functions: string | Array<string> | undefined
  #validSteps: Array<string> | undefined
  #validContexts: Array<string> | undefined
  #end = false
  #skipUserTurn = false
  #gather: { outputKey?: string; completionAction?: string; prompt?: string; questions: Array<Cb.GatherQuestion> } | undefined

  constructor(name: string) {
    this.name = name
  }

  setText(text: string): this {
    if (this.#sections.length > 0) throw new Error("Cannot use setText() when POM sections have been added.")
    this.#text = text
    return this
  }

  addSection(title: string, body: string): this {
    if (this.#text !== undefined) throw new Error("Cannot add POM sections when setText() has been used.")
    this.#sections.push({ title, body })
    return this
  }

  addBullets(title: string, bullets: Array<string>): this {
    if (this.#text !== undefined) throw new Error("Cannot add POM sections when setText() has been used.")
    this.#sections.push({ title, bullets })
    return this
  }

  clearSections(): this {
    this.#sections = []
    this.#text = undefined
    return this
  }

  setStepCriteria(criteria: string): this {
    this.#criteria = criteria
    return this
  }

  /** `"none"` or a list of function names active in this step. */
  setFunctions(functions: string | Array<string>): this {
    this.#functions = functions
    return this
  }

  setValidSteps(steps: Array<string>): this {
    this.#validSteps = steps
    return this
  }

  setValidContexts(contexts: Array<string>): this {
    this.#validContexts = contexts
    return this
  }

  setEnd(end: boolean): this {
    this.#end = end
    return this
  }

  setSkipUserTurn(skip: boolean): this {
    this.#skipUserTurn = skip
    return this
  }

  /**
   * Put the step in gather mode: its questions (added with `addGatherQuestion`) are asked one at
   * a time, the answers stored in global data (under `outputKey` when given).
   */
  setGatherInfo(opts: { outputKey?: string; completionAction?: string; prompt?: string } = {}): this {
    this.#gather = { ...opts, questions: [] }
    return this
  }

  /** Add a gather question (`type`: string, integer, number or boolean). Call `setGatherInfo` first. */
  addGatherQuestion(opts: {
    key: string
    question: string
    type?: "string" | "integer" | "number" | "boolean"
    confirm?: boolean
    prompt?: string
    functions?: Array<string>
  }): this {
    if (this.#gather === undefined) throw new Error("Must call setGatherInfo() before addGatherQuestion()")
    this.#gather.questions.push(opts)
    return this
  }

  /** The Effect step. */
  toEffect(): Cb.Step {
    const functions = this.#functions === undefined
      ? undefined
      : typeof this.#functions === "string"
      ? (this.#functions === "none" ? [] : [this.#functions])
      : this.#functions
    return Cb.step(this.name, {
      ...(this.#text !== undefined ? { text: this.#text } : this.#sections.length > 0 ? { pom: pomOf(this.#sections) } : {}),
      ...(this.#criteria === undefined ? {} : { criteria: this.#criteria }),
      ...(functions === undefined ? {} : { functions }),
      ...(this.#validSteps === undefined ? {} : { validSteps: this.#validSteps }),
      ...(this.#validContexts === undefined ? {} : { validContexts: this.#validContexts }),
      ...(this.#end ? { end: true } : {}),
      ...(this.#skipUserTurn ? { skipUserTurn: true } : {}),
      ...(this.#gather === undefined ? {} : { gatherInfo: this.#gather })
    })
  }
}

/**
 * A named context: ordered steps, an optional prompt of its own, fillers on entry and exit.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/sdk"
 *
 * const billing = new ContextBuilder().addContext("billing").setIsolated(true)
 * billing.addStep("collect", { task: "Collect the invoice number", criteria: "Invoice number known" })
 * ```
 * @since 0.1.0
 */
export class Context {
  readonly name: string
  readonly #steps = new Map<string, Step>()
  #order: Array<string> = []
  #text: string | undefined
  #sections: Sections = []
  #isolated = false
  #enterFillers: Record<string, Array<string>> | undefined
  #exitFillers: Record<string, Array<string>> | undefined

  constructor(name: string) {
    this.name = name
  }

  /** A new step; `task` becomes a "Task" section, `bullets` a "Process" section. */
  addStep(name: string, opts?: { task?: string; bullets?: Array<string>; criteria?: string; functions?: string | Array<string>; validSteps?: Array<string> }): Step {
    if (this.#steps.has(name)) throw new Error(`Step '${name}' already exists in context '${this.name}'`)
    const step = new Step(name)
    this.#steps.set(name, step)
    this.#order.push(name)
    if (opts?.task) step.addSection("Task", opts.task)
    if (opts?.bullets) step.addBullets("Process", opts.bullets)
    if (opts?.criteria) step.setStepCriteria(opts.criteria)
    if (opts?.functions) step.setFunctions(opts.functions)
    if (opts?.validSteps) step.setValidSteps(opts.validSteps)
    return step
  }

  getStep(name: string): Step | undefined {
    return this.#steps.get(name)
  }

  removeStep(name: string): this {
    this.#steps.delete(name)
    this.#order = this.#order.filter((n) => n !== name)
    return this
  }

  moveStep(name: string, position: number): this {
    if (!this.#steps.has(name)) throw new Error(`Step '${name}' not found in context '${this.name}'`)
    const rest = this.#order.filter((n) => n !== name)
    this.#order = [...rest.slice(0, position), name, ...rest.slice(position)]
    return this
  }

  setIsolated(isolated: boolean): this {
    this.#isolated = isolated
    return this
  }

  setPrompt(prompt: string): this {
    if (this.#sections.length > 0) throw new Error("Cannot use setPrompt() when POM sections have been added.")
    this.#text = prompt
    return this
  }

  addSection(title: string, body: string): this {
    if (this.#text !== undefined) throw new Error("Cannot add POM sections when setPrompt() has been used.")
    this.#sections.push({ title, body })
    return this
  }

  addBullets(title: string, bullets: Array<string>): this {
    if (this.#text !== undefined) throw new Error("Cannot add POM sections when setPrompt() has been used.")
    this.#sections.push({ title, bullets })
    return this
  }

  setEnterFillers(fillers: Record<string, Array<string>>): this {
    this.#enterFillers = fillers
    return this
  }

  setExitFillers(fillers: Record<string, Array<string>>): this {
    this.#exitFillers = fillers
    return this
  }

  addEnterFiller(languageCode: string, fillers: Array<string>): this {
    this.#enterFillers = { ...this.#enterFillers, [languageCode]: fillers }
    return this
  }

  addExitFiller(languageCode: string, fillers: Array<string>): this {
    this.#exitFillers = { ...this.#exitFillers, [languageCode]: fillers }
    return this
  }

  /** Step names in order. */
  getStepOrder(): ReadonlyArray<string> {
    return this.#order
  }

  /** The Effect context's options and steps. */
  toEffect(): { readonly name: string; readonly options: Parameters<typeof Cb.addContext>[2] } {
    return {
      name: this.name,
      options: {
        steps: this.#order.map((n) => this.#steps.get(n)!.toEffect()),
        ...(this.#text !== undefined ? { text: this.#text } : this.#sections.length > 0 ? { pom: pomOf(this.#sections) } : {}),
        ...(this.#isolated ? { isolated: true } : {}),
        ...(this.#enterFillers === undefined ? {} : { enterFillers: this.#enterFillers }),
        ...(this.#exitFillers === undefined ? {} : { exitFillers: this.#exitFillers })
      }
    }
  }
}

/**
 * The contexts of an agent (`agent.defineContexts()` returns the agent's builder).
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/sdk"
 *
 * const contexts = new ContextBuilder()
 * contexts.addContext("default").addStep("greet").setText("Greet the caller").setEnd(true)
 * contexts.toDict() // { default: { steps: [{ name: "greet", text: "Greet the caller", end: true }] } }
 * ```
 * @since 0.1.0
 */
export class ContextBuilder {
  readonly #contexts = new Map<string, Context>()

  addContext(name: string): Context {
    if (this.#contexts.has(name)) throw new Error(`Context '${name}' already exists`)
    const context = new Context(name)
    this.#contexts.set(name, context)
    return context
  }

  getContext(name: string): Context | undefined {
    return this.#contexts.get(name)
  }

  /** Remove every context. */
  reset(): this {
    this.#contexts.clear()
    return this
  }

  /** Whether any context was added. */
  get isEmpty(): boolean {
    return this.#contexts.size === 0
  }

  /** The Effect builder. */
  toEffect(): Cb.ContextBuilder {
    let builder = Cb.make()
    for (const context of this.#contexts.values()) {
      const { name, options } = context.toEffect()
      builder = Cb.addContext(builder, name, options)
    }
    return builder
  }

  /** Throws what the SWML schema has against the contexts. */
  validate(): void {
    this.toDict()
  }

  /** The `contexts` object as sent (context name → `{steps, …}`). */
  toDict(): Cb.Contexts {
    const built = Cb.build(this.toEffect())
    if (Either.isLeft(built)) throw new Error(built.left.message)
    return built.right
  }
}

/**
 * A standalone context (no builder): `createSimpleContext()` is named `default`, the name a
 * single-context workflow must have.
 *
 * @example
 * ```ts
 * import { createSimpleContext } from "@signalwire-effect/sdk"
 *
 * const context = createSimpleContext()
 * context.addStep("greet", { task: "Greet the caller" })
 * ```
 * @since 0.1.0
 */
export const createSimpleContext = (name = "default"): Context => new Context(name)
