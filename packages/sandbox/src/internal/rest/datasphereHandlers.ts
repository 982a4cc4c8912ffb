/**
 * Datasphere in the sandbox: a document is ingested when it is created — its URL read (`data:`
 * URLs decoded, `http(s)` fetched), the text split by the chosen strategy — and search is a real
 * lexical search over the stored chunks: query terms scored by TF-IDF, best first, ties in
 * document then chunk order, so the same state and query always give the same answer.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import { Collection, type Json, page } from "./store.js"

export interface DatasphereEnv {
  readonly project: string
  readonly iso: () => string
  readonly where: (path: string) => { readonly origin: string; readonly path: string }
}

const notFound = Effect.fail({ error: "Not Found" as const })
const out = (value: unknown): never => value as never

const DEFAULT_SENTENCES = 5
const DEFAULT_CHUNK_WORDS = 50
const DEFAULT_OVERLAP_WORDS = 10
const DEFAULT_COUNT = 5
const FETCH_TIMEOUT = "10 seconds"

const STOPWORDS = new Set(
  "a an and are as at be but by do does for from has have how i in is it its of on or our that the their there this to was we what when where which who why will with you your"
    .split(" ")
)

/** Lower-cased words and numbers, without stop words. */
export const terms = (text: string): ReadonlyArray<string> =>
  Array.from(text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu), (m) => m[0]).filter((t) => !STOPWORDS.has(t))

interface Chunking {
  readonly chunking_strategy?: string | undefined
  readonly max_sentences_per_chunk?: number | undefined
  readonly split_newlines?: boolean | undefined
  readonly chunk_size?: number | undefined
  readonly overlap_size?: number | undefined
}

/** The text split as the strategy says; empty pieces dropped. */
export const chunk = (text: string, options: Chunking): ReadonlyArray<string> => {
  const clean = (pieces: ReadonlyArray<string>) => pieces.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p.length > 0)
  switch (options.chunking_strategy ?? "sentence") {
    case "paragraph":
      return clean(text.split(/\n\s*\n/))
    case "page":
      return clean(text.split("\f"))
    case "sliding": {
      const words = text.split(/\s+/).filter((w) => w.length > 0)
      const size = options.chunk_size ?? DEFAULT_CHUNK_WORDS
      const step = Math.max(size - Math.min(options.overlap_size ?? DEFAULT_OVERLAP_WORDS, size - 1), 1)
      const pieces: Array<string> = []
      for (let at = 0; at < words.length; at += step) {
        pieces.push(words.slice(at, at + size).join(" "))
        if (at + size >= words.length) break
      }
      return pieces
    }
    default: {
      const blocks = options.split_newlines === true ? text.split(/\n+/) : [text]
      const sentences = blocks.flatMap((b) => b.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [])
      const per = options.max_sentences_per_chunk ?? DEFAULT_SENTENCES
      const pieces: Array<string> = []
      for (let at = 0; at < sentences.length; at += per) pieces.push(sentences.slice(at, at + per).join(" "))
      return clean(pieces)
    }
  }
}

/** The text at a URL: a `data:` URL decoded, an http(s) URL fetched; failures are `undefined`. */
const read = (url: string): Effect.Effect<string | undefined> => {
  const data = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url)
  if (data !== null) {
    return Effect.sync(() => (data[2] === undefined ? decodeURIComponent(data[3]!) : Buffer.from(data[3]!, "base64").toString("utf8")))
  }
  if (!/^https?:\/\//.test(url)) return Effect.succeed(undefined)
  return Effect.tryPromise((signal) =>
    fetch(url, { signal }).then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
  ).pipe(Effect.timeout(FETCH_TIMEOUT), Effect.orElseSucceed(() => undefined))
}

const filenameOf = (url: string) => {
  if (url.startsWith("data:")) return "document.txt"
  const last = new URL(url).pathname.split("/").filter((s) => s.length > 0).at(-1)
  return last === undefined ? "document" : decodeURIComponent(last)
}

