import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { address, withRest } from "./fixtures.js"


describe("messages and logs", () => {
  it.scoped("a message sent over REST is delivered by the simulation, shows in the log, and can be redacted", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.script("+15550003333", { stallAfter: "initiated" })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sent = yield* rest.messages.send({ from: "+15551234567", to: "+15550001111", body: "Hello" })
          expect(sent).toMatchObject({ from: "+15551234567", to: "+15550001111", body: "Hello", status: "queued", kind: "sms" })
          // A message still in progress (scripted to stay `initiated`, so that the check does not race the clock) is not redacted.
          const stalled = yield* rest.messages.send({ from: "+15551234567", to: "+15550003333", body: "Hello" })
          yield* sandbox.messages.waitForMessage((m) => m.messageId === stalled.id && m.state === "initiated")
          const early = yield* Effect.flip(rest.messages.redact(stalled.id))
          expect(early).toMatchObject({ status: 422 })
          const final = yield* sandbox.messages.waitForFinal(sent.id)
          expect(final.state).toBe("delivered")
          const log = yield* rest.logs.messages.get(sent.id)
          expect(log).toMatchObject({ id: sent.id, status: "delivered", direction: "outbound-api", source: "realtime_api", number_of_segments: 1 })
          const all = yield* Stream.runCollect(rest.logs.messages.paginate())
          expect(Chunk.toReadonlyArray(all).map((l) => l.id)).toEqual([sent.id, stalled.id])
          const redacted = yield* rest.messages.redact(sent.id)
          expect(redacted.body).toBe("")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]).toMatchObject({
        method: "POST",
        path: "/api/messaging/messages",
        body: { from: "+15551234567", to: "+15550001111", body: "Hello" },
        status: 201
      })
      expect(journal.at(-1)).toMatchObject({ method: "PATCH", body: { body: "" }, status: 200 })
    }))

  it.scoped("errors: a from number the project does not own is a 422; a bad request sends nothing; unknown ids 404", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const notOurs = yield* Effect.flip(rest.messages.send({ from: "+15550000000", to: "+15550001111", body: "x" }))
          expect(notOurs).toMatchObject({ status: 422, body: { errors: [{ detail: expect.stringContaining("+15550000000") }] } })
          expect((yield* Effect.flip(rest.messages.send({ from: "+15551234567", to: "555", body: "x" })))._tag).toBe(
            "RestValidationError"
          )
          expect((yield* Effect.flip(rest.messages.send({ from: "+15551234567", to: "+15550001111" })))._tag).toBe(
            "RestValidationError"
          )
          expect((yield* Effect.flip(rest.messages.send({ from: "not a sender", to: "+15550001111", body: "x" })))._tag).toBe(
            "RestValidationError"
          )
          // A short code is a valid sender; this project leases none over RELAY messaging, so the platform says 422.
          expect(yield* Effect.flip(rest.messages.send({ from: "55555", to: "+15550001111", body: "x" }))).toMatchObject({ status: 422 })
          expect(yield* Effect.flip(rest.messages.redact("missing"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.logs.messages.get("missing"))).toMatchObject({ status: 404 })
        }))
      expect((yield* sandbox.rest.journal).map((r) => r.operation)).toEqual([
        "messages.send",
        "messages.send",
        "messages.redact",
        "logs.getMessage"
      ])
    }))

  it.scoped("voice, fax and conference logs list (empty in the sandbox) and 404 on unknown ids", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          expect((yield* rest.logs.voice.list({ include_deleted: true })).data).toEqual([])
          expect((yield* rest.logs.fax.list()).data).toEqual([])
          expect((yield* rest.logs.conferences.list({ created_after: "2026-01-01" })).data).toEqual([])
          expect(Chunk.size(yield* Stream.runCollect(rest.logs.voice.paginate()))).toBe(0)
          expect(yield* Effect.flip(rest.logs.voice.get("v1"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.logs.voice.listEvents("v1"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.logs.fax.get("f1"))).toMatchObject({ status: 404 })
        }))
      expect((yield* sandbox.rest.journal).map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /api/voice/logs",
        "GET /api/fax/logs",
        "GET /api/logs/conferences",
        "GET /api/voice/logs",
        "GET /api/voice/logs/v1",
        "GET /api/voice/logs/v1/events",
        "GET /api/fax/logs/f1"
      ])
      expect((yield* sandbox.rest.journal)[0]!.query).toEqual({ include_deleted: "true" })
    }))
})

