/**
 * The `native_vector_search` skill: `search_knowledge(query, count?)` over documents given in the
 * parameters (an in-memory TF-IDF index blended with keyword overlap, as the TypeScript reference
 * does), or over a remote search server (`remote_url`, the `sw-search` protocol: `GET /health`
 * when the skill is added, `POST /search` per query; credentials in the URL become Basic auth).
 *
 * The Python SDK's file and database backends (`.swsearch` SQLite index files, building an index
 * from `source_dir`, pgvector) are not available here: asking for them is a `SkillError` when the
 * skill is added.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Remote from "../internal/skills/remoteSearch.js"
import * as Index from "../internal/skills/vectorIndex.js"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"
import * as SkillHttp from "../SkillHttp.js"

const Document = Schema.Struct({
  id: Schema.String,
  text: Schema.String,
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  tags: Schema.optional(Schema.Array(Schema.String))
})

const Strings = Schema.Array(Schema.String)
const unsupported = ["index_file", "build_index", "source_dir", "connection_string"] as const

/**
 * The parameters of `native_vector_search` (snake_case, as SignalWire's SDKs name them).
 *
 * @example
 * ```ts
 * import * as NativeVectorSearch from "@signalwire-effect/agents/skills/NativeVectorSearch"
 *
 * const params: typeof NativeVectorSearch.Parameters.Encoded = {
 *   documents: [{ id: "returns.md", text: "Returns are accepted within 30 days." }],
 *   count: 3
 * }
 * ```
 * @since 0.1.0
 */
export const Parameters = Schema.Struct({
  documents: Schema.optionalWith(Schema.Array(Document), { default: () => [] }).annotations({
    description: "Documents to index in memory: [{id, text, metadata?, tags?}]"
  }),
  remote_url: Schema.optional(Schema.String).annotations({
    description: "URL of a remote search server (sw-search protocol); credentials in the URL are sent as Basic auth"
  }),
  index_name: Schema.optionalWith(Schema.String, { default: () => "default" }).annotations({
    description: "Index name on the remote server"
  }),
  count: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 20)), { default: () => 5 }).annotations({
    description: "Number of results to return"
  }),
  similarity_threshold: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 1)), { default: () => 0 }).annotations({
    description: "Minimum score of a result (0 = no limit)"
  }),
  tags: Schema.optionalWith(Strings, { default: () => [] }).annotations({ description: "Keep only results with one of these tags" }),
  global_tags: Schema.optionalWith(Strings, { default: () => [] }).annotations({ description: "Tags added to every document" }),
  keyword_weight: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))).annotations({
    description: "Weight of keyword overlap against TF-IDF (default 0.3)"
  }),
  no_results_message: Schema.optionalWith(Schema.String, { default: () => "No information found for '{query}'" }).annotations({
    description: "Reply when nothing matches ({query} is replaced)"
  }),
  response_prefix: Schema.optionalWith(Schema.String, { default: () => "" }),
  response_postfix: Schema.optionalWith(Schema.String, { default: () => "" }),
  max_content_length: Schema.optionalWith(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1000)), { default: () => 32768 })
    .annotations({ description: "Maximum reply size in characters, shared between the results" }),
  description: Schema.optionalWith(Schema.String, { default: () => "Search the knowledge base for information" }).annotations({
    description: "The tool's description"
  }),
  timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 30 }).annotations({
    description: "Timeout of a remote search request, in seconds"
  }),
  hints: Schema.optionalWith(Strings, { default: () => [] }).annotations({ description: "Extra speech recognition hints" }),
  backend: Schema.optionalWith(Schema.Literal("sqlite", "pgvector"), { default: () => "sqlite" }).annotations({
    description: "Python SDK storage backend; only documents or remote_url are supported here"
  }),
  index_file: Schema.optional(Schema.String),
  build_index: Schema.optional(Schema.Boolean),
  source_dir: Schema.optional(Schema.String),
  connection_string: Schema.optional(Schema.String)
})

const HEALTH_TIMEOUT = "5 seconds"

const refuse = (message: string) => new SkillError({ skill: "native_vector_search", reason: "invalid-params", message })

