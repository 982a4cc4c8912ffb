/**
 * Test your own agent with a whole scripted call, no account and no model: serve the agent on
 * loopback, run a call in the sandbox whose conversation is an {@link AiScript}, assert on the
 * transcript. The call is a simulated inbound call that runs the agent's SWML (fetched, signed, as
 * the platform does), its `ai` verb driven by the script.
 *
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * declare const support: AgentBase.AgentBase<never>
 *
 * const passed = Effect.scoped(Effect.gen(function*() {
 *   const served = yield* AgentTest.serve([support])
 *   const result = yield* AgentTest.runCall({
 *     swmlUrl: served.url("/support"),
 *     script: AiScript.make([AiScript.says("Where is order A-17?"), AiScript.callsTool("order_status", { order: "A-17" }), AiScript.expectSaid("shipped")])
 *   })
 *   return result.passed
 * }))
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
import type * as Duration from "effect/Duration"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { AiScript } from "./AiScript.js"
import * as Fetch from "./internal/agentTest/fetch.js"
import * as RelaySandbox from "./RelaySandbox.js"
import * as Transcript from "./Transcript.js"
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
export type Entry = Transcript.Entry

/**
 * The schema of an {@link Entry}: the sandbox's `Transcript.Entry` (the transcript is JSON; the CLI prints it).
 *
 * @example
 * ```ts
 * import { AgentTest } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(AgentTest.Entry)({ _tag: "CallEnded", at: 0, reason: "hangup", by: "ai" }) // true
 * ```
 * @since 0.1.0
 */
export const Entry = Transcript.Entry

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
 * A call to run: the SWML the call runs (`swmlUrl`, whose credentials are sent as Basic auth, or
 * an inline document; neither: the SWML the `to` number is bound to over REST), the script, and
 * optionally the call's numbers and id. The call runs in `sandbox` when given, else in a sandbox
 * made for it (with `signingKey`, so an agent that checks signatures can be tested with the right
 * and a wrong key). `timeout` bounds the whole call (default 60 seconds).
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
  readonly swmlUrl?: string | undefined
  readonly swml?: Swml.Document | undefined
  readonly script: AiScript
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly callId?: string | undefined
  readonly sandbox?: RelaySandbox.Sandbox | undefined
  readonly signingKey?: Redacted.Redacted<string> | string | undefined
  readonly timeout?: Duration.DurationInput | undefined
}

const failed = (e: Entry): boolean =>
  e._tag === "AiFailure" || e._tag === "VerbUnsupported" || e._tag === "VerbFailed" || e._tag === "HttpFailed" ||
  e._tag === "SwmlInvalid" || (e._tag === "AssertionResult" && !e.passed)

/**
 * Run one scripted call: an inbound call in the sandbox running the agent's SWML, its `ai` verbs
 * driven by the script; the transcript once the call has ended.
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
export const runCall = (options: CallOptions): Effect.Effect<Result, RelaySandbox.SandboxError | RelaySandbox.CallIdInUseError> =>
  Effect.scoped(Effect.gen(function*() {
    const sandbox = options.sandbox ?? (yield* RelaySandbox.make(options.signingKey === undefined ? {} : { signingKey: options.signingKey }))
    // A call id used before keeps its old transcript: this call's entries are those after it.
    const before = options.callId === undefined ? 0 : (yield* sandbox.swml.transcript(options.callId)).length
    const call = yield* sandbox.calls.inbound({
      from: options.from ?? "+15550000001",
      to: options.to ?? "+15550000002",
      callId: options.callId,
      swml: options.swml ?? options.swmlUrl,
      ai: options.script
    })
    const entries = (yield* sandbox.swml.waitForEnd(call.callId).pipe(
      Effect.timeout(options.timeout ?? "60 seconds"),
      Effect.catchTag("TimeoutException", () => sandbox.swml.transcript(call.callId))
    )).slice(before)
    const end = [...entries].reverse().find((e) => e._tag === "CallEnded")
    const failures = entries.filter(failed)
    return { entries, failures, passed: failures.length === 0 && end !== undefined, ended: end?._tag === "CallEnded" ? end.reason : "running" }
  })).pipe(Effect.withSpan("AgentTest.runCall"))

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
export const fetchSwml = (options: {
  readonly swmlUrl: string
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly callId?: string | undefined
  readonly signingKey?: Redacted.Redacted<string> | string | undefined
}): Effect.Effect<Swml.Document, SwmlFetchError> =>
  Effect.gen(function*() {
    const http = yield* clientOf
    const key = typeof options.signingKey === "string" ? Redacted.make(options.signingKey) : options.signingKey
    const call = Fetch.callInfo(options, options.callId ?? randomUUID())
    const fetched = yield* Fetch.fetchDocument(http, options.swmlUrl, call, key)
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
export const format = (result: Result): string => [...result.entries.map(Transcript.format), `${result.passed ? "PASSED" : "FAILED"} (call ended: ${result.ended})`].join("\n")

