/**
 * An AI agent with two typed tools, one of them using a service provided by a layer.
 *
 *   npx tsx --conditions=@signalwire-effect/source packages/agents/examples/agent.ts            # PORT=3000 by default
 *   curl -u <printed user>:<printed password> http://localhost:3000/support
 *
 * Credentials come from SWML_BASIC_AUTH_USER / SWML_BASIC_AUTH_PASSWORD, or are generated and
 * printed once at start-up. Ctrl-C closes the scope: requests in flight finish, then it stops.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Ai, FunctionResult } from "@signalwire-effect/swml"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { AgentBase, NodeServer } from "../src/index.js"

/** A stand-in for a database the tools read. */
class Orders extends Context.Tag("example/Orders")<Orders, {
  readonly find: (id: string) => Effect.Effect<{ readonly status: string } | undefined>
}>() {}

const OrdersInMemory = Layer.succeed(Orders, {
  find: (id) => Effect.succeed(id === "A-17" ? { status: "shipped yesterday" } : undefined)
})

const support = AgentBase.make({
  name: "support",
  route: "/support",
  prompt: "You are Acme's phone support agent. Be brief and friendly."
}).pipe(
  AgentBase.postPrompt("Summarise the call as JSON with the keys topic and outcome."),
  AgentBase.withAi(Ai.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark" })),
  AgentBase.withAi(Ai.withParams({ end_of_speech_timeout: 700 })),
  AgentBase.tool({
    name: "get_weather",
    description: "The current weather in a city",
    secure: false,
    parameters: Schema.Struct({ city: Schema.String.annotations({ description: "The city" }) }),
    handler: ({ city }) => Effect.succeed(FunctionResult.make(`Tell the caller it is sunny in ${city}.`))
  }),
  AgentBase.tool({
    name: "order_status",
    description: "Look up the status of an order by its number",
    parameters: Schema.Struct({ order: Schema.String.annotations({ description: "Order number, e.g. A-17" }) }),
    handler: ({ order }) =>
      Effect.gen(function*() {
        const orders = yield* Orders
        const found = yield* orders.find(order)
        return found === undefined
          ? FunctionResult.make(`There is no order ${order}; ask the caller to check the number.`)
          : FunctionResult.make(`Order ${order} ${found.status}.`)
      })
  }),
  AgentBase.onSummary((summary) => Effect.logInfo("call summary", summary))
)

const port = Number(process.env["PORT"] ?? 3000)

NodeServer.layer([support], { port }).pipe(
  Layer.provide(OrdersInMemory),
  Layer.tap(() => Effect.sync(() => console.log(`agent listening on http://localhost:${port}/support`))),
  Layer.launch,
  NodeRuntime.runMain
)