/**
 * The `native_vector_search` skill (multi-instance by `tool_name`; default tool
 * `search_knowledge`). Its tool needs an `HttpClient` (used in remote mode).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { NativeVectorSearch } from "@signalwire-effect/agents/skills/NativeVectorSearch"
 *
 * const agent = AgentBase.make({ name: "help", route: "/help", prompt: "You answer from the handbook." }).pipe(
 *   AgentBase.addSkill(NativeVectorSearch, {
 *     tool_name: "search_handbook",
 *     documents: [{ id: "hours.md", text: "The office opens at nine." }]
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const NativeVectorSearch: Skill.Skill<typeof Parameters.Type, HttpClient.HttpClient> = Skill.make({
  name: "native_vector_search",
  description: "Search document indexes using keyword similarity (in-memory documents or a remote search server)",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params, context) =>
    Effect.gen(function*() {
      const asked = unsupported.filter((k) => params[k] !== undefined)
      if (asked.length > 0 || params.backend === "pgvector") {
        return yield* refuse(
          `native_vector_search: ${[...asked, ...(params.backend === "pgvector" ? ["backend: pgvector"] : [])].join(", ")} ` +
            "not supported (index files and databases are the Python SDK's); give documents or remote_url"
        )
      }
      const toolName = context.toolName ?? "search_knowledge"
      const wording: Index.Wording = {
        noResultsMessage: params.no_results_message,
        responsePrefix: params.response_prefix,
        responsePostfix: params.response_postfix,
        maxContentLength: params.max_content_length
      }
      let run: (query: string, count: number) => Effect.Effect<ReadonlyArray<Index.SearchResult>, SkillHttp.SkillHttpError, HttpClient.HttpClient>
      let mode: string
      let documentCount = 0
      if (params.remote_url !== undefined) {
        const server = Remote.serverOf(params.remote_url)
        if (server === undefined) return yield* refuse("native_vector_search: remote_url must be an http(s) URL")
        yield* SkillHttp.validateUrl(server.url).pipe(
          Effect.mapError((e) => refuse(`native_vector_search: remote_url refused: ${e.message}`))
        )
        // Added at startup, before any request scope: the check uses the platform's fetch.
        yield* Remote.health(server, HEALTH_TIMEOUT).pipe(
          Effect.provide(FetchHttpClient.layer),
          Effect.mapError((e) =>
            new SkillError({
              skill: "native_vector_search",
              reason: "setup",
              message: `native_vector_search: the search server is not available (${e.message})`
            })
          )
        )
        mode = "a remote search server"
        run = (query, count) =>
          Remote.search(server, {
            query,
            count,
            indexName: params.index_name,
            similarityThreshold: params.similarity_threshold,
            tags: params.tags
          }, `${params.timeout} seconds`)
      } else {
        const index = Index.build(params.documents, params.global_tags)
        documentCount = index.documents.length
        mode = "local document indexes"
        run = (query, count) =>
          Effect.succeed(Index.search(index, {
            query,
            count,
            similarityThreshold: params.similarity_threshold,
            tags: params.tags,
            keywordWeight: params.keyword_weight
          }))
      }
      const search = Skill.tool({
        name: toolName,
        description: params.description,
        parameters: Schema.Struct({
          query: Schema.String.annotations({ description: "Search query or question" }),
          count: Schema.optional(Schema.Int.annotations({ description: `Number of results to return (default: ${params.count})` }))
        }),
        handler: ({ count, query }) => {
          const text = SkillHttp.capInput(query)
          if (Either.isLeft(text)) return Effect.succeed(FunctionResult.make("That question is too long. Please ask it more briefly."))
          if (text.right.length === 0) return Effect.succeed(FunctionResult.make("Please provide a search query."))
          if (params.remote_url === undefined && documentCount === 0) {
            return Effect.succeed(FunctionResult.make("No documents are loaded for searching."))
          }
          const wanted = Math.max(1, Math.min(20, count ?? params.count))
          return run(text.right, wanted).pipe(
            Effect.map((results) => FunctionResult.make(Index.format(text.right, results, wording))),
            Effect.catchAll((failure) =>
              SkillHttp.logFailure("native_vector_search", failure).pipe(
                Effect.as(FunctionResult.make("I'm sorry, I couldn't search the knowledge base right now. Please try again."))
              )
            )
          )
        }
      })
      return {
        tools: [search],
        hints: ["search", "find", "look up", "documentation", "knowledge base", ...params.hints],
        globalData: documentCount > 0 ? { search_stats: { doc_count: documentCount, backend: "memory" } } : {},
        promptSections: [{
          title: "Knowledge Search",
          body: `You can search ${mode} using the ${toolName} tool${documentCount > 0 ? ` over ${documentCount} indexed document(s)` : ""}.`,
          bullets: [
            `Use the ${toolName} tool when users ask questions about topics that might be in the indexed documents`,
            "Search for relevant information using clear, specific queries",
            "Provide helpful summaries of the search results",
            "If no results are found, suggest the user try rephrasing their question or try another knowledge source"
          ],
          subsections: []
        }]
      }
    })
})
