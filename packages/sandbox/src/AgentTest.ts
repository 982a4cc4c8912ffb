/**
 * Test your own agent with a whole scripted call, no account and no model: serve the agent on
 * loopback, run a call whose conversation is an {@link AiScript}, assert on the transcript.
 *
 * ```ts
 * const served = yield* AgentTest.serve([support])
 * const result = yield* AgentTest.runCall({
 *   swmlUrl: served.url("/support"),
 *   script: AiScript.make([AiScript.says("Where is order A-17?"), AiScript.callsTool("order_status", { order: "A-17" }), AiScript.expectSaid("shipped")])
 * })
 * expect(result.passed).toBe(true)
 * ```
 *
 * @since 0.1.0
 */
import { randomUUID } from "node:crypto"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServer from "@effect/platform/HttpServer"
import { AgentServer, NodeServer } from "@signalwire-effect/agents"
import type { AgentError } from "@signalwire-effect/agents"
import type { Swml } from "@signalwire-effect/swml"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { AiScript } from "./AiScript.js"
import * as Runner from "./internal/agentTest/runner.js"
import { urlWithCredentials } from "./internal/agentTest/urls.js"
import { redactUrl } from "./internal/swml/ai/http.js"

/**
 * One entry of a call's transcript: the documents fetched, the verbs run, and every step of the
 * scripted AI (`CallerSaid`, `AiSaid`, `SwaigRequest`, `SwaigReply`, `ActionApplied`,
 * `GlobalDataChanged`, `StepChanged`, `DataMapRun`, `NativeCalled`, `PostPromptSent`,
 * `AssertionResult`, `AiFailure`, `AiEnded`, …), tagged by `_tag`.
 *
 * @example
 * ```ts
 * import type { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const isToolCall = (e: AgentTest.Entry) => e._tag === "SwaigRequest"
 * ```
 * @since 0.1.0
 */
export type Entry = Runner.Entry

/**
 * The schema of an {@link Entry} (the transcript is JSON; the CLI prints it).
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(AgentTest.Entry)({ _tag: "CallEnded", reason: "caller" }) // true
 * ```
 * @since 0.1.0
 */
export const Entry = Runner.Entry

/**
 * A scripted call as it happened.
 *
 * - `entries`: the transcript, in order;
 * - `passed`: every assertion held, nothing failed, and the whole script ran;
 * - `failures`: the failed assertions and the failures (`AiFailure`, `VerbNotRun`, a failed fetch);
 * - `ended`: how the call ended (`caller`, `hangup`, `error`, `completed`).
 *
 * @example
 * ```ts
 * import type { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const summary = (r: AgentTest.Result) => `${r.ended}: ${r.passed ? "passed" : `${r.failures.length} failure(s)`}`
 * ```
 * @since 0.1.0
 */
export interface Result {
  readonly entries: ReadonlyArray<Entry>
  readonly passed: boolean
  readonly failures: ReadonlyArray<Entry>
  readonly ended: string
}

/**
 * A call to run: the URL the platform fetches SWML from (credentials in it are sent as Basic
 * auth), the script, and optionally the call's numbers, id, and the signing key requests are
 * signed with (`X-Signalwire-Signature`, as an agent with a `signingKey` checks).
 *
 * @example
 * ```ts
 * import { AiScript, type AgentTest } from "@signalwire-effect/sandbox"
 *
 * const call: AgentTest.CallOptions = { swmlUrl: "http://user:pass@127.0.0.1:3000/support", script: AiScript.make([AiScript.says("Hi")]), from: "+15551230000" }
 * ```
 * @since 0.1.0
 */
export interface CallOptions {
  readonly swmlUrl: string
  readonly script: AiScript
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly callId?: string | undefined
  readonly projectId?: string | undefined
  readonly signingKey?: Redacted.Redacted<string> | string | undefined
}

const failed = (e: Entry): boolean =>
  e._tag === "AiFailure" || e._tag === "VerbNotRun" || (e._tag === "AssertionResult" && !e.passed) ||
  (e._tag === "SwmlFetched" && e.error !== undefined) || (e._tag === "PostPromptSent" && e.error !== undefined)

/**
 * Run one scripted call against the agent at `swmlUrl` (uses the `HttpClient` in context when
 * there is one, else `fetch`).
 *
 * @example
 * ```ts
 * import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
 *
 * const result = AgentTest.runCall({
 *   swmlUrl: "http://user:pass@127.0.0.1:3000/support",
 *   script: AiScript.make([AiScript.says("What's the weather in Paris?"), AiScript.callsTool("get_weather", { city: "Paris" })])
 * })
 * ```
 * @since 0.1.0
 */
