/**
 * The scripted-call figure of `npm run bench`: N simultaneous scripted calls to an agent served on
 * loopback, each with K tool calls (a SWML fetch, K SWAIG requests and the post-prompt per call),
 * through `AgentTest.runCall` in one sandbox (each an inbound call running the agent's SWML); calls/s, and every transcript checked entry by entry against the
 * one its call must have (no entry lost, none out of order, none from another call).
 */
import { AgentBase } from "@signalwire-effect/agents"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

const agent = AgentBase.make({ name: "scripted", route: "/scripted", basicAuth: { user: "bench", password: Redacted.make("bench") }, prompt: "p" }).pipe(
  AgentBase.postPrompt("Summarise"),
  AgentBase.tool({
    name: "count",
    description: "Count a step",
    parameters: Schema.Struct({ call: Schema.Int, step: Schema.Int }),
    handler: ({ call, step }) => Effect.succeed(FunctionResult.make(`ack ${call}.${step}`).pipe(FunctionResult.updateGlobalData({ step })))
  })
)

const signature = (e: AgentTest.Entry): string => {
  switch (e._tag) {
    case "SwaigRequest": {
      const args = (e.body["argument"] as { parsed: Array<{ call: number; step: number }> }).parsed[0]!
      return `req ${args.call}.${args.step} ${String(e.body["call_id"])}`
    }
    case "SwaigReply":
      return `reply ${String(e.reply["response"])}`
    case "CallerSaid":
      return `caller ${e.text}`
    case "GlobalDataChanged":
      return `global ${String(e.globalData["step"])}`
    default:
      return e._tag
  }
}

const expected = (i: number, tools: number) => [
  "HttpExchange",
  "DocumentStarted",
  "Verb",
  "Verb",
  "AiStarted",
  ...Array.from({ length: tools }, (_, k) => [
    `caller ${i}.${k}`,
    `req ${i}.${k} bench-${i}`,
    "HttpExchange",
    `reply ack ${i}.${k}`,
    "ActionApplied",
    `global ${k}`,
    "AiSaid"
  ]).flat(),
  "HttpExchange",
  "PostPromptSent",
  "AiEnded",
  "CallEnded"
]

export interface ScriptedRow {
  readonly callsPerSecond: number
  /** Calls that went through but whose transcript differed from the expected one (an entry lost, extra, or out of order). */
  readonly wrong: number
  /** Calls that failed, each for a reason in its transcript (on a loaded machine: an agent answering a fetch after the 10 s timeout). */
  readonly failed: number
  readonly failures: ReadonlyArray<string>
}

/** `calls` simultaneous scripted calls of `tools` tool calls each. */
export const scriptedCalls = (calls: number, tools: number): Promise<ScriptedRow> =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const served = yield* AgentTest.serve([agent])
    const sandbox = yield* RelaySandbox.make()
    const run = (i: number, prefix = "bench") =>
      AgentTest.runCall({
        swmlUrl: served.url("/scripted"),
        callId: `${prefix}-${i}`,
        sandbox,
        script: AiScript.make(Array.from({ length: tools }, (_, k) => [
          AiScript.says(`${i}.${k}`),
          AiScript.callsTool("count", { call: i, step: k })
        ]).flat())
      })
    yield* Effect.forEach(Array.from({ length: Math.min(calls, 10) }, (_, i) => i), (i) => run(i, "warm-up"), { concurrency: "unbounded" }) // warm-up
    const start = performance.now()
    const results = yield* Effect.forEach(Array.from({ length: calls }, (_, i) => i), (i) => run(i), { concurrency: "unbounded" })
    const seconds = (performance.now() - start) / 1000
    const wrong = results.filter((r, i) => r.passed && JSON.stringify(r.entries.map(signature)) !== JSON.stringify(expected(i, tools))).length
    const failed = results.filter((r) => !r.passed)
    const failures = failed.flatMap((r) => r.failures.slice(0, 1).map((f) => f._tag === "HttpFailed" ? `${f.purpose} ${f.reason}` : f._tag))
    return { callsPerSecond: calls / seconds, wrong, failed: failed.length, failures }
  })).pipe(Logger.withMinimumLogLevel(LogLevel.Warning)))
