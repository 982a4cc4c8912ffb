import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"

const OURS = "+15551234567"
const OFFICE = "+15552220000"
const SENDER = "+15557770000"
const KEY = "PSK_cxml3_faxes"

const download = (url: string) =>
  Effect.promise(() =>
    fetch(url).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), bytes: new Uint8Array(await r.arrayBuffer()) }))
  )

describe("inbound faxes (cXML <Receive>)", () => {
  it.scopedLive("a fax to a number whose cXML has <Receive>: an inbound compat fax, its media served, the action posted (signed); a sender that fails: failed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({
        "/fax": () => xml(`<Receive action="/received" mediaType="image/tiff" pageSize="a4"/>`),
        "/received": () => xml(`<Hangup/>`)
      }, { signingKey: Redacted.make(KEY) })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/fax") })
        }))

      const call = yield* sandbox.calls.inbound({ from: SENDER, to: OFFICE, script: { fax: { pages: 2 } } })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Receive", "FaxReceived",
        "HttpExchange", "DocumentStarted", "Verb Hangup", "CallEnded"
      ])
      const action = app.hits().find((h) => h.path === "/received")!
      expect(action.signatureValid).toBe(true)
      expect(action.form).toEqual({
        AccountSid: "sandbox-project",
        ApiVersion: "2010-04-01",
        FaxSid: expect.any(String),
        From: SENDER,
        To: OFFICE,
        FaxStatus: "received",
        NumPages: "2",
        MediaUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/fax-media\/[0-9a-f-]+$/),
        RemoteStationId: SENDER,
        // The standard call parameters the cXML request carries too.
        CallSid: call.callId,
        CallStatus: "in-progress",
        Direction: "inbound"
      })
      const faxSid = action.form.FaxSid!
      expect(entries.find((e) => e._tag === "FaxReceived")).toMatchObject({ faxSid, status: "received", pages: 2, mediaUrl: action.form.MediaUrl })

      // The media is a TIFF of two pages (two image directories).
      const media = yield* download(action.form.MediaUrl!)
      expect(media.status).toBe(200)
      expect(media.type).toBe("image/tiff")
      expect([...media.bytes.slice(0, 4)]).toEqual([0x49, 0x49, 42, 0])
      const view = new DataView(media.bytes.buffer)
      const second = view.getUint32(view.getUint32(4, true) + 2 + 8 * 12, true)
      expect(second).toBeGreaterThan(0)
      expect(view.getUint32(second + 2 + 8 * 12, true)).toBe(0)

      const { fax, list, log } = yield* withRest(sandbox, (rest) =>
        Effect.all({ fax: rest.compat.faxes.get(faxSid), list: rest.compat.faxes.list({ To: OFFICE }), log: rest.logs.fax.get(faxSid) }))
      expect(fax).toMatchObject({ from: SENDER, to: OFFICE, direction: "inbound", status: "received", num_pages: "2", media_url: action.form.MediaUrl, price_unit: "USD" })
      expect(list.faxes.map((f) => f.sid)).toEqual([faxSid])
      expect(log).toMatchObject({ id: faxSid, direction: "inbound", status: "completed", number_of_pages: 2, remote_station: SENDER })
      const mediaList = yield* withRest(sandbox, (rest) => rest.compat.faxes.listMedia(faxSid))
      expect(mediaList.media).toMatchObject([{ content_type: "image/tiff", url: action.form.MediaUrl }])

      // A sender whose fax fails: the fax is failed, the action says why (no media).
      const jammed = yield* sandbox.calls.inbound({ from: "+15557770001", to: OFFICE, script: { fax: { error: "the sender's paper jammed" } } })
      yield* sandbox.swml.waitForEnd(jammed.callId).pipe(Effect.timeout("10 seconds"))
      const failed = app.hits().filter((h) => h.path === "/received")[1]!
      expect(failed.form).toMatchObject({ FaxStatus: "failed", NumPages: "0", ErrorMessage: "the sender's paper jammed" })
      expect(failed.form).not.toHaveProperty("MediaUrl")
      const failedFax = yield* withRest(sandbox, (rest) => rest.compat.faxes.get(failed.form.FaxSid!))
      expect(failedFax).toMatchObject({ direction: "inbound", status: "failed", media_url: null, error_message: "the sender's paper jammed" })
    }))

  it.scopedLive("a compat fax sent to the project's own number bound to cXML is received there: delivered on one side, received (PDF) on the other", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/fax": () => xml(`<Receive action="/received" pageSize="legal"/>`),
        "/received": () => "",
        "/status": () => ""
      })
      // The sender's document: three pages.
      yield* sandbox.calls.script(OURS, { fax: { pages: 3 } })
      const sent = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/fax") })
          return yield* rest.compat.faxes.create({ From: OURS, To: OFFICE, MediaUrl: "https://example.com/contract.pdf", StatusCallback: app.url("/status") })
        }))
      const status = yield* app.waitFor((h) => h.path === "/status").pipe(Effect.timeout("10 seconds"))
      expect(status.form).toMatchObject({ FaxSid: sent.sid, FaxStatus: "delivered", NumPages: "3" })
      const action = yield* app.waitFor((h) => h.path === "/received").pipe(Effect.timeout("10 seconds"))
      expect(action.form).toMatchObject({ From: OURS, To: OFFICE, FaxStatus: "received", NumPages: "3", Direction: "inbound" })
      const pdf = yield* download(action.form.MediaUrl!)
      expect(pdf.type).toBe("application/pdf")
      const text = new TextDecoder().decode(pdf.bytes)
      expect(text.startsWith("%PDF-1.4")).toBe(true)
      expect(text).toContain("/Count 3")
      expect(text).toContain("/MediaBox [0 0 612 1008]")
      expect(text.trimEnd().endsWith("%%EOF")).toBe(true)

      const faxes = yield* withRest(sandbox, (rest) => rest.compat.faxes.list())
      expect(faxes.faxes.map((f) => [f.direction, f.status, f.num_pages])).toEqual([
        ["outbound", "delivered", "3"],
        ["inbound", "received", "3"]
      ])
    }))

  it.scopedLive("a number in fax mode (VoiceReceiveMode fax): its document gets the Fax cXML parameters (FaxSid from the start); Reject cancels the fax", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      let reject = false
      const app = yield* cxmlServer({
        "/fax": () => (reject ? xml(`<Reject/>`) : xml(`<Receive action="/received"/>`)),
        "/received": () => ""
      })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          const updated = yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/fax"), VoiceReceiveMode: "fax" })
          expect(updated.voice_receive_mode).toBe("fax")
        }))
      const call = yield* sandbox.calls.inbound({ from: SENDER, to: OFFICE, script: { fax: { pages: 1 } } })
      yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      const request = app.hits().find((h) => h.path === "/fax")!
      expect(request.form).toEqual({ AccountSid: "sandbox-project", ApiVersion: "2010-04-01", FaxSid: expect.any(String), From: SENDER, To: OFFICE })
      const action = app.hits().find((h) => h.path === "/received")!
      expect(action.form).toMatchObject({ FaxSid: request.form.FaxSid, FaxStatus: "received", NumPages: "1" })
      expect(action.form).not.toHaveProperty("CallSid")

      reject = true
      const rejected = yield* sandbox.calls.inbound({ from: SENDER, to: OFFICE })
      yield* sandbox.swml.waitForEnd(rejected.callId).pipe(Effect.timeout("10 seconds"))
      const second = app.hits().filter((h) => h.path === "/fax")[1]!
      const canceled = yield* withRest(sandbox, (rest) => rest.compat.faxes.get(second.form.FaxSid!))
      expect(canceled).toMatchObject({ direction: "inbound", status: "canceled", from: SENDER, to: OFFICE })
      expect((yield* withRest(sandbox, (rest) => rest.logs.fax.get(second.form.FaxSid!))).status).toBe("canceled")
    }))
})
