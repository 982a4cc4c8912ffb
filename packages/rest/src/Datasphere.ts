/**
 * Datasphere (`/api/datasphere/documents`), the project's knowledge base: documents ingested from
 * a URL and split into chunks by a strategy (sentence, paragraph, page, sliding window), searched
 * by a query string; chunks listed, read and deleted one by one.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * How a document is split into chunks.
 *
 * @example
 * ```ts
 * import { Datasphere } from "@signalwire-effect/rest"
 *
 * const strategy: typeof Datasphere.ChunkingStrategy.Type = "paragraph"
 * ```
 * @since 0.2.0
 */
export const ChunkingStrategy = Schema.Literal("sentence", "paragraph", "page", "sliding")

/**
 * A document: where it came from, how it was chunked, and its status
 * (`submitted`, `in_progress`, `completed`, `failed`).
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const ready = (d: Datasphere.Document) => d.status === "completed"
 * ```
 * @since 0.2.0
 */
export const Document = Schema.Struct({
  id: Schema.String,
  filename: nullable(Schema.String),
  status: nullable(Schema.String),
  tags: nullable(Schema.Array(Schema.String)),
  chunking_strategy: nullable(Schema.String),
  max_sentences_per_chunk: nullable(Schema.Number),
  split_newlines: nullable(Schema.Boolean),
  overlap_size: nullable(Schema.Number),
  chunk_size: nullable(Schema.Number),
  number_of_chunks: nullable(Schema.Number),
  chunks_uri: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Document}.
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const id = (d: Datasphere.Document) => d.id
 * ```
 * @since 0.2.0
 */
export type Document = typeof Document.Type

/**
 * The body of a document create: the URL to ingest, tags, and the chunking strategy with its
 * tuning (`max_sentences_per_chunk` and `split_newlines` for `sentence`; `chunk_size` and
 * `overlap_size`, in words, for `sliding`).
 *
 * @example
 * ```ts
 * import { Datasphere } from "@signalwire-effect/rest"
 *
 * const body: typeof Datasphere.CreateDocument.Type = {
 *   url: "https://example.com/handbook.txt", tags: ["hr"], chunking_strategy: "sentence", max_sentences_per_chunk: 4
 * }
 * ```
 * @since 0.2.0
 */
export const CreateDocument = Schema.Struct({
  url: nonEmpty,
  tags: Schema.optional(Schema.Array(Schema.String)),
  chunking_strategy: Schema.optional(ChunkingStrategy),
  max_sentences_per_chunk: Schema.optional(Schema.Int.pipe(Schema.positive())),
  split_newlines: Schema.optional(Schema.Boolean),
  chunk_size: Schema.optional(Schema.Int.pipe(Schema.positive())),
  overlap_size: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
})

/**
 * The body of a search: the query string and optional filters.
 *
 * @example
 * ```ts
 * import { Datasphere } from "@signalwire-effect/rest"
 *
 * const body: typeof Datasphere.Search.Type = { query_string: "vacation policy", tags: ["hr"], count: 3 }
 * ```
 * @since 0.2.0
 */
export const Search = Schema.Struct({
  query_string: nonEmpty,
  tags: Schema.optional(Schema.Array(Schema.String)),
  document_id: Schema.optional(Schema.String),
  distance: Schema.optional(Schema.Number),
  count: Schema.optional(Schema.Int.pipe(Schema.positive())),
  language: Schema.optional(Schema.String),
  pos_to_expand: Schema.optional(Schema.Array(Schema.String)),
  max_synonyms: Schema.optional(Schema.Int)
})

/**
 * The result of a search: the best chunks, best first.
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const texts = (r: Datasphere.SearchResult) => r.chunks.map((c) => c.text)
 * ```
 * @since 0.2.0
 */
export const SearchResult = Schema.Struct({
  chunks: Schema.Array(Schema.Struct({ text: Schema.String, document_id: Schema.String }, Extra))
}, Extra)

/**
 * A decoded {@link SearchResult}.
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const first = (r: Datasphere.SearchResult) => r.chunks[0]?.text
 * ```
 * @since 0.2.0
 */
export type SearchResult = typeof SearchResult.Type

/**
 * A chunk of a document.
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const text = (c: Datasphere.Chunk) => c.content
 * ```
 * @since 0.2.0
 */
export const Chunk = Schema.Struct({
  id: Schema.String,
  datasphere_document_id: nullable(Schema.String),
  project_id: nullable(Schema.String),
  status: nullable(Schema.String),
  tags: nullable(Schema.Array(Schema.String)),
  content: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Chunk}.
 *
 * @example
 * ```ts
 * import type { Datasphere } from "@signalwire-effect/rest"
 *
 * const id = (c: Datasphere.Chunk) => c.id
 * ```
 * @since 0.2.0
 */
export type Chunk = typeof Chunk.Type

const base = "/api/datasphere/documents"
const ChunkPath = Schema.Struct({ document_id: nonEmpty, chunk_id: nonEmpty })

/**
 * The `datasphere.documents` group.
 *
 * @example
 * ```ts
 * import { Datasphere } from "@signalwire-effect/rest"
 *
 * Datasphere.documentsGroup.identifier // "datasphere.documents"
 * ```
 * @since 0.2.0
 */
export const documentsGroup = HttpApiGroup.make("datasphere.documents")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(Document)))
  .add(HttpApiEndpoint.post("create", base).setPayload(CreateDocument).addSuccess(Document, { status: 201 }))
  .add(HttpApiEndpoint.post("search", `${base}/search`).setPayload(Search).addSuccess(SearchResult))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Document))
  .add(
    HttpApiEndpoint.patch("update", `${base}/:id`).setPath(IdPath).setPayload(Schema.Struct({ tags: Schema.Array(Schema.String) }))
      .addSuccess(Document)
  )
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listChunks", `${base}/:document_id/chunks`).setPath(Schema.Struct({ document_id: nonEmpty }))
      .setUrlParams(PageParams).addSuccess(Page(Chunk))
  )
  .add(HttpApiEndpoint.get("getChunk", `${base}/:document_id/chunks/:chunk_id`).setPath(ChunkPath).addSuccess(Chunk))
  .add(HttpApiEndpoint.del("deleteChunk", `${base}/:document_id/chunks/:chunk_id`).setPath(ChunkPath).addSuccess(Schema.Void, { status: 204 }))
