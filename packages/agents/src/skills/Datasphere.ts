/**
 * The `datasphere` skill: `search_knowledge(query)` searches a SignalWire Datasphere document
 * from the agent (POST `<space>/api/datasphere/documents/search`, Basic auth with the project ID
 * and API token) and answers the best chunks. `DATASPHERE_BASE_URL` points it elsewhere (a test
 * at the sandbox). Missing credentials are a `ConfigError` when the skill is added; a failing or
 * slow Datasphere is answered gracefully.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Shared from "../internal/skills/datasphere.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

/**
 * The parameters of `datasphere` (and `datasphere_serverless`).
 *
 * @example
 * ```ts
 * import * as Datasphere from "@signalwire-effect/agents/skills/Datasphere"
 *
 * const params: typeof Datasphere.Parameters.Encoded = { space_name: "acme", document_id: "b7c1…", count: 3 }
 * ```
 * @since 0.1.0
 */
export const Parameters = Shared.Parameters

const Chunk = Schema.Struct({
  text: Schema.optional(Schema.String),
  content: Schema.optional(Schema.String),
  chunk: Schema.optional(Schema.String)
})
const Reply = Schema.Struct({ chunks: Schema.optional(Schema.Array(Chunk)), results: Schema.optional(Schema.Array(Chunk)) })

const SEPARATOR = "=".repeat(50)

const formatResults = (query: string, chunks: ReadonlyArray<typeof Chunk.Type>) =>
  `I found ${chunks.length === 1 ? "1 result" : `${chunks.length} results`} for '${query}':\n\n` +
  chunks.map((c, i) => `=== RESULT ${i + 1} ===\n${c.text ?? c.content ?? c.chunk ?? JSON.stringify(c)}\n${SEPARATOR}\n\n`).join("\n")

/**
 * The `datasphere` skill (multi-instance by `tool_name`; default tool `search_knowledge`). Its
 * tool needs an `HttpClient`.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Datasphere } from "@signalwire-effect/agents/skills/Datasphere"
 *
 * const agent = AgentBase.make({ name: "hr", route: "/hr", prompt: "You answer HR questions." }).pipe(
 *   AgentBase.addSkill(Datasphere, { space_name: "acme", document_id: "2f1c…", tool_name: "search_handbook" })
 * )
 * ```
 * @since 0.1.0
 */
export const Datasphere: Skill.Skill<Shared.Params, HttpClient.HttpClient> = Skill.make({
  name: "datasphere",
  description: "Search knowledge using SignalWire DataSphere RAG stack",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params, context) =>
    Effect.gen(function*() {
      const target = yield* Shared.targetOf(params)
      const toolName = context.toolName ?? "search_knowledge"
      const search = Skill.tool({
        name: toolName,
        description: "Search the knowledge base for information on any topic and return relevant results.",
        parameters: Schema.Struct({
          query: Schema.String.annotations({ description: "The search query: what information you're looking for in the knowledge base." })
        }),
        handler: ({ query }) => {
          const text = SkillHttp.capInput(query)
          if (Either.isLeft(text)) return Effect.succeed(FunctionResult.make("That question is too long. Please ask it more briefly."))
          if (text.right.length === 0) {
            return Effect.succeed(FunctionResult.make("Please provide a search query. What would you like me to search for in the knowledge base?"))
          }
          return SkillHttp.postJson(target.url, Shared.body(params, text.right), Reply, {
            timeout: `${params.timeout} seconds`,
            headers: { authorization: Shared.authorization(target) }
          }).pipe(
            Effect.map((reply) => {
              const chunks = reply.chunks ?? reply.results ?? []
              return FunctionResult.make(
                chunks.length === 0 ? params.no_results_message.replaceAll("{query}", text.right) : formatResults(text.right, chunks)
              )
            }),
            Effect.catchTag("SkillHttpError", (e) =>
              SkillHttp.logFailure("datasphere", e).pipe(
                Effect.as(FunctionResult.make(
                  e.reason === "timeout"
                    ? "Sorry, the knowledge search timed out. Please try again."
                    : "Sorry, there was an error accessing the knowledge base. Please try again later."
                ))
              ))
          )
        }
      })
      return {
        tools: [search],
        globalData: { datasphere_enabled: true, document_id: params.document_id, knowledge_provider: "SignalWire DataSphere" },
        promptSections: [Shared.promptSection("Knowledge Search Capability", toolName)]
      }
    })
})
