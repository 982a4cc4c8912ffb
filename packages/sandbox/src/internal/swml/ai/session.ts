/**
 * The state of one AI session: tools and which are active, global and meta data, the steps
 * workflow (active context and step, valid moves), what was said, the conversation log. One
 * session belongs to one call's fiber; it is mutated only from there.
 */
import { type Ai, Pom, type SwaigFunction } from "@signalwire-effect/swml"
import type { JsonObject } from "./context.js"
import type { McpTool } from "./mcp.js"

type Contexts = NonNullable<Ai.Config["prompt"]["contexts"]>
type ContextDef = Contexts["default"]
type StepDef = ContextDef["steps"][number]

export interface LogLine {
  readonly role: "system" | "user" | "assistant" | "function" | "tool"
  readonly content: string
  readonly [key: string]: unknown
}

const pomText = (pom: ReadonlyArray<unknown> | undefined): string | undefined => {
  if (pom === undefined || pom.length === 0) return undefined
  return Pom.toMarkdown(Pom.fromWire(pom as Parameters<typeof Pom.fromWire>[0]))
}

const textOf = (x: { readonly text?: string | undefined; readonly pom?: ReadonlyArray<unknown> | undefined }): string | undefined =>
  x.text ?? pomText(x.pom)

/** A `boolVar` as the platform reads it: `true`, `"true"`. */
export const truthy = (u: unknown): boolean => u === true || u === "true" || u === 1

type GatherDef = NonNullable<StepDef["gather_info"]>

/** A step's gather mode in progress: which question is open, the answers so far. */
export interface Gather {
  readonly info: GatherDef
  index: number
  readonly answers: { [key: string]: unknown }
}

export class Session {
  readonly functions: ReadonlyMap<string, SwaigFunction.Definition>
  readonly natives: ReadonlySet<string>
  readonly active = new Map<string, boolean>()
  globalData: JsonObject
  readonly metaData = new Map<string, JsonObject>()
  readonly contexts: Contexts | undefined
  context: string | undefined
  step: string | undefined
  /** The tools the active step allows; undefined: every active tool. Inherited when a step names none. */
  stepFunctions: ReadonlyArray<string> | undefined
  systemPrompt: string | undefined
  /** The step's gather mode while questions are open (only `gather_submit` and the question's functions are available). */
  gather: Gather | undefined
  readonly saidSinceCaller: Array<string> = []
  readonly callLog: Array<LogLine> = []
  readonly startedAt = Date.now()

  /** The tools offered by `SWAIG.mcp_servers`, by name (the document's own functions win a name clash). */
  readonly mcp: ReadonlyMap<string, McpTool>

  /**
   * `remote`: definitions registered from `SWAIG.includes`; `mcp`: tools listed by MCP servers
   * (the document's own functions win on a name clash, then includes).
   */
  constructor(readonly ai: Ai.Config, remote: ReadonlyArray<SwaigFunction.Definition> = [], mcp: ReadonlyArray<McpTool> = []) {
    const own = new Set([...remote, ...(ai.SWAIG?.functions ?? [])].map((f) => f.function))
    this.mcp = new Map(mcp.filter((t) => !own.has(t.definition.function)).map((t) => [t.definition.function, t]))
    this.functions = new Map(
      [...[...this.mcp.values()].map((t) => t.definition), ...remote, ...(ai.SWAIG?.functions ?? [])].map((f) => [f.function, f])
    )
    for (const f of this.functions.values()) this.active.set(f.function, f.active === undefined || truthy(f.active))
    this.natives = new Set(ai.SWAIG?.native_functions ?? [])
    this.globalData = { ...ai.global_data }
    for (const f of this.functions.values()) {
      const token = this.tokenOf(f.function)
      if (f.meta_data !== undefined && !this.metaData.has(token)) this.metaData.set(token, { ...f.meta_data })
    }
    this.contexts = ai.prompt.contexts
    if (this.contexts !== undefined) this.enterContext("default")
    this.callLog.push({ role: "system", content: this.prompt() })
  }

  param(name: string): unknown {
    return (this.ai.params as JsonObject | undefined)?.[name]
  }

  /** A param that defaults to on unless set to false. */
  allows(name: string): boolean {
    const value = this.param(name)
    return value === undefined || truthy(value)
  }

  /** The meta-data scope of a function: its `meta_data_token`, else its name. */
  tokenOf(name: string): string {
    return this.functions.get(name)?.meta_data_token ?? name
  }

  contextDef(name = this.context): ContextDef | undefined {
    return name === undefined ? undefined : (this.contexts as { readonly [k: string]: ContextDef } | undefined)?.[name]
  }

