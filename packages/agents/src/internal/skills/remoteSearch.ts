/**
 * The remote mode of `native_vector_search`: a search server (the `sw-search` protocol) at
 * `remote_url` — `GET /health`, and `POST /search {query, index_name, count, similarity_threshold,
 * tags}` answered `{results: [{content, score, metadata}]}`. Credentials in the URL become Basic
 * auth and are taken out of the URL.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
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

/** A request to the search server that did not succeed. */
export class SearchServerFailure extends Data.TaggedError("SearchServerFailure")<{
  readonly reason: "unreachable" | "timeout" | "status" | "malformed"
  readonly status?: number | undefined
  readonly detail: string
}> {
  override get message() {
    return this.detail
  }
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

const send = (server: Server, request: HttpClientRequest.HttpClientRequest, timeout: Duration.DurationInput) =>
  Effect.flatMap(HttpClient.HttpClient, (client) => {
    const what = `${request.method} ${request.url.slice(server.url.length) || "/"}`
    const authorized = server.auth === undefined
      ? request
      : HttpClientRequest.basicAuth(request, server.auth.user, server.auth.password)
    return client.execute(HttpClientRequest.acceptJson(authorized)).pipe(
      Effect.flatMap((response) => Effect.map(response.text, (text) => ({ status: response.status, text }))),
      Effect.mapError((error) => new SearchServerFailure({ reason: "unreachable", detail: `${what}: ${error._tag}` })),
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () =>
          new SearchServerFailure({
            reason: "timeout",
            detail: `${what}: no answer within ${Duration.format(Duration.decode(timeout))}`
          })
      }),
      Effect.filterOrFail(
        (answer) => answer.status === 200,
        (answer) => new SearchServerFailure({ reason: "status", status: answer.status, detail: `${what}: HTTP ${answer.status}` })
      )
    )
  })

/** The server answers `GET /health` with 200. */
export const health = (server: Server, timeout: Duration.DurationInput) =>
  Effect.asVoid(send(server, HttpClientRequest.get(`${server.url}/health`), timeout))

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
): Effect.Effect<ReadonlyArray<SearchResult>, SearchServerFailure, HttpClient.HttpClient> =>
  send(
    server,
    HttpClientRequest.post(`${server.url}/search`).pipe(
      HttpClientRequest.bodyUnsafeJson({
        query: query.query,
        index_name: query.indexName,
        count: query.count,
        similarity_threshold: query.similarityThreshold,
        tags: query.tags
      })
    ),
    timeout
  ).pipe(
    Effect.flatMap((answer) =>
      Schema.decodeUnknown(Schema.parseJson(Results))(answer.text).pipe(
        Effect.mapError(() => new SearchServerFailure({ reason: "malformed", status: 200, detail: "POST /search: not the expected JSON" }))
      )
    ),
    Effect.map((reply) => reply.results)
  )
