import { describe, expect, it } from "@effect/vitest"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const handbook = [
  "Employees accrue vacation at two days per month. Vacation requests go to your manager.",
  "",
  "Expenses are reimbursed within thirty days. Keep every receipt for expenses over ten dollars.",
  "",
  "The office opens at eight. Parking is free in the north garage."
].join("\n")

const dataUrl = (text: string) => `data:text/plain;base64,${Buffer.from(text).toString("base64")}`

/** A loopback HTTP server answering `text` at /handbook.txt (404 elsewhere). */
const serve = (text: string) =>
  Effect.acquireRelease(
    Effect.async<http.Server>((resume) => {
      const server = http.createServer((request, response) => {
        if (request.url === "/handbook.txt") response.writeHead(200, { "content-type": "text/plain" }).end(text)
        else response.writeHead(404).end()
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

describe("datasphere", () => {
  it.scoped("documents: ingest (http and data: URLs) and chunk by strategy; get, update tags, list, paginate, delete; 404s", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const origin = yield* serve(handbook)
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const doc = yield* rest.datasphere.documents.create({ url: `${origin}/handbook.txt`, tags: ["hr"], chunking_strategy: "paragraph" })
          expect(doc).toMatchObject({ filename: "handbook.txt", status: "completed", chunking_strategy: "paragraph", number_of_chunks: 3, tags: ["hr"] })
          const sentences = yield* rest.datasphere.documents.create({ url: dataUrl(handbook), chunking_strategy: "sentence", max_sentences_per_chunk: 2 })
          expect(sentences).toMatchObject({ filename: "document.txt", number_of_chunks: 3, max_sentences_per_chunk: 2 })
          const sliding = yield* rest.datasphere.documents.create({ url: dataUrl(handbook), chunking_strategy: "sliding", chunk_size: 10, overlap_size: 5 })
          expect(sliding.number_of_chunks).toBe(7)
          const paged = yield* rest.datasphere.documents.create({ url: dataUrl("page one\fpage two"), chunking_strategy: "page" })
          expect(paged.number_of_chunks).toBe(2)
          const missing = yield* rest.datasphere.documents.create({ url: `${origin}/missing.txt` })
          expect(missing).toMatchObject({ status: "failed", number_of_chunks: 0 })

          expect((yield* rest.datasphere.documents.get(doc.id)).id).toBe(doc.id)
          expect((yield* rest.datasphere.documents.update(doc.id, { tags: ["hr", "policy"] })).tags).toEqual(["hr", "policy"])
          expect((yield* rest.datasphere.documents.list({ page_size: 2 })).data).toHaveLength(2)
          expect(Chunk.size(yield* Stream.runCollect(rest.datasphere.documents.paginate({ page_size: 2 })))).toBe(5)
          yield* rest.datasphere.documents.delete(missing.id)
          for (const failure of [rest.datasphere.documents.get(missing.id), rest.datasphere.documents.update(missing.id, { tags: [] }), rest.datasphere.documents.delete(missing.id), rest.datasphere.documents.listChunks(missing.id)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          expect((yield* Effect.flip(rest.datasphere.documents.create({ url: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]).toMatchObject({
        method: "POST",
        path: "/api/datasphere/documents",
        body: { url: expect.stringMatching(/\/handbook\.txt$/), tags: ["hr"], chunking_strategy: "paragraph" },
        status: 201
      })
      expect(journal.find((r) => r.operation === "datasphere.documents.update")).toMatchObject({ method: "PATCH", body: { tags: ["hr", "policy"] } })
    }))

  it.scoped("chunks: list, paginate, get, delete (the document's count follows); a chunk of another document is a 404", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const doc = yield* rest.datasphere.documents.create({ url: dataUrl(handbook), tags: ["hr"], chunking_strategy: "paragraph" })
          const other = yield* rest.datasphere.documents.create({ url: dataUrl("Another text."), chunking_strategy: "paragraph" })
          const chunks = (yield* rest.datasphere.documents.listChunks(doc.id)).data
          expect(chunks.map((c) => c.content)).toEqual(handbook.split("\n\n"))
          expect(chunks[0]).toMatchObject({ datasphere_document_id: doc.id, project_id: "sandbox-project", status: "completed", tags: ["hr"] })
          expect(chunks[0]).not.toHaveProperty("index")
          const all = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.datasphere.documents.paginateChunks(doc.id, { page_size: 2 })))
          expect(all.map((c) => c.id)).toEqual(chunks.map((c) => c.id))
          expect((yield* rest.datasphere.documents.getChunk(doc.id, chunks[1]!.id)).content).toContain("Expenses")
          expect(yield* Effect.flip(rest.datasphere.documents.getChunk(other.id, chunks[1]!.id))).toMatchObject({ status: 404 })
          yield* rest.datasphere.documents.deleteChunk(doc.id, chunks[1]!.id)
          expect((yield* rest.datasphere.documents.get(doc.id)).number_of_chunks).toBe(2)
          expect(yield* Effect.flip(rest.datasphere.documents.deleteChunk(doc.id, chunks[1]!.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.datasphere.documents.getChunk(doc.id, chunks[1]!.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.datasphere.documents.getChunk(doc.id, "")))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "datasphere.documents.deleteChunk")).toMatchObject({
        method: "DELETE",
        path: expect.stringMatching(/^\/api\/datasphere\/documents\/[^/]+\/chunks\/[^/]+$/),
        status: 204
      })
    }))

  it.scoped("search: chunks ranked by the query's terms (rarer terms weigh more), filtered by tags and document, limited by count", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const hr = yield* rest.datasphere.documents.create({ url: dataUrl(handbook), tags: ["hr"], chunking_strategy: "paragraph" })
          const it = yield* rest.datasphere.documents.create({
            url: dataUrl("Vacation mode disables the laptop.\n\nRequest a new laptop from the help desk."),
            tags: ["it"],
            chunking_strategy: "paragraph"
          })
          const vacation = yield* rest.datasphere.documents.search({ query_string: "How much vacation per month?" })
          expect(vacation.chunks.map((c) => c.text)).toEqual([handbook.split("\n\n")[0], "Vacation mode disables the laptop."])
          expect(vacation.chunks[0]!.document_id).toBe(hr.id)
          const onlyIt = yield* rest.datasphere.documents.search({ query_string: "vacation request", tags: ["it"] })
          expect(onlyIt.chunks.map((c) => c.document_id)).toEqual([it.id, it.id])
          expect((yield* rest.datasphere.documents.search({ query_string: "vacation", document_id: it.id, count: 1 })).chunks).toEqual([
            { text: "Vacation mode disables the laptop.", document_id: it.id }
          ])
          expect((yield* rest.datasphere.documents.search({ query_string: "receipts reimbursed" })).chunks[0]!.text).toContain("reimbursed")
          expect((yield* rest.datasphere.documents.search({ query_string: "the of and" })).chunks).toEqual([])
          expect((yield* rest.datasphere.documents.search({ query_string: "quantum chromodynamics" })).chunks).toEqual([])
          // The same state and query give the same answer.
          expect(yield* rest.datasphere.documents.search({ query_string: "How much vacation per month?" })).toEqual(vacation)
          expect((yield* Effect.flip(rest.datasphere.documents.search({ query_string: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "datasphere.documents.search")).toMatchObject({
        method: "POST",
        path: "/api/datasphere/documents/search",
        body: { query_string: "How much vacation per month?" },
        status: 200
      })
    }))
})