  stepDef(): StepDef | undefined {
    return this.contextDef()?.steps.find((s) => s.name === this.step)
  }

  private enterStep(step: StepDef) {
    this.step = step.name
    if (step.functions !== undefined) this.stepFunctions = step.functions
    this.gather = step.gather_info === undefined ? undefined : { info: step.gather_info, index: 0, answers: {} }
  }

  /** The open gather question. */
  gatherQuestion(): GatherDef["questions"][number] | undefined {
    return this.gather?.info.questions[this.gather.index]
  }

  /** The step after the active one in its context. */
  followingStep(): string | undefined {
    const steps = this.contextDef()?.steps ?? []
    return steps[steps.findIndex((s) => s.name === this.step) + 1]?.name
  }

  enterContext(name: string): boolean {
    const ctx = this.contextDef(name)
    if (ctx === undefined) return false
    this.context = name
    const initial = (ctx as { readonly initial_step?: string }).initial_step
    const step = ctx.steps.find((s) => s.name === initial) ?? ctx.steps[0]
    if (step !== undefined) this.enterStep(step)
    return true
  }

  goToStep(name: string): boolean {
    const step = this.contextDef()?.steps.find((s) => s.name === name)
    if (step === undefined) return false
    this.enterStep(step)
    return true
  }

  /** The steps `next_step` may move to now (`"next"` resolved to the following step). */
  validSteps(): ReadonlyArray<string> {
    const ctx = this.contextDef()
    const step = this.stepDef()
    if (ctx === undefined || step === undefined || step.end === true) return []
    const declared = step.valid_steps ?? (ctx as { readonly valid_steps?: ReadonlyArray<string> }).valid_steps ?? []
    const index = ctx.steps.findIndex((s) => s.name === step.name)
    return declared.flatMap((s) => s === "next" ? (ctx.steps[index + 1] === undefined ? [] : [ctx.steps[index + 1]!.name]) : [s])
  }

  validContexts(): ReadonlyArray<string> {
    const step = this.stepDef()
    if (step === undefined || step.end === true) return []
    return step.valid_contexts ?? (this.contextDef() as { readonly valid_contexts?: ReadonlyArray<string> } | undefined)?.valid_contexts ?? []
  }

  /** The tools the model can call now, in declaration order, then natives and the steps' internal tools. */
  available(): ReadonlyArray<string> {
    const question = this.gatherQuestion()
    if (question !== undefined) {
      return ["gather_submit", ...(question.functions ?? []).filter((n) => this.functions.has(n))]
    }
    const allowed = this.stepFunctions
    const declared = [...this.functions.keys()].filter((n) =>
      this.active.get(n) === true && (allowed === undefined || allowed.includes(n))
    )
    return [
      ...declared,
      ...this.natives,
      ...(this.validSteps().length > 0 ? ["next_step"] : []),
      ...(this.validContexts().length > 0 ? ["change_context"] : [])
    ]
  }

  /** The model's prompt now: the context switch's system prompt or the base prompt, then the context's and step's text. */
  prompt(): string {
    const base = this.systemPrompt ?? textOf(this.ai.prompt as { text?: string; pom?: ReadonlyArray<unknown> }) ?? ""
    const ctx = this.contextDef() as { readonly text?: string; readonly pom?: ReadonlyArray<unknown> } | undefined
    const step = this.stepDef() as (StepDef & { readonly pom?: ReadonlyArray<unknown> }) | undefined
    const question = this.gatherQuestion()
    if (question !== undefined) {
      return [
        base,
        ctx === undefined ? undefined : textOf(ctx),
        this.gather?.info.prompt,
        `Question for the caller: "${question.question}"`,
        question.type === undefined || question.type === "string" ? undefined : `The answer is of type ${question.type}.`,
        question.confirm === true ? "Read the answer back and have the caller confirm it before submitting it." : undefined,
        question.prompt,
        "Submit the answer with gather_submit; ask nothing else meanwhile."
      ].filter((p): p is string => p !== undefined && p !== "").join("\n\n")
    }
    const parts = [
      base,
      ctx === undefined ? undefined : textOf(ctx),
      step === undefined ? undefined : textOf(step),
      step?.step_criteria === undefined ? undefined : `Step criteria: ${step.step_criteria}`
    ]
    return parts.filter((p): p is string => p !== undefined && p !== "").join("\n\n")
  }

  aiSays(text: string) {
    this.saidSinceCaller.push(text)
    this.callLog.push({ role: "assistant", content: text })
  }

  callerSays(text: string) {
    this.saidSinceCaller.length = 0
    this.callLog.push({ role: "user", content: text })
  }
}