export const runCall = (options: CallOptions): Effect.Effect<Result> =>
  Effect.gen(function*() {
    const client = yield* clientOf
    const key = options.signingKey
    const run = yield* Runner.run(client, {
      ...options,
      signingKey: typeof key === "string" ? Redacted.make(key) : key
    })
    const entries = run.entries
    const failures = entries.filter(failed)
    return { entries, failures, passed: failures.length === 0, ended: run.ended }
  }).pipe(Effect.withSpan("AgentTest.runCall"))

const clientOf = Effect.flatMap(
  Effect.serviceOption(HttpClient.HttpClient),
  (http) => http._tag === "Some" ? Effect.succeed(http.value) : Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)
)

/**
 * A SWML fetch failed: the agent was unreachable or refused (`status`), or did not answer SWML.
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * AgentTest.fetchSwml({ swmlUrl: "http://127.0.0.1:1/" }).pipe(Effect.catchTag("SwmlFetchError", (e) => Effect.succeed(e.message)))
 * ```
 * @since 0.1.0
 */
export class SwmlFetchError extends Data.TaggedError("SwmlFetchError")<{
  readonly status?: number | undefined
  readonly message: string
}> {}

/**
 * Fetch the agent's SWML as the platform does for a call (POST of the call info, Basic auth from
 * the URL, signed when a signing key is given).
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const document = AgentTest.fetchSwml({ swmlUrl: "http://user:pass@127.0.0.1:3000/support", from: "+15551230000", callId: "c-1" })
 * ```
 * @since 0.1.0
 */
export const fetchSwml = (options: Omit<CallOptions, "script">): Effect.Effect<Swml.Document, SwmlFetchError> =>
  Effect.gen(function*() {
    const http = yield* clientOf
    const key = typeof options.signingKey === "string" ? Redacted.make(options.signingKey) : options.signingKey
    const call = Runner.callInfo(options, options.callId ?? randomUUID())
    const fetched = yield* Runner.fetchDocument(http, options.swmlUrl, call, key)
    if (Either.isLeft(fetched)) return yield* new SwmlFetchError({ status: fetched.left.status, message: fetched.left.error })
    return fetched.right.document
  })

/**
 * The tools of a document's `ai` verbs: the SWAIG functions (DataMap ones included) and the
 * native functions, with the webhook each is called at (credentials and tokens masked).
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const names = (document: Parameters<typeof AgentTest.toolsOf>[0]) => AgentTest.toolsOf(document).map((t) => t.name)
 * ```
 * @since 0.1.0
 */
export const toolsOf = (document: Swml.Document): ReadonlyArray<{
  readonly name: string
  readonly description: string
  readonly kind: "webhook" | "data_map" | "native"
  readonly parameters?: unknown
  readonly webhook?: string
}> =>
  Object.values(document.sections).flatMap((section) =>
    section.flatMap((instruction) => {
      if (!("ai" in instruction)) return []
      const swaig = instruction.ai.SWAIG
      const fallback = swaig?.defaults?.web_hook_url
      return [
        ...(swaig?.functions ?? []).map((f) => {
          const hook = f.web_hook_url ?? fallback
          return {
            name: f.function,
            description: f.description,
            kind: f.data_map === undefined ? "webhook" as const : "data_map" as const,
            parameters: f.parameters ?? f.argument,
            ...(f.data_map === undefined && hook !== undefined ? { webhook: redactUrl(hook) } : {})
          }
        }),
        ...(swaig?.native_functions ?? []).map((name) => ({ name, description: "native function", kind: "native" as const }))
      ]
    })
  )

/**
 * Agents served on loopback for a test: the origin, and each service's URL with its Basic-auth
 * credentials embedded (what a phone number would be bound to).
 *
 * @example
 * ```ts
 * import type { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const supportUrl = (s: AgentTest.Served) => s.url("/support")
 * ```
 * @since 0.1.0
 */
export interface Served {
  readonly origin: string
  readonly port: number
  /** The URL of the service at `route` (default: the first), credentials embedded. */
  readonly url: (route?: string) => string
}

