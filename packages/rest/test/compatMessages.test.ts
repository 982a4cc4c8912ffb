import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { FORM, PROJECT, compatError, withRest } from "./fixtures.js"

const MESSAGES = `/api/laml/2010-04-01/Accounts/${PROJECT}/Messages`

describe("compat messages", () => {
  it.scoped("a message sent over compat is form-encoded, delivered by the messaging simulation, and the same message in the logs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sent = yield* rest.compat.messages.create({
            To: "+15550001111",
            From: "+15551234567",
            Body: "Hello & welcome",
            MediaUrl: ["https://example.com/a.png", "https://example.com/b.jpg"],
            SendAsMms: true,
            ValidityPeriod: 600
          })
          expect(sent).toMatchObject({
            account_sid: PROJECT,
            api_version: "2010-04-01",
            from: "+15551234567",
            to: "+15550001111",
            body: "Hello & welcome",
            status: "queued",
            direction: "outbound-api",
            num_media: 2,
            uri: `${MESSAGES}/${sent.sid}`
          })
          expect(sent.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
          const final = yield* sandbox.messages.waitForFinal(sent.sid)
          expect(final).toMatchObject({ state: "delivered", from: "+15551234567", media: ["https://example.com/a.png", "https://example.com/b.jpg"] })
          expect((yield* rest.compat.messages.get(sent.sid)).status).toBe("delivered")
          // The relay-REST log shows the same message.
          expect(yield* rest.logs.messages.get(sent.sid)).toMatchObject({ id: sent.sid, status: "delivered", to: "+15550001111" })

          const media = yield* rest.compat.messages.listMedia(sent.sid)
          expect(media.media_list.map((m) => m.content_type)).toEqual(["image/png", "image/jpeg"])
          const first = media.media_list[0]!
          expect(yield* rest.compat.messages.getMedia(sent.sid, first.sid)).toMatchObject({ sid: first.sid, parent_sid: sent.sid })
          yield* rest.compat.messages.deleteMedia(sent.sid, first.sid)
          expect(yield* Effect.flip(rest.compat.messages.getMedia(sent.sid, first.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.messages.deleteMedia(sent.sid, first.sid))).toMatchObject(compatError(404, 20404))
          expect((yield* rest.compat.messages.get(sent.sid)).num_media).toBe(1)

          expect((yield* rest.compat.messages.update(sent.sid, { Body: "" })).body).toBe("")
          // The redaction is the relay-REST one too.
          expect((yield* rest.compat.messages.list({ From: "+15551234567" })).messages.map((m) => [m.sid, m.body])).toEqual([[sent.sid, ""]])
          yield* rest.compat.messages.delete(sent.sid)
          expect(yield* Effect.flip(rest.compat.messages.get(sent.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.messages.listMedia(sent.sid))).toMatchObject(compatError(404, 20404))
        }))
      const journal = yield* sandbox.rest.journal
      const create = journal.find((r) => r.operation === "compatMessages.create")!
      expect(create).toMatchObject({ method: "POST", path: MESSAGES, contentType: FORM, status: 201, auth: "ok" })
      expect(new URLSearchParams(create.body as string)).toEqual(new URLSearchParams([
        ["To", "+15550001111"],
        ["From", "+15551234567"],
        ["Body", "Hello & welcome"],
        ["MediaUrl", "https://example.com/a.png"],
        ["MediaUrl", "https://example.com/b.jpg"],
        ["SendAsMms", "true"],
        ["ValidityPeriod", "600"]
      ]))
      const update = journal.filter((r) => r.operation === "compatMessages.update").at(-1)!
      expect(update).toMatchObject({ contentType: FORM, body: "Body=", status: 200 })
    }))

  it.scoped("a message still in progress is neither redacted nor deleted, nor its media (422)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.script("+15550002222", { stallAfter: "sent" })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sent = yield* rest.compat.messages.create({ To: "+15550002222", From: "+15551234567", MediaUrl: "https://example.com/c.gif" })
          yield* sandbox.messages.waitForMessage((m) => m.messageId === sent.sid && m.state === "sent")
          expect(yield* Effect.flip(rest.compat.messages.update(sent.sid, { Body: "" }))).toMatchObject(compatError(422, 10000))
          expect(yield* Effect.flip(rest.compat.messages.delete(sent.sid))).toMatchObject(compatError(422, 20009))
          const [media] = (yield* rest.compat.messages.listMedia(sent.sid)).media_list
          expect(media).toMatchObject({ content_type: "image/gif", parent_sid: sent.sid })
          expect(yield* Effect.flip(rest.compat.messages.deleteMedia(sent.sid, media!.sid))).toMatchObject(compatError(422, 20009))
          expect(yield* rest.compat.messages.get(sent.sid)).toMatchObject({ status: "sent", body: "", num_media: 1 })
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]!.body).toBe("To=%2B15550002222&From=%2B15551234567&MediaUrl=https%3A%2F%2Fexample.com%2Fc.gif")
    }))

  it.scoped("errors: a From number not of the project (21210), a bad request sends nothing, unknown sids 404", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          expect(yield* Effect.flip(rest.compat.messages.create({ To: "+15550001111", From: "+15550000000", Body: "x" })))
            .toMatchObject(compatError(422, 21210))
          expect((yield* Effect.flip(rest.compat.messages.create({ To: "555", From: "+15551234567", Body: "x" })))._tag).toBe(
            "RestValidationError"
          )
          expect((yield* Effect.flip(rest.compat.messages.create({ To: "+15550001111", From: "+15551234567" })))._tag).toBe(
            "RestValidationError"
          )
          expect(yield* Effect.flip(rest.compat.messages.get("missing"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.messages.update("missing", { Body: "" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.messages.getMedia("missing", "m1"))).toMatchObject(compatError(404, 20404))
        }))
      expect((yield* sandbox.rest.journal).map((r) => `${r.operation} ${r.status}`)).toEqual([
        "compatMessages.create 422",
        "compatMessages.get 404",
        "compatMessages.update 404",
        "compatMessages.getMedia 404"
      ])
    }))

  it.scoped("list pages follow next_page_uri (Page, PageSize, PageToken) through paginate; filters stay in the links", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sids: Array<string> = []
          for (let i = 0; i < 5; i++) {
            sids.push((yield* rest.compat.messages.create({ To: `+1555000111${i}`, From: "+15551234567", Body: `n${i}` })).sid)
          }
          yield* rest.compat.messages.create({ To: "+15550001111", From: "+15559870000", Body: "other sender" })
          const first = yield* rest.compat.messages.list({ From: "+15551234567", PageSize: 2 })
          expect(first).toMatchObject({ page: 0, page_size: 2, previous_page_uri: null })
          expect(first.messages.map((m) => m.sid)).toEqual(sids.slice(0, 2))
          expect(first.next_page_uri).toMatch(new RegExp(`^${MESSAGES}\\?From=%2B15551234567&Page=1&PageSize=2&PageToken=PA`))
          const all = yield* Stream.runCollect(rest.compat.messages.paginate({ From: "+15551234567", PageSize: 2 }))
          expect(Chunk.toReadonlyArray(all).map((m) => m.sid)).toEqual(sids)
        }))
      const pages = (yield* sandbox.rest.journal).filter((r) => r.operation === "compatMessages.list")
      expect(pages.map((r) => [r.query.Page, r.query.PageSize, r.query.From])).toEqual([
        [undefined, "2", "+15551234567"],
        [undefined, "2", "+15551234567"],
        ["1", "2", "+15551234567"],
        ["2", "2", "+15551234567"]
      ])
      expect(pages[2]!.query.PageToken).toMatch(/^PA/)
    }))
})
