/**
 * The `datasphere_serverless` skill: the same search as `datasphere`, run by SignalWire itself as
 * a DataMap tool (a webhook POST to the Datasphere search URL, the chunks joined with `foreach`),
 * so the agent serves no tool call. The Basic-auth header is written into the SWML the agent
 * serves: serve the agent behind its own Basic auth. Missing credentials are a `ConfigError` when
 * the skill is added.
 *
 * @since 0.1.0
 */
import { DataMap, FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Shared from "../internal/skills/datasphere.js"
import * as Skill from "../Skill.js"

/**
 * The parameters of `datasphere_serverless` (those of `datasphere`).
 *
 * @example
 * ```ts
 * import * as DatasphereServerless from "@signalwire-effect/agents/skills/DatasphereServerless"
 *
 * const params: typeof DatasphereServerless.Parameters.Encoded = { space_name: "acme", document_id: "b7c1…" }
 * ```
 * @since 0.1.0
 */
export const Parameters = Shared.Parameters

/**
 * The `datasphere_serverless` skill (multi-instance by `tool_name`; default tool
 * `search_knowledge`), executed by the platform.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { DatasphereServerless } from "@signalwire-effect/agents/skills/DatasphereServerless"
 *
 * const agent = AgentBase.make({ name: "hr", route: "/hr", prompt: "You answer HR questions." }).pipe(
 *   AgentBase.addSkill(DatasphereServerless, { space_name: "acme", document_id: "2f1c…" })
 * )
 * ```
 * @since 0.1.0
 */
export const DatasphereServerless: Skill.Skill<Shared.Params> = Skill.make({
  name: "datasphere_serverless",
  description: "Search knowledge using SignalWire DataSphere with serverless DataMap execution",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params, context) =>
    Effect.gen(function*() {
      const target = yield* Shared.targetOf(params)
      const toolName = context.toolName ?? "search_knowledge"
      const search = DataMap.make(toolName, {
        description: "Search the SignalWire DataSphere knowledge base for relevant information. " +
          "Returns the most relevant text chunks from uploaded documents."
      }).pipe(
        DataMap.parameter("query", {
          type: "string",
          description: "The search query: what information you're looking for in the knowledge base.",
          required: true
        }),
        DataMap.webhook({
          url: target.url,
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: Shared.authorization(target) },
          params: Shared.body(params, "${args.query}"),
          foreach: {
            input_key: "chunks",
            output_key: "formatted_results",
            max: params.count,
            append: `=== RESULT ===\n\${this.text}\n${"=".repeat(50)}\n\n`
          },
          errorKeys: ["error"],
          output: FunctionResult.make("I found results for \"${args.query}\":\n\n${formatted_results}")
        }),
        DataMap.fallbackOutput(FunctionResult.make(params.no_results_message.replaceAll("{query}", "${args.query}")))
      )
      return {
        dataMapTools: [search],
        globalData: {
          datasphere_serverless_enabled: true,
          document_id: params.document_id,
          knowledge_provider: "SignalWire DataSphere (Serverless)"
        },
        promptSections: [
          Shared.promptSection("Knowledge Search Capability (Serverless)", toolName, [
            "This tool executes on SignalWire servers for optimal performance"
          ])
        ]
      }
    })
})
