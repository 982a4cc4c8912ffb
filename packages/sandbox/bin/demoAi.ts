/**
 * The last step of `npm run demo`: a scripted call to an AI agent. The agent (two tools, one of
 * them secure, and a post-prompt) is served on a loopback port; the sandbox runs an inbound call
 * to it, fetching its SWML and driving its `ai` verb from a script, and the transcript is printed.
 */
import { AgentBase } from "@signalwire-effect/agents"
import { Ai, FunctionResult } from "@signalwire-effect/swml"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript, type RelaySandbox } from "@signalwire-effect/sandbox"

const support = AgentBase.make({
  name: "support",
  route: "/support",
  basicAuth: { user: "demo", password: Redacted.make("demo-password") },
  prompt: "You are Acme's phone support agent. Be brief and friendly."
}).pipe(
  AgentBase.postPrompt("Summarise the call as JSON with the keys topic and outcome."),
  AgentBase.withAi(Ai.withParams({ static_greeting: "Hi, this is Acme support." })),
  AgentBase.tool({
    name: "get_weather",
    description: "The current weather in a city",
    secure: false,
    parameters: Schema.Struct({ city: Schema.String }),
    handler: ({ city }) => Effect.succeed(FunctionResult.make(`It is sunny in ${city}.`))
  }),
  AgentBase.tool({
    name: "order_status",
    description: "Look up the status of an order by its number",
    parameters: Schema.Struct({ order: Schema.String }),
    handler: ({ order }) =>
      Effect.succeed(FunctionResult.make(`Order ${order} shipped yesterday.`).pipe(FunctionResult.updateGlobalData({ order })))
  }),
  AgentBase.onSummary((summary) => Console.log(`   (the agent's onSummary received ${JSON.stringify(summary)})`))
)

export const aiDemo = (sandbox: RelaySandbox.Sandbox) =>
  Effect.scoped(Effect.gen(function*() {
    const served = yield* AgentTest.serve([support])
    const result = yield* AgentTest.runCall({
      sandbox,
      swmlUrl: served.url("/support"),
      from: "+15557770003",
      script: AiScript.make([
        AiScript.says("What's the weather in Paris?"),
        AiScript.callsTool("get_weather", { city: "Paris" }),
        AiScript.expectSaid("sunny"),
        AiScript.says("And where is my order A-17?"),
        AiScript.callsTool("order_status", { order: "A-17" }),
        AiScript.expectSaid(/shipped/),
        AiScript.callerHangsUp
      ], { postPromptData: { topic: "order", outcome: "answered" } })
    })
    for (const line of AgentTest.format(result).split("\n")) yield* Console.log(`   ${line}`)
  }))
