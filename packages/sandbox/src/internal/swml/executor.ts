/**
 * The SWML interpreter: runs a document on a call as the platform does. `main` first; `goto`
 * jumps to a `label` of the current section (at most `max` times per goto, default 100);
 * `execute` runs a section, a URL's document or an inline document as a subroutine with its own
 * `params` (restored on return) and sets `return_value`; `transfer` leaves for good (every
 * `execute` frame unwinds); `return` ends a subroutine (or, in the outermost one, the document).
 * When the document runs out, the call is hung up. Every instruction is written to the
 * transcript; a verb the sandbox does not simulate ends the call (`error`).
 */
import * as Effect from "effect/Effect"
import * as Yaml from "yaml"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import { type AiScript, runAi } from "./ai/index.js"
import type { RunContext } from "./context.js"
import * as V from "./vars.js"
import * as Calling from "./calling.js"
import * as Conference from "./conference.js"
import * as Connect from "./connect.js"
import * as Queue from "./queue.js"
import * as Verbs from "./verbs.js"

/** Where a document comes from: a URL (fetched), inline text, or a document value. */
export type Source = string | Swml.Document

/** How an instruction list ended. */
export type Flow =
  | { readonly _tag: "Next" }
  | { readonly _tag: "Goto"; readonly label: string }
  | { readonly _tag: "Return"; readonly value: unknown }
  | { readonly _tag: "Transfer"; readonly dest: Source; readonly params: V.JsonRecord; readonly from: Loaded }
  | { readonly _tag: "Stop"; readonly reason: string; readonly by: Transcript.CallEnded["by"] }

const NEXT: Flow = { _tag: "Next" }
const STOP_ERROR: Flow = { _tag: "Stop", reason: "error", by: "error" }
const DEFAULT_GOTO_MAX = 100
const simulated: Readonly<Record<string, (ctx: RunContext, config: unknown, where: Verbs.Where) => Effect.Effect<Verbs.Outcome>>> = {
  ...Verbs.simulated,
  ...Calling.simulated,
  connect: Connect.connect
}
const MAX_DEPTH = 64
/** join_conference is run apart (it may run its wait document): this only marks it simulated. */
const joinMarker = () => Effect.succeed<Verbs.Outcome>(NEXT)

/**
 * `amazon_bedrock` as the `ai` verb it mirrors: the same prompt (its `voice_id` aside: no audio),
 * post-prompt, `post_prompt_url`, params, `global_data` and SWAIG functions, run by the same AI
 * simulation (the test's `AiScript`).
 */
const bedrockAsAi = (spec: Swml.Verbs["amazon_bedrock"]): Swml.Verbs["ai"] => {
  const { voice_id: _voice, ...prompt } = spec.prompt
  return {
    prompt,
    ...(spec.post_prompt === undefined ? {} : { post_prompt: spec.post_prompt }),
    ...(spec.post_prompt_url === undefined ? {} : { post_prompt_url: spec.post_prompt_url }),
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.global_data === undefined ? {} : { global_data: spec.global_data }),
    ...(spec.SWAIG === undefined ? {} : { SWAIG: spec.SWAIG })
  }
}

interface Loaded {
  readonly document: Swml.Document
  readonly source: string
}

interface Frame {
  readonly document: Swml.Document
  readonly source: string
  params: V.JsonRecord
  readonly depth: number
}

/**
 * How the first document of a run is fetched when it is a URL: the calling API's `url_method`
 * (GET sends no body) and `fallback_url` (fetched the same way when the URL cannot be fetched or
 * read; its document starts `via: "fallback"`).
 */
export interface Entry {
  readonly method?: "GET" | "POST" | undefined
  readonly fallback?: string | undefined
}

export interface Executor {
  /** Runs a document on the call until it hangs up, the document ends or the call ends. */
  readonly run: (source: Source, via: Transcript.DocumentStarted["via"], entry?: Entry) => Effect.Effect<void>
}

