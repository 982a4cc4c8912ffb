import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer } from "./fixtures/cxmlServer.js"

const FROM = "+15551234567"
const BASE = "/api/laml/2010-04-01/Accounts/sandbox-project"

const setup = Effect.gen(function*() {
  const sandbox = yield* RelaySandbox.make()
  const rest = yield* Effect.provide(
    RestClient.RestClient,
    RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  )
  const receiver = yield* cxmlServer({ "/fax-status": () => "" })
  return { sandbox, rest, receiver }
})

/** Polls the fax (every 10 ms of real time, at most 500 times) until it reaches a final status. */
const settled = (rest: RestClient.RestClient["Type"], sid: string) =>
  rest.compat.faxes.get(sid).pipe(
    Effect.repeat({
      until: (f) => ["delivered", "failed", "busy", "no-answer", "canceled"].includes(f.status),
      schedule: Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(500)))
    }),
    Effect.zipRight(rest.compat.faxes.get(sid))
  )

describe("compat faxes on the simulated platform", () => {
  it.scoped("a fax goes from queued to delivered by the far end's script; StatusCallback, compat and the fax log agree", () =>
    Effect.gen(function*() {
      const { receiver, rest, sandbox } = yield* setup
      const to = "+15550003001"
      yield* sandbox.calls.script(to, { outcome: "answer", fax: { pages: 3 } })
      const fax = yield* rest.compat.faxes.create({
        To: to,
        From: FROM,
        MediaUrl: "https://example.com/contract.pdf",
        StatusCallback: receiver.url("/fax-status")
      })
      expect(fax).toMatchObject({ status: "queued", num_pages: null, price: null })

      const hit = yield* receiver.waitFor((h) => h.path === "/fax-status")
      expect(hit.method).toBe("POST")
      expect(hit.contentType).toBe("application/x-www-form-urlencoded")
      expect(hit.form).toMatchObject({
        FaxSid: fax.sid,
        AccountSid: "sandbox-project",
        From: FROM,
        To: to,
        FaxStatus: "delivered",
        NumPages: "3",
        MediaSid: fax.media_sid,
        MediaUrl: "https://example.com/contract.pdf",
        OriginalMediaUrl: "https://example.com/contract.pdf",
        ApiVersion: "2010-04-01"
      })
      expect(hit.form).not.toHaveProperty("ErrorCode")

      const done = yield* rest.compat.faxes.get(fax.sid)
      expect(done).toMatchObject({ status: "delivered", num_pages: "3", price: "-0.0315", price_unit: "USD", error_code: null })
      expect(done.duration).toBeGreaterThanOrEqual(0)
      expect((yield* rest.compat.faxes.list({ To: to })).faxes.map((f) => f.status)).toEqual(["delivered"])

      const log = yield* rest.logs.fax.get(fax.sid)
      expect(log).toMatchObject({
        id: fax.sid,
        from: FROM,
        to,
        status: "completed",
        direction: "outbound-api",
        source: "laml",
        type: "laml_call",
        number_of_pages: 3,
        quality: "fine",
        charge: 0.0315,
        charge_details: [{ description: "Fax pages", charge: 0.0315 }],
        error_code: null,
        error_message: null
      })
      expect(log.url).toBe(`${sandbox.rest.baseUrl}${BASE}/Faxes/${fax.sid}`)
      expect((yield* rest.logs.fax.list()).data.map((l) => l.id)).toEqual([fax.sid])
      // The fax was a call of the simulation (it is in the voice log too).
      expect((yield* rest.logs.voice.list()).data.map((l) => l.to)).toContain(to)

      const journal = yield* sandbox.rest.journal
      const create = journal.find((r) => r.operation === "compatFaxes.create")
      expect(Object.fromEntries(new URLSearchParams(create!.body as string))).toEqual({
        To: to,
        From: FROM,
        MediaUrl: "https://example.com/contract.pdf",
        StatusCallback: receiver.url("/fax-status")
      })
      expect(journal.find((r) => r.operation === "logs.getFax")).toMatchObject({ method: "GET", path: `/api/fax/logs/${fax.sid}`, status: 200 })
    }))

  it.scopedLive("a busy, an unanswered and a failing far end: busy, no-answer and failed (with the reason, also in the callback)", () =>
    Effect.gen(function*() {
      const { receiver, rest, sandbox } = yield* setup
      yield* sandbox.calls.script("+15550003002", { outcome: "busy" })
      yield* sandbox.calls.script("+15550003003", { outcome: "noAnswer", ringFor: "30 millis" })
      yield* sandbox.calls.script("+15550003004", { outcome: "answer", fax: { error: "paper jam at the far end" } })
      const send = (to: string, callback?: string) =>
        rest.compat.faxes.create({ To: to, From: FROM, MediaUrl: "https://example.com/a.pdf", ...(callback === undefined ? {} : { StatusCallback: callback, StatusCallbackMethod: "GET" as const }) })

      const busy = yield* send("+15550003002")
      const unanswered = yield* send("+15550003003")
      const jammed = yield* send("+15550003004", receiver.url("/fax-status"))
      expect((yield* settled(rest, busy.sid)).status).toBe("busy")
      expect((yield* settled(rest, unanswered.sid)).status).toBe("no-answer")
      const failed = yield* settled(rest, jammed.sid)
      expect(failed).toMatchObject({ status: "failed", num_pages: null, error_message: "paper jam at the far end" })

      const hit = yield* receiver.waitFor((h) => h.path === "/fax-status")
      expect(hit.method).toBe("GET")
      expect(hit.query).toMatchObject({ FaxSid: jammed.sid, FaxStatus: "failed", ErrorMessage: "paper jam at the far end", NumPages: "0" })

      const logs = (yield* rest.logs.fax.list({ page_size: 2 }))
      expect(logs.data.map((l) => l.status)).toEqual(["busy", "no-answer"])
      expect(logs.links.next).toContain("page_token=")
      const all = yield* Stream.runCollect(rest.logs.fax.paginate({ page_size: 2 }))
      expect(Chunk.toReadonlyArray(all).map((l) => l.id)).toEqual([busy.sid, unanswered.sid, jammed.sid])
      expect((yield* rest.logs.fax.get(jammed.sid))).toMatchObject({ status: "failed", error_message: "paper jam at the far end", charge: 0 })
      expect(yield* Effect.flip(rest.logs.fax.get("00000000-0000-0000-0000-000000000000"))).toMatchObject({ status: 404, body: { error: "Not Found" } })
      // A fax that is not queued any more cannot be canceled.
      expect(yield* Effect.flip(rest.compat.faxes.update(busy.sid, { Status: "canceled" }))).toMatchObject({ status: 422, body: { code: 10000 } })

      // While the far end rings, the fax is processing (the call is ringing): neither canceled nor deleted.
      yield* sandbox.calls.script("+15550003005", { outcome: "answer", ringFor: "1 hour" })
      const ringing = yield* send("+15550003005")
      yield* rest.compat.faxes.get(ringing.sid).pipe(
        Effect.repeat({ until: (f) => f.status === "processing", schedule: Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(500))) })
      )
      expect((yield* rest.logs.fax.get(ringing.sid)).status).toBe("ringing")
      expect(yield* Effect.flip(rest.compat.faxes.update(ringing.sid, { Status: "canceled" }))).toMatchObject({ status: 422, body: { code: 10000 } })
      expect(yield* Effect.flip(rest.compat.faxes.delete(ringing.sid))).toMatchObject({ status: 409, body: { code: 20009 } })
      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.operation === "logs.getFax").map((r) => r.status)).toEqual([200, 404, 200])
    }))
})