export const groups = (env: DatasphereEnv) => {
  const { iso, where } = env
  const documents = new Collection()
  const chunks = new Collection()

  const chunkJson = (c: Json) => {
    const doc = documents.get(String(c.datasphere_document_id))
    const { index: _index, ...rest } = c
    return { ...rest, tags: doc?.tags ?? [] }
  }
  const chunksOf = (documentId: string) => chunks.values().filter((c) => c.datasphere_document_id === documentId)
  const recount = (documentId: string) => {
    const doc = documents.get(documentId)
    if (doc !== undefined) documents.put({ ...doc, id: documentId, number_of_chunks: chunksOf(documentId).length })
  }

  /** TF-IDF over the chunks that pass the filters; chunks sharing no term with the query score 0 and are left out. */
  const search = (query: {
    readonly query_string: string
    readonly tags?: ReadonlyArray<string> | undefined
    readonly document_id?: string | undefined
    readonly count?: number | undefined
  }) => {
    const candidates = chunks.values().filter((c) => {
      const doc = documents.get(String(c.datasphere_document_id))
      if (doc === undefined || doc.status !== "completed") return false
      if (query.document_id !== undefined && doc.id !== query.document_id) return false
      const tags = (doc.tags ?? []) as ReadonlyArray<string>
      return query.tags === undefined || query.tags.length === 0 || query.tags.some((t) => tags.includes(t))
    })
    const bags = candidates.map((c) => {
      const bag = new Map<string, number>()
      for (const t of terms(String(c.content))) bag.set(t, (bag.get(t) ?? 0) + 1)
      return bag
    })
    const wanted = Array.from(new Set(terms(query.query_string)))
    const idf = new Map(wanted.map((t) => [t, Math.log(1 + candidates.length / Math.max(1, bags.filter((b) => b.has(t)).length))]))
    const scored = candidates.map((c, i) => ({
      c,
      i,
      score: wanted.reduce((sum, t) => {
        const tf = bags[i]!.get(t) ?? 0
        return tf === 0 ? sum : sum + (1 + Math.log(tf)) * idf.get(t)!
      }, 0)
    }))
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, query.count ?? DEFAULT_COUNT)
      .map((s) => ({ text: String(s.c.content), document_id: String(s.c.datasphere_document_id) }))
  }

  const documentGroup = HttpApiBuilder.group(RestApi.api, "datasphere.documents", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(documents.values(), urlParams, where("/api/datasphere/documents")))))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const id = uuid()
          const text = yield* read(payload.url)
          const pieces = text === undefined ? [] : chunk(text, payload)
          const at = iso()
          const strategy = payload.chunking_strategy ?? "sentence"
          pieces.forEach((content, index) =>
            chunks.put({ id: uuid(), index, datasphere_document_id: id, project_id: env.project, status: "completed", content, created_at: at, updated_at: at })
          )
          return out(documents.put({
            id,
            filename: filenameOf(payload.url),
            status: pieces.length > 0 ? "completed" : "failed",
            tags: payload.tags ?? [],
            chunking_strategy: strategy,
            max_sentences_per_chunk: strategy === "sentence" ? payload.max_sentences_per_chunk ?? DEFAULT_SENTENCES : null,
            split_newlines: strategy === "sentence" ? payload.split_newlines ?? false : null,
            overlap_size: strategy === "sliding" ? payload.overlap_size ?? DEFAULT_OVERLAP_WORDS : null,
            chunk_size: strategy === "sliding" ? payload.chunk_size ?? DEFAULT_CHUNK_WORDS : null,
            number_of_chunks: pieces.length,
            chunks_uri: `/api/datasphere/documents/${id}/chunks`,
            created_at: at,
            updated_at: at
          }))
        }))
      .handle("search", ({ payload }) => Effect.sync(() => out({ chunks: search(payload) })))
      .handle("get", ({ path }) => {
        const d = documents.get(path.id)
        return d === undefined ? notFound : Effect.succeed(out(d))
      })
      .handle("update", ({ path, payload }) => {
        const d = documents.get(path.id)
        return d === undefined ? notFound : Effect.succeed(out(documents.put({ ...d, id: path.id, tags: payload.tags, updated_at: iso() })))
      })
      .handle("delete", ({ path }) => {
        if (!documents.delete(path.id)) return notFound
        chunksOf(path.id).forEach((c) => chunks.delete(String(c.id)))
        return Effect.void
      })
      .handle("listChunks", ({ path, urlParams }) =>
        documents.get(path.document_id) === undefined
          ? notFound
          : Effect.succeed(out(page(chunksOf(path.document_id).map(chunkJson), urlParams, where(`/api/datasphere/documents/${path.document_id}/chunks`)))))
      .handle("getChunk", ({ path }) => {
        const c = chunks.get(path.chunk_id)
        return c === undefined || c.datasphere_document_id !== path.document_id ? notFound : Effect.succeed(out(chunkJson(c)))
      })
      .handle("deleteChunk", ({ path }) => {
        const c = chunks.get(path.chunk_id)
        if (c === undefined || c.datasphere_document_id !== path.document_id) return notFound
        chunks.delete(path.chunk_id)
        recount(path.document_id)
        return Effect.void
      }))

  return [documentGroup] as const
}
