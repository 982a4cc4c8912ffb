/**
 * A call to an agent, run outside the simulated telephony: fetch the SWML document as the platform
 * does (POST of the call info, Basic auth from the URL, signed), then run the verbs an agent
 * renders around its `ai` verb (answer, record_call, set/unset, hangup, transfer to a section, a
 * URL or a document) and the `ai` verb itself with the test's script. A verb it does not run ends
 * the call with a `VerbNotRun` entry naming it.
 */
import { randomUUID } from "node:crypto"
import type * as HttpClient from "@effect/platform/HttpClient"
import { Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { AiScript } from "../../AiScript.js"
import type { AiOutcome, JsonObject, ScriptCursor, SmsRequest } from "../swml/ai/context.js"
import { AiEntry } from "../swml/ai/entries.js"
import { postJson, redactUrl } from "../swml/ai/http.js"
import { runAi } from "../swml/ai/index.js"

/** A SWML document fetched for the call (or the fetch that failed). */
export const SwmlFetched = Schema.TaggedStruct("SwmlFetched", {
  url: Schema.String,
  status: Schema.optional(Schema.Number),
  error: Schema.optional(Schema.String)
})
/** A verb run on the call. */
export const VerbRun = Schema.TaggedStruct("VerbRun", { verb: Schema.String, config: Schema.Unknown })
/** A verb this runner does not run: the call ends there. */
export const VerbNotRun = Schema.TaggedStruct("VerbNotRun", { verb: Schema.String })
/** An SMS a tool's reply sent. */
export const SmsSent = Schema.TaggedStruct("SmsSent", { to: Schema.String, from: Schema.String, body: Schema.optional(Schema.String) })
/** The call ended. */
export const CallEnded = Schema.TaggedStruct("CallEnded", { reason: Schema.String })

export const Entry = Schema.Union(AiEntry, SwmlFetched, VerbRun, VerbNotRun, SmsSent, CallEnded)
export type Entry = typeof Entry.Type

export interface RunOptions {
  readonly swmlUrl: string
  readonly script: AiScript
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly callId?: string | undefined
  readonly projectId?: string | undefined
  readonly signingKey?: Redacted.Redacted<string> | undefined
}

const MAX_DOCUMENTS = 20

/** The `call` object of the SWML fetch body (agents-surface §6.1 shape). */
export const callInfo = (options: Pick<RunOptions, "from" | "to" | "projectId">, callId: string): JsonObject => ({
  call_id: callId,
  node_id: "sandbox-node",
  segment_id: callId,
  call_session_id: callId,
  tag: callId,
  state: "created",
  direction: "inbound",
  type: "phone",
  from: options.from ?? "+15550000001",
  to: options.to ?? "+15550000002",
  headers: [],
  project_id: options.projectId ?? "sandbox-project",
  space_id: "sandbox-space"
})

/** Fetch a SWML document as the platform does; the failure is the fetch's or the document's. */
export const fetchDocument = (
  http: HttpClient.HttpClient,
  url: string,
  call: JsonObject,
  signingKey: Redacted.Redacted<string> | undefined
): Effect.Effect<Either.Either<{ readonly status: number; readonly document: Swml.Document }, { readonly status?: number | undefined; readonly error: string }>> =>
  Effect.map(
    postJson(http, url, { call, vars: { userVariables: {} }, params: {}, call_id: call["call_id"] }, signingKey),
    (posted) => {
      if (posted._tag === "Failed") return Either.left({ status: posted.status, error: posted.detail })
      return Either.match(Swml.decodeEither(posted.json), {
        onLeft: (e) => Either.left({ status: posted.status, error: `not a SWML document: ${e.message}` }),
        onRight: (document) => Either.right({ status: posted.status, document })
      })
    }
  )

export const run = (http: HttpClient.HttpClient, options: RunOptions): Effect.Effect<{
  readonly entries: ReadonlyArray<Entry>
  readonly cursor: ScriptCursor
  readonly ended: string
}> =>
  Effect.gen(function*() {
    const entries: Array<Entry> = []
    const append = (entry: Entry) => Effect.sync(() => void entries.push(entry))
    const callId = options.callId ?? randomUUID()
    const call = callInfo(options, callId)
    let vars: JsonObject = {}
    const cursor: ScriptCursor = { script: options.script, position: 0 }
    const ctx = {
      callId,
      call,
      vars: {
        get: Effect.sync(() => vars),
        set: (values: JsonObject) => Effect.sync(() => void (vars = { ...vars, ...values })),
        unset: (names: ReadonlyArray<string>) =>
          Effect.sync(() => void (vars = Object.fromEntries(Object.entries(vars).filter(([k]) => !names.includes(k)))))
      },
      append,
      http,
      signingKey: options.signingKey,
      script: cursor,
      sendSms: (sms: SmsRequest) =>
        append({ _tag: "SmsSent", to: sms.to_number, from: sms.from_number, ...(sms.body === undefined ? {} : { body: sms.body }) })
    }
    const fetchDoc = (url: string) =>
      Effect.gen(function*() {
        const fetched = yield* fetchDocument(http, url, call, options.signingKey)
        if (Either.isLeft(fetched)) {
          const { error, status } = fetched.left
          yield* append({ _tag: "SwmlFetched", url: redactUrl(url), error, ...(status === undefined ? {} : { status }) })
          return undefined
        }
        yield* append({ _tag: "SwmlFetched", url: redactUrl(url), status: fetched.right.status })
        return fetched.right.document
      })
    let ended = "completed"
    let source: Swml.Document | string = options.swmlUrl
    let section = "main"
    let current: Swml.Document | undefined
    for (let hops = 0; hops < MAX_DOCUMENTS; hops++) {
      if (typeof source === "string") {
        if (current !== undefined && current.sections[source] !== undefined) section = source
        else {
          current = /^https?:/.test(source) ? yield* fetchDoc(source) : undefined
          section = "main"
          if (current === undefined) {
            ended = "error"
            break
          }
        }
      } else {
        current = source
        section = "main"
      }
      let next: Swml.Document | string | undefined
      for (const instruction of current.sections[section] ?? []) {
        const [verb, config] = Object.entries(instruction)[0] ?? ["", undefined]
        yield* append({ _tag: "VerbRun", verb, config: verb === "ai" ? "(ai)" : config })
        let outcome: AiOutcome = { _tag: "Continue" }
        if (verb === "answer" || verb === "record_call") continue
        else if (verb === "set") yield* ctx.vars.set(config as JsonObject)
        else if (verb === "unset") yield* ctx.vars.unset(typeof config === "string" ? [config] : config as ReadonlyArray<string>)
        else if (verb === "hangup") outcome = { _tag: "Hangup", reason: "hangup" }
        else if (verb === "transfer") outcome = { _tag: "Transfer", dest: (config as Swml.Verbs["transfer"]).dest }
        else if (verb === "ai") outcome = yield* runAi(config, ctx)
        else {
          yield* append({ _tag: "VerbNotRun", verb })
          outcome = { _tag: "Hangup", reason: "error" }
        }
        if (outcome._tag === "Hangup") {
          ended = outcome.reason
          break
        }
        if (outcome._tag === "Transfer") {
          next = outcome.dest
          break
        }
      }
      if (next === undefined) break
      source = next
    }
    const left = cursor.script.turns.slice(cursor.position).filter((t) => !("end" in t))
    if (left.length > 0 && !entries.some((e) => e._tag === "AiFailure" && e.reason === "script_unfinished")) {
      yield* append({ _tag: "AiFailure", reason: "script_unfinished", detail: `the call ended with ${left.length} turn(s) of the script not run` })
    }
    yield* append({ _tag: "CallEnded", reason: ended })
    return { entries, cursor, ended }
  })