/**
 * Serve agents (or SWML services) on a free loopback port for the life of the scope, with the
 * layer of their requirements provided.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { AgentTest } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const agent = AgentBase.make({ name: "hello", route: "/hello", prompt: "Say hello" })
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const served = yield* AgentTest.serve([agent])
 *   return served.url("/hello")
 * }))
 * ```
 * @since 0.1.0
 */
export const serve = <const S extends ReadonlyArray<AgentServer.Servable<unknown>>>(
  services: S,
  options: NodeServer.Options = {}
): Effect.Effect<
  Served,
  ConfigError.ConfigError | AgentError.InvalidAgent | HttpServerError.ServeError,
  Scope.Scope | AgentServer.Requirements<S[number]>
> =>
  Effect.gen(function*() {
    const context = yield* Layer.build(NodeServer.layer(services, { port: 0, host: "127.0.0.1", ...options }))
    const address = Context.get(context, HttpServer.HttpServer).address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const origin = `http://127.0.0.1:${port}`
    const mounted = Context.get(context, AgentServer.AgentServer).services
    return {
      origin,
      port,
      url: (route) => {
        const service = route === undefined ? mounted[0] : mounted.find((m) => m.route === route)
        return service === undefined ? `${origin}${route ?? "/"}` : urlWithCredentials(origin, service.route, service.credentials)
      }
    }
  })

/**
 * The transcript as readable lines (what the CLI prints).
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 *
 * const print = (result: AgentTest.Result) => console.log(AgentTest.format(result))
 * ```
 * @since 0.1.0
 */
export const format = (result: Result): string => [...result.entries.map(formatEntry), `${result.passed ? "PASSED" : "FAILED"} (call ended: ${result.ended})`].join("\n")

const json = (u: unknown) => JSON.stringify(u)

/**
 * One entry as a readable line.
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 *
 * AgentTest.formatEntry({ _tag: "CallerSaid", text: "Hi", simulated: false }) // "caller: Hi"
 * ```
 * @since 0.1.0
 */
export const formatEntry = (e: Entry): string => {
  switch (e._tag) {
    case "SwmlFetched":
      return `SWML fetched ${e.url}${e.status === undefined ? "" : ` (${e.status})`}${e.error === undefined ? "" : ` FAILED: ${e.error}`}`
    case "VerbRun":
      return `verb ${e.verb}`
    case "VerbNotRun":
      return `verb ${e.verb} NOT RUN: the call ends`
    case "SmsSent":
      return `sms ${e.from} -> ${e.to}: ${e.body ?? ""}`
    case "CallEnded":
      return `call ended (${e.reason})`
    case "AiStarted":
      return `ai started: tools [${e.functions.join(", ")}]${e.context === undefined ? "" : ` in ${e.context}/${e.step ?? ""}`}`
    case "CallerSaid":
      return `${e.simulated ? "caller (simulated)" : "caller"}: ${e.text}`
    case "AiSaid":
      return `ai (${e.source}): ${e.text}`
    case "SwaigRequest":
      return `-> ${e.function}(${json((e.body["argument"] as { parsed?: Array<unknown> } | undefined)?.parsed?.[0] ?? {})}) at ${e.url}`
    case "SwaigReply":
      return `<- ${e.function} ${e.status} ${json(e.reply)}`
    case "DataMapRun":
      return `data_map ${e.function} answered by ${e.answeredBy}: ${json(e.reply)}`
    case "NativeCalled":
      return `native ${e.function}: ${e.result}`
    case "ActionApplied":
      return `  action ${e.action}${e.applied ? "" : " (not applied)"}: ${json(e.value)}${e.note === undefined ? "" : ` — ${e.note}`}`
    case "GlobalDataChanged":
      return `  global_data = ${json(e.globalData)}`
    case "StepChanged":
      return `  step ${e.context}/${e.step} (${e.via})`
    case "SwmlActionVerb":
      return `  SWML ${e.verb}: ${json(e.config)}`
    case "PostPromptSent":
      return `post_prompt -> ${e.url} ${e.status ?? ""}${e.error === undefined ? "" : ` FAILED: ${e.error}`}`
    case "AssertionResult":
      return `${e.passed ? "ok" : "ASSERTION FAILED"} turn ${e.turn}: ${e.on} ~ ${e.expected}${e.passed ? "" : ` (was: ${json(e.actual)})`}`
    case "AiFailure":
      return `FAILURE ${e.reason}${e.function === undefined ? "" : ` (${e.function})`}: ${e.detail}`
    case "AiEnded":
      return `ai ended (${e.reason}) -> ${e.next}`
  }
}
