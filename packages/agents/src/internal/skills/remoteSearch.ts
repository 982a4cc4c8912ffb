/**
 * The remote mode of `native_vector_search`: a search server (the `sw-search` protocol) at
 * `remote_url` — `GET /health`, and `POST /search {query, index_name, count, similarity_threshold,
 * tags}` answered `{results: [{content, score, metadata}]}`. Credentials in the URL become Basic
 * auth and are taken out of the URL. Requests go through the skills' outbound toolkit (timeout,
 * private-address protection).
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SkillHttp from "../../SkillHttp.js"
import type { SearchResult } from "./vectorIndex.js"

/** A search server: its base URL (no credentials, no trailing slash) and optional Basic auth. */
export interface Server {
  readonly url: string
  readonly auth: { readonly user: string; readonly password: Redacted.Redacted<string> } | undefined
}

/** The server from `remote_url`; `undefined` when it is not an http(s) URL. */
export const serverOf = (remoteUrl: string): Server | undefined => {
  let url: URL
  try {
    url = new URL(remoteUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined
  const auth = url.username.length > 0 || url.password.length > 0
    ? { user: decodeURIComponent(url.username), password: Redacted.make(decodeURIComponent(url.password)) }
    : undefined
  url.username = ""
  url.password = ""
  return { url: url.toString().replace(/\/+$/, ""), auth }
}

const Results = Schema.Struct({
  results: Schema.optionalWith(
    Schema.Array(Schema.Struct({
      content: Schema.String,
      score: Schema.Number,
      metadata: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), { default: () => ({}) })
    })),
    { default: () => [] }
  )
})

const headersOf = (server: Server): Record<string, string> =>
  server.auth === undefined
    ? {}
    : { authorization: `Basic ${Buffer.from(`${server.auth.user}:${Redacted.value(server.auth.password)}`).toString("base64")}` }

/** The server answers `GET /health` with a 2xx. */
export const health = (server: Server, timeout: Duration.DurationInput) =>
  Effect.asVoid(SkillHttp.getText(`${server.url}/health`, { timeout, headers: headersOf(server) }))

/** What a remote search asks for. */
export interface RemoteQuery {
  readonly query: string
  readonly indexName: string
  readonly count: number
  readonly similarityThreshold: number
  readonly tags: ReadonlyArray<string>
}

/** The server's results for the query. */
export const search = (
  server: Server,
  query: RemoteQuery,
  timeout: Duration.DurationInput
): Effect.Effect<ReadonlyArray<SearchResult>, SkillHttp.SkillHttpError, HttpClient.HttpClient> =>
  SkillHttp.postJson(`${server.url}/search`, {
    query: query.query,
    index_name: query.indexName,
    count: query.count,
    similarity_threshold: query.similarityThreshold,
    tags: query.tags
  }, Results, { timeout, headers: headersOf(server) }).pipe(Effect.map((reply) => reply.results))
