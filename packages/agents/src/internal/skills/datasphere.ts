/**
 * What `datasphere` and `datasphere_serverless` share: their parameters, the credentials and the
 * search URL (`<base>/api/datasphere/documents/search`, the base from `DATASPHERE_BASE_URL` or
 * `https://<space_name>.signalwire.com`), the search body, and the prompt section.
 */
import type { Pom } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

export const DEFAULT_NO_RESULTS =
  "I couldn't find any relevant information for '{query}' in the knowledge base. " +
  "Try rephrasing your question or asking about a different topic."

export const Parameters = Schema.Struct({
  space_name: Schema.optional(Schema.String).annotations({
    description: "SignalWire space (mycompany, or a host name); else SIGNALWIRE_SPACE"
  }),
  project_id: Schema.optional(Schema.String).annotations({ description: "SignalWire project ID (else SIGNALWIRE_PROJECT_ID)" }),
  token: Schema.optional(Schema.Redacted(Schema.String)).annotations({
    description: "SignalWire API token (else SIGNALWIRE_API_TOKEN or SIGNALWIRE_TOKEN)"
  }),
  document_id: Schema.String.annotations({ description: "Datasphere document to search" }),
  count: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10)), { default: () => 1 }).annotations({
    description: "Number of results"
  }),
  distance: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 10)), { default: () => 3 }).annotations({
    description: "Maximum distance of a result (lower is more relevant)"
  }),
  tags: Schema.optional(Schema.Array(Schema.String)),
  language: Schema.optional(Schema.String).annotations({ description: "Language code for query expansion" }),
  pos_to_expand: Schema.optional(Schema.Array(Schema.Literal("NOUN", "VERB", "ADJ", "ADV"))),
  max_synonyms: Schema.optional(Schema.Int.pipe(Schema.between(1, 10))),
  no_results_message: Schema.optionalWith(Schema.String, { default: () => DEFAULT_NO_RESULTS }).annotations({
    description: "Reply when nothing matches ({query} is replaced)"
  }),
  timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 30 }).annotations({
    description: "Timeout of a search request, in seconds (datasphere only)"
  })
})
export type Params = typeof Parameters.Type

/** Where to search and as whom. */
export interface Target {
  readonly url: string
  readonly projectId: string
  readonly token: Redacted.Redacted<string>
}

const fromParamOr = <A>(param: A | undefined, config: Config.Config<A>) =>
  param !== undefined ? Effect.succeed(param) : config

/** The search URL and credentials: parameters first, then the environment (missing: ConfigError). */
export const targetOf = (params: Params) =>
  Effect.gen(function*() {
    const projectId = yield* fromParamOr(params.project_id, Config.string("SIGNALWIRE_PROJECT_ID"))
    const token = yield* fromParamOr(
      params.token,
      Config.redacted("SIGNALWIRE_API_TOKEN").pipe(Config.orElse(() => Config.redacted("SIGNALWIRE_TOKEN")))
    )
    const override = yield* Config.option(Config.string("DATASPHERE_BASE_URL"))
    const base = Option.isSome(override)
      ? override.value
      : yield* Effect.map(fromParamOr(params.space_name, Config.string("SIGNALWIRE_SPACE")), (space) =>
        `https://${space.includes(".") ? space : `${space}.signalwire.com`}`)
    return { url: `${base.replace(/\/+$/, "")}/api/datasphere/documents/search`, projectId, token } satisfies Target
  })

/** `Basic base64(project:token)`. */
export const authorization = (target: Target) =>
  `Basic ${Buffer.from(`${target.projectId}:${Redacted.value(target.token)}`).toString("base64")}`

/** The search body for `query` (a template such as `${args.query}` for a DataMap). */
export const body = (params: Params, query: string) => ({
  document_id: params.document_id,
  query_string: query,
  count: params.count,
  distance: params.distance,
  ...(params.tags === undefined ? {} : { tags: params.tags }),
  ...(params.language === undefined ? {} : { language: params.language }),
  ...(params.pos_to_expand === undefined ? {} : { pos_to_expand: params.pos_to_expand }),
  ...(params.max_synonyms === undefined ? {} : { max_synonyms: params.max_synonyms })
})

export const promptSection = (title: string, toolName: string, extra: ReadonlyArray<string> = []): Pom.Section => ({
  title,
  body: `You can search a knowledge base for information using the ${toolName} tool.`,
  bullets: [
    `Use the ${toolName} tool when users ask for information that might be in the knowledge base`,
    "Search for relevant information using clear, specific queries",
    "Summarize search results in a clear, helpful way",
    "If no results are found, suggest the user try rephrasing their question",
    ...extra
  ],
  subsections: []
})