describe("addresses", () => {
  it.scoped("create, get, list with a filter, delete; 404 after; a missing field sends nothing", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const created = yield* rest.addresses.create({ ...address, address_type: "Suite", address_number: "100" })
          expect(created).toMatchObject({ label: "HQ", address_type: "Suite", emergency_enabled: false, validated: false })
          expect(yield* rest.addresses.get(created.id)).toEqual(created)
          yield* rest.addresses.create({ ...address, label: "Other" })
          expect((yield* rest.addresses.list({ filter_label: "HQ" })).data.map((a) => a.id)).toEqual([created.id])
          yield* rest.addresses.delete(created.id)
          expect(yield* Effect.flip(rest.addresses.get(created.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.addresses.delete(created.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.addresses.create({ ...address, city: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
        "POST addresses.create 200",
        "GET addresses.get 200",
        "POST addresses.create 200",
        "GET addresses.list 200",
        "DELETE addresses.delete 204",
        "GET addresses.get 404",
        "DELETE addresses.delete 404"
      ])
      expect(journal[0]!.body).toEqual({ ...address, address_type: "Suite", address_number: "100" })
    }))
})

describe("queues", () => {
  it.scoped("create, get, update (PUT), list, members, delete; 404s", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const queue = yield* rest.queues.create({ name: "support", max_size: 5 })
          expect(queue).toMatchObject({ friendly_name: "support", max_size: 5, current_size: 0 })
          expect((yield* rest.queues.update(queue.id, { name: "sales" })).friendly_name).toBe("sales")
          expect((yield* rest.queues.get(queue.id)).friendly_name).toBe("sales")
          expect((yield* rest.queues.list()).data).toHaveLength(1)
          expect((yield* rest.queues.listMembers(queue.id)).data).toEqual([])
          expect(Chunk.size(yield* Stream.runCollect(rest.queues.paginateMembers(queue.id)))).toBe(0)
          expect(yield* Effect.flip(rest.queues.getNextMember(queue.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.queues.getMember(queue.id, "c1"))).toMatchObject({ status: 404 })
          yield* rest.queues.delete(queue.id)
          expect(yield* Effect.flip(rest.queues.get(queue.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.queues.listMembers(queue.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.queues.create({ max_size: 0 })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, ":id")}`)).toEqual([
        "POST /api/relay/rest/queues",
        "PUT /api/relay/rest/queues/:id",
        "GET /api/relay/rest/queues/:id",
        "GET /api/relay/rest/queues",
        "GET /api/relay/rest/queues/:id/members",
        "GET /api/relay/rest/queues/:id/members",
        "GET /api/relay/rest/queues/:id/members/next",
        "GET /api/relay/rest/queues/:id/members/c1",
        "DELETE /api/relay/rest/queues/:id",
        "GET /api/relay/rest/queues/:id",
        "GET /api/relay/rest/queues/:id/members"
      ])
      expect(journal[1]!.body).toEqual({ name: "sales" })
      expect(journal.map((r) => r.operation).slice(6, 8)).toEqual(["queues.getNextMember", "queues.getMember"])
    }))
})

describe("recordings", () => {
  it.scoped("list (empty), get and delete 404 on unknown ids", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          expect((yield* rest.recordings.list({ page_size: 10 })).data).toEqual([])
          expect(Chunk.size(yield* Stream.runCollect(rest.recordings.paginate()))).toBe(0)
          expect(yield* Effect.flip(rest.recordings.get("r1"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.recordings.delete("r1"))).toMatchObject({ status: 404 })
        }))
      expect((yield* sandbox.rest.journal).map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /api/relay/rest/recordings",
        "GET /api/relay/rest/recordings",
        "GET /api/relay/rest/recordings/r1",
        "DELETE /api/relay/rest/recordings/r1"
      ])
    }))
})