const isUrl = (text: string) => /^https?:\/\//i.test(text.trim())
const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//")

export interface Options {
  readonly signingKey: Redacted.Redacted<string>
  /** The test's script of the `ai` verbs. */
  readonly ai: AiScript | undefined
}

export const make = (ctx: RunContext, options: Options): Executor => {
  const gotoCounts = new WeakMap<object, number>()

  const scope = (frame: Frame) =>
    Effect.map(ctx.vars.get, (vars): V.Scope => ({ call: { ...ctx.info() }, params: frame.params, vars, envs: {} }))

  const failed = (where: Verbs.Where, verb: string, detail: string) =>
    ctx.append(Transcript.VerbFailed.make({ at: ctx.now(), ...where, verb, detail }))

  /** Decodes a document; an invalid one is a transcript entry. */
  const decode = (input: unknown, source: string, text: boolean) =>
    Effect.gen(function*() {
      // SignalWire takes SWML as JSON or YAML: text that is not JSON is read as YAML.
      const json = text ? Swml.decodeJsonEither(input as string) : Swml.decodeEither(input)
      const yaml = () =>
        Either.flatMap(
          Either.try({ try: () => Yaml.parse(input as string) as unknown, catch: () => undefined }),
          (value) => (typeof value === "object" && value !== null ? Either.right(value) : Either.left(undefined))
        )
      const decoded = text && Either.isLeft(json) && json.left.issues.some((i) => i.path === "(root)")
        ? Either.match(yaml(), { onLeft: () => json, onRight: (value) => Swml.decodeEither(value) })
        : json
      if (Either.isRight(decoded)) return decoded.right
      yield* ctx.append(Transcript.SwmlInvalid.make({ at: ctx.now(), source, issues: decoded.left.issues }))
      return undefined
    })

  /** Fetches a URL's document (POST with the call-info body, signed). */
  const fetchDocument = (url: string, params: V.JsonRecord, method: "GET" | "POST" = "POST") =>
    Effect.gen(function*() {
      const vars = yield* ctx.vars.get
      const body = method === "GET" ? undefined : JSON.stringify({ call: ctx.info(), vars, params, envs: {}, call_id: ctx.callId })
      const reply = yield* Verbs.httpExchange(ctx, { purpose: "swml", method, url, body, signing: "call" })
      if (Either.isLeft(reply)) return undefined
      return yield* decode(reply.right.text, redact(url), true)
    })

  /** Resolves a destination to a document (a section of the current one is handled by the caller). */
  const load = (dest: Source, params: V.JsonRecord, method?: "GET" | "POST"): Effect.Effect<Loaded | undefined> => {
    if (typeof dest !== "string") return Effect.map(decode(dest, "inline", false), (d) => (d === undefined ? undefined : { document: d, source: "inline" }))
    if (isUrl(dest)) {
      return Effect.map(fetchDocument(dest.trim(), params, method), (d) => (d === undefined ? undefined : { document: d, source: redact(dest.trim()) }))
    }
    return Effect.map(decode(dest, "inline", true), (d) => (d === undefined ? undefined : { document: d, source: "inline" }))
  }

  const runList = (
    frame: Frame,
    section: string,
    list: ReadonlyArray<Swml.Instruction>,
    path: string,
    enclosing: number | undefined
  ): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      let i = 0
      while (i < list.length) {
        const where = { section, index: enclosing ?? i, path: `${path}[${i}]` }
        const flow = yield* instruction(frame, where, list[i]!)
        if (flow._tag === "Goto" && enclosing === undefined) {
          const target = list.findIndex((item) => "label" in item && item.label === flow.label)
          if (target < 0) {
            yield* failed(where, "goto", `no label "${flow.label}" in section "${section}"`)
            return STOP_ERROR
          }
          yield* ctx.append(Transcript.Jumped.make({ at: ctx.now(), kind: "goto", target: flow.label }))
          i = target + 1
          continue
        }
        if (flow._tag !== "Next") return flow
        i++
      }
      return NEXT
    })

  const runSection = (frame: Frame, section: string): Effect.Effect<Flow> =>
    runList(frame, section, frame.document.sections[section] ?? [], section, undefined)

  /** A nested list (cond / switch branch, on_return): its index is that of the enclosing instruction. */
  const nested = (frame: Frame, where: Verbs.Where, list: ReadonlyArray<Swml.Instruction>, path: string) =>
    runList(frame, where.section, list, path, where.index)

  const branch = (frame: Frame, where: Verbs.Where, items: Swml.Verbs["cond"], path: string): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      for (const [k, item] of items.entries()) {
        if ("when" in item) {
          const s = yield* scope(frame)
          const holds = V.condition(s, item.when)
          if (Either.isLeft(holds)) {
            yield* failed(where, "cond", `when ${holds.left}`)
            return STOP_ERROR
          }
          if (holds.right) return yield* nested(frame, where, item.then, `${path}[${k}].then`)
          if (item.else !== undefined) return yield* nested(frame, where, item.else, `${path}[${k}].else`)
        } else return yield* nested(frame, where, item.else, `${path}[${k}].else`)
      }
      return NEXT
    })

  const switchOn = (
    frame: Frame,
    where: Verbs.Where,
    spec: Pick<Swml.Verbs["switch"], "case" | "default">,
    path: string,
    variable: string
  ) =>
    Effect.gen(function*() {
      const value = V.switchValue(yield* scope(frame), variable)
      const chosen = Object.hasOwn(spec.case, value) ? spec.case[value] : spec.default
      return chosen === undefined ? NEXT : yield* nested(frame, where, chosen, `${path}.${Object.hasOwn(spec.case, value) ? `case[${JSON.stringify(value)}]` : "default"}`)
    })

  /** `result` of execute / connect: a switch on `variable` (default `fallback`) or a cond list. */
  const result = (frame: Frame, where: Verbs.Where, spec: Swml.Verbs["execute"]["result"], path: string, fallback: string) => {
    if (spec === undefined) return Effect.succeed(NEXT)
    if (Array.isArray(spec)) return branch(frame, where, spec as Swml.Verbs["cond"], `${path}.result`)
    const table = spec as Exclude<Swml.Verbs["execute"]["result"], ReadonlyArray<unknown> | undefined>
    return switchOn(frame, where, table, `${path}.result`, table.variable ?? fallback)
  }

  const execute = (frame: Frame, where: Verbs.Where, spec: Swml.Verbs["execute"]): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      const s = yield* scope(frame)
      const dest = V.expand(s, spec.dest)
      const params = V.expandDeep(s, spec.params ?? {})
      if (Either.isLeft(dest) || Either.isLeft(params)) {
        yield* failed(where, "execute", Either.isLeft(dest) ? dest.left : Either.isLeft(params) ? params.left : "")
        return STOP_ERROR
      }
      if (frame.depth >= MAX_DEPTH) {
        yield* failed(where, "execute", `more than ${MAX_DEPTH} nested executes`)
        return STOP_ERROR
      }
      const target = String(dest.right)
      const callParams = params.right as V.JsonRecord
      yield* ctx.append(Transcript.Jumped.make({ at: ctx.now(), kind: "execute", target: isUrl(target) ? redact(target) : target }))
      let flow: Flow
      if (Object.hasOwn(frame.document.sections, target)) {
        const saved = frame.params
        frame.params = callParams
        flow = yield* runSection({ ...frame, params: callParams, depth: frame.depth + 1 }, target)
        frame.params = saved
      } else if (isUrl(target) || target.trim().startsWith("{")) {
        const loaded = yield* load(target, callParams)
        if (loaded === undefined) return STOP_ERROR
        yield* ctx.append(Transcript.DocumentStarted.make({ at: ctx.now(), source: loaded.source, via: "execute" }))
        flow = yield* runSection({ ...loaded, params: callParams, depth: frame.depth + 1 }, "main")
      } else {
        yield* failed(where, "execute", `no section "${target}"`)
        return STOP_ERROR
      }
      if (flow._tag === "Transfer" || flow._tag === "Stop") return flow
      const value = flow._tag === "Return" ? flow.value : undefined
      yield* ctx.vars.set({ return_value: value ?? "" })
      if (spec.on_return !== undefined) {
        const after = yield* nested(frame, where, spec.on_return, `${where.path}.on_return`)
        if (after._tag !== "Next") return after
      }
      return yield* result(frame, where, spec.result, where.path, "return_value")
    })

  /** A `wait_url` document (join_conference): fetched as SWML is, its main section run; how it ends does not matter. */
  const waitDocument = (frame: Frame, url: string): Effect.Effect<void> =>
    Effect.gen(function*() {
      const loaded = yield* load(url, frame.params)
      if (loaded === undefined) return
      yield* ctx.append(Transcript.DocumentStarted.make({ at: ctx.now(), source: loaded.source, via: "execute" }))
      yield* runSection({ ...loaded, params: frame.params, depth: frame.depth + 1 }, "main")
    })

  const instruction = (frame: Frame, where: Verbs.Where, item: Swml.Instruction): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      const verb = Object.keys(item)[0] ?? ""
      const config: unknown = (item as Record<string, unknown>)[verb]
      yield* ctx.append(Transcript.Verb.make({ at: ctx.now(), ...where, verb }))
      switch (verb) {
        case "label":
          return NEXT
        case "cond":
          return yield* branch(frame, where, config as Swml.Verbs["cond"], `${where.path}.cond`)
        case "switch": {
          const spec = config as Swml.Verbs["switch"]
          return yield* switchOn(frame, where, spec, `${where.path}.switch`, spec.variable)
        }
        case "goto": {
          const spec = config as Swml.Verbs["goto"]
          if (spec.when !== undefined) {
            const holds = V.condition(yield* scope(frame), spec.when)
            if (Either.isLeft(holds)) {
              yield* failed(where, "goto", `when ${holds.left}`)
              return STOP_ERROR
            }
            if (!holds.right) return NEXT
          }
          const max = typeof spec.max === "number" ? spec.max : DEFAULT_GOTO_MAX
          const count = gotoCounts.get(item) ?? 0
          if (count >= max) return NEXT
          gotoCounts.set(item, count + 1)
          return { _tag: "Goto", label: spec.label } as const
        }
        case "execute":
          return yield* execute(frame, where, config as Swml.Verbs["execute"])
        case "return": {
          const value = V.expandDeep(yield* scope(frame), config)
          const returned = Either.getOrElse(value, () => undefined)
          yield* ctx.append(Transcript.Jumped.make({ at: ctx.now(), kind: "return", target: frame.source, value: returned }))
          return { _tag: "Return", value: returned } as const
        }
        case "transfer": {
          const spec = config as Swml.Verbs["transfer"]
          const s = yield* scope(frame)
          const dest = V.expand(s, spec.dest)
          const params = V.expandDeep(s, spec.params ?? {})
          if (Either.isLeft(dest) || Either.isLeft(params)) {
            yield* failed(where, "transfer", Either.isLeft(dest) ? dest.left : Either.isLeft(params) ? params.left : "")
            return STOP_ERROR
          }
          return { _tag: "Transfer", dest: String(dest.right), params: params.right as V.JsonRecord, from: frame } as const
        }
        case "ai":
        case "amazon_bedrock": {
          const spec = verb === "ai" ? config as Swml.Verbs["ai"] : bedrockAsAi(config as Swml.Verbs["amazon_bedrock"])
          const outcome = yield* runAi(spec, { ...ctx, signingKey: options.signingKey, script: options.ai, where })
          switch (outcome._tag) {
            case "Continue":
              return NEXT
            case "Hangup":
              return { _tag: "Stop", reason: outcome.reason, by: "ai" } as const
            case "Transfer":
              return { _tag: "Transfer", dest: outcome.dest, params: {}, from: frame } as const
          }
        }
      }
      if (verb === "enter_queue") {
        const spec = V.expandDeep(yield* scope(frame), config)
        if (Either.isLeft(spec)) {
          yield* failed(where, verb, spec.left)
          return STOP_ERROR
        }
        const outcome = yield* Queue.enterQueue(ctx, spec.right as Swml.Verbs["enter_queue"], where)
        return outcome._tag === "TransferTo" ? { _tag: "Transfer", dest: outcome.dest, params: {}, from: frame } as const : outcome._tag === "Result" ? NEXT : outcome
      }
      const simple = Object.hasOwn(simulated, verb) ? simulated[verb as keyof typeof simulated] : verb === "join_conference" ? joinMarker : undefined
      if (simple === undefined) {
        yield* ctx.append(Transcript.VerbUnsupported.make({ at: ctx.now(), ...where, verb }))
        return STOP_ERROR
      }
      // connect's result / confirm and join_conference's result hold instructions: they are expanded when they run.
      const holds = verb === "connect" || verb === "join_conference"
      const { confirm, result: held, ...rest } = (holds ? config : {}) as Record<string, unknown>
      const expanded = holds
        ? Either.map(V.expandDeep(yield* scope(frame), rest), (r) => ({ ...(r as V.JsonRecord), result: held, confirm }))
        : V.expandDeep(yield* scope(frame), config)
      if (Either.isLeft(expanded)) {
        yield* failed(where, verb, expanded.left)
        return STOP_ERROR
      }
      const outcome = verb === "join_conference"
        ? yield* Conference.joinConference(ctx, expanded.right as Swml.Verbs["join_conference"], where, held as Swml.Verbs["join_conference"]["result"], (url) => waitDocument(frame, url))
        : yield* simple(ctx, expanded.right, where)
      if (outcome._tag === "Result") return yield* result(frame, where, outcome.result, where.path, outcome.variable)
      if (outcome._tag === "TransferTo") return { _tag: "Transfer", dest: outcome.dest, params: {}, from: frame } as const
      return outcome
    })

  const run: Executor["run"] = (source, via, entry) =>
    Effect.gen(function*() {
      let dest: Source = source
      let params: V.JsonRecord = {}
      let how = via
      let current: Loaded | undefined
      let first = true
      for (;;) {
        let section = "main"
        if (current !== undefined && typeof dest === "string" && Object.hasOwn(current.document.sections, dest)) {
          section = dest
        } else {
          if (typeof dest === "string" && !isUrl(dest) && !dest.trim().startsWith("{") && current !== undefined) {
            yield* ctx.append(Transcript.VerbFailed.make({ at: ctx.now(), section: "main", index: -1, path: "transfer", verb: "transfer", detail: `no section "${dest}"` }))
            return yield* ctx.ops.end("error", "error")
          }
          current = yield* load(dest, params, first ? entry?.method : undefined)
          if (current === undefined && first && entry?.fallback !== undefined && typeof dest === "string" && isUrl(dest)) {
            current = yield* load(entry.fallback, params, entry.method)
            how = "fallback"
          }
          if (current === undefined) return yield* ctx.ops.end("error", "error")
          yield* ctx.append(Transcript.DocumentStarted.make({ at: ctx.now(), source: current.source, via: how }))
        }
        first = false
        const flow = yield* runSection({ document: current.document, source: current.source, params, depth: 0 }, section)
        switch (flow._tag) {
          case "Transfer":
            yield* ctx.append(Transcript.Jumped.make({ at: ctx.now(), kind: "transfer", target: typeof flow.dest === "string" ? redact(flow.dest) : "inline" }))
            dest = flow.dest
            params = flow.params
            current = { document: flow.from.document, source: flow.from.source }
            how = "transfer"
            continue
          case "Stop":
            return yield* ctx.ops.end(flow.reason, flow.by)
          default:
            return yield* ctx.ops.end("hangup", "swml")
        }
      }
    })

  return { run }
}
