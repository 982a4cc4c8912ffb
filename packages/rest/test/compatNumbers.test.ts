import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { COMPAT_BASE, FORM, PROJECT, compatError, withRest } from "./fixtures.js"

const BASE = COMPAT_BASE

describe("compat phone numbers", () => {
  it.scoped("the project's numbers: search, purchase with webhooks, update, the relay-REST view of the same number, release", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const pn = rest.compat.phoneNumbers
          // The simulation's numbers are the project's from the start.
          const initial = yield* Stream.runCollect(pn.paginate({ PageSize: 2 }))
          expect(Chunk.toReadonlyArray(initial).map((n) => n.phone_number)).toEqual(["+15551234567", "+15559870000", "+15552220000"])
          const countries = yield* pn.listAvailableCountries()
          expect(countries.countries.map((c) => c.country_code)).toEqual(["US", "CA"])
          expect(yield* pn.getAvailableCountry("us")).toMatchObject({ country_code: "US", subresource_uris: { local: `${BASE}/AvailablePhoneNumbers/US/Local` } })
          expect(yield* Effect.flip(pn.getAvailableCountry("FR"))).toMatchObject(compatError(404, 20404))
          const local = yield* pn.searchLocal("US", { AreaCode: "312", Contains: "9" })
          expect(local.available_phone_numbers.length).toBeGreaterThan(0)
          for (const n of local.available_phone_numbers) expect(n.phone_number).toMatch(/^\+1312\d*9\d*$/)
          const tollFree = yield* pn.searchTollFree("US")
          expect(tollFree.available_phone_numbers[0]!.phone_number).toMatch(/^\+18\d\d/)
          expect(yield* Effect.flip(pn.searchLocal("DE"))).toMatchObject(compatError(404, 20404))

          const candidate = local.available_phone_numbers[0]!.phone_number
          const bought = yield* pn.purchase({ PhoneNumber: candidate, FriendlyName: "Support", VoiceUrl: "https://example.com/voice.xml" })
          expect(bought).toMatchObject({
            phone_number: candidate,
            friendly_name: "Support",
            voice_url: "https://example.com/voice.xml",
            voice_method: "POST",
            sms_url: null,
            account_sid: PROJECT,
            capabilities: { voice: true, sms: true, mms: true, fax: true },
            uri: `${BASE}/IncomingPhoneNumbers/${bought.sid}`
          })
          expect(yield* Effect.flip(pn.purchase({ PhoneNumber: candidate }))).toMatchObject(compatError(422, 10000))
          // The same number in the relay-REST API: a cXML webhook handler.
          expect(yield* rest.phoneNumbers.get(bought.sid)).toMatchObject({
            number: candidate,
            name: "Support",
            call_handler: "laml_webhooks",
            call_request_url: "https://example.com/voice.xml"
          })
          const app = yield* rest.compat.applications.create({ FriendlyName: "SMS bot", SmsUrl: "https://example.com/sms.xml" })
          const updated = yield* pn.update(bought.sid, { SmsApplicationSid: app.sid, VoiceReceiveMode: "fax", StatusCallback: "https://example.com/status" })
          expect(updated).toMatchObject({ sms_application_sid: app.sid, voice_receive_mode: "fax", status_callback: "https://example.com/status" })
          expect(yield* rest.phoneNumbers.get(bought.sid)).toMatchObject({ message_handler: "laml_application", message_laml_application_id: app.sid })
          expect(yield* Effect.flip(pn.update(bought.sid, { VoiceApplicationSid: "nope" }))).toMatchObject(compatError(400, 21420))
          expect(yield* Effect.flip(pn.update(bought.sid, { AccountSid: "nope" }))).toMatchObject(compatError(422, 10004))
          expect((yield* pn.get(bought.sid)).sms_application_sid).toBe(app.sid)
          expect((yield* pn.list({ PhoneNumber: candidate.slice(2) })).incoming_phone_numbers.map((n) => n.sid)).toEqual([bought.sid])
          // A number of the project is one it sends from.
          expect((yield* rest.compat.messages.create({ To: "+15550001111", From: candidate, Body: "from the new number" })).from).toBe(candidate)

          yield* pn.delete(bought.sid)
          expect(yield* Effect.flip(pn.get(bought.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(pn.delete(bought.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(pn.update(bought.sid, { FriendlyName: "x" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.messages.create({ To: "+15550001111", From: candidate, Body: "x" }))).toMatchObject(
            compatError(422, 21210)
          )
          expect((yield* Effect.flip(pn.purchase({ PhoneNumber: "5551234" })))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(pn.searchLocal("USA")))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      const purchase = journal.find((r) => r.operation === "compatPhoneNumbers.purchase" && r.status === 201)!
      expect(purchase).toMatchObject({ method: "POST", path: `${BASE}/IncomingPhoneNumbers`, contentType: FORM })
      expect(Object.fromEntries(new URLSearchParams(purchase.body as string))).toEqual({
        PhoneNumber: expect.stringMatching(/^\+1312/),
        FriendlyName: "Support",
        VoiceUrl: "https://example.com/voice.xml"
      })
      expect(journal.find((r) => r.operation === "compatPhoneNumbers.searchLocal")!.query).toEqual({ AreaCode: "312", Contains: "9" })
    }))

  it.scoped("importNumber registers a hosted number the project can send from", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const imported = yield* rest.compat.phoneNumbers.importNumber({ number: "+15550009999", number_type: "longcode", capabilities: ["sms", "voice"] })
          expect(imported).toMatchObject({ phone_number: "+15550009999", origin: "hosted", capabilities: { sms: true, voice: true, fax: false } })
          expect(yield* Effect.flip(rest.compat.phoneNumbers.importNumber({ number: "+15550009999", number_type: "longcode" })))
            .toMatchObject(compatError(422, 10000))
          expect((yield* rest.compat.messages.create({ To: "+15550001111", From: "+15550009999", Body: "x" })).status).toBe("queued")
        }))
      const request = (yield* sandbox.rest.journal)[0]!
      expect(request).toMatchObject({ operation: "compatPhoneNumbers.importNumber", path: `${BASE}/ImportedPhoneNumbers`, contentType: FORM, status: 201 })
      expect(new URLSearchParams(request.body as string).getAll("capabilities")).toEqual(["sms", "voice"])
    }))
})

describe("compat applications and LaML bins", () => {
  it.scoped("applications: create, get, update (POST), list with a filter, delete; 404s", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const ap = rest.compat.applications
          const created = yield* ap.create({ FriendlyName: "IVR", VoiceUrl: "https://example.com/ivr.xml", VoiceMethod: "GET" })
          expect(created).toMatchObject({ friendly_name: "IVR", voice_url: "https://example.com/ivr.xml", voice_method: "GET", sms_url: null, sms_method: "POST" })
          expect(yield* ap.get(created.sid)).toEqual(created)
          expect(created).not.toHaveProperty("id")
          expect((yield* ap.list()).applications[0]).not.toHaveProperty("id")
          const updated = yield* ap.update(created.sid, { FriendlyName: "IVR 2", SmsUrl: "https://example.com/sms.xml" })
          expect(updated).toMatchObject({ friendly_name: "IVR 2", voice_url: "https://example.com/ivr.xml", sms_url: "https://example.com/sms.xml" })
          yield* ap.create({ FriendlyName: "Other" })
          expect((yield* ap.list({ FriendlyName: "IVR 2" })).applications.map((a) => a.sid)).toEqual([created.sid])
          expect(Chunk.size(yield* Stream.runCollect(ap.paginate({ PageSize: 1 })))).toBe(2)
          yield* ap.delete(created.sid)
          expect(yield* Effect.flip(ap.get(created.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(ap.update(created.sid, { FriendlyName: "x" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(ap.delete(created.sid))).toMatchObject(compatError(404, 20404))
          expect((yield* Effect.flip(ap.create({ FriendlyName: "x", VoiceUrl: "not a url" })))._tag).toBe("RestValidationError")
        }))
      const create = (yield* sandbox.rest.journal)[0]!
      expect(create).toMatchObject({ operation: "compatApplications.create", contentType: FORM, status: 201 })
      expect(create.body).toBe("FriendlyName=IVR&VoiceUrl=https%3A%2F%2Fexample.com%2Fivr.xml&VoiceMethod=GET")
    }))

  it.scoped("LaML bins: create, get, update keeps the contents unless given, list by name, delete; 404s", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const lb = rest.compat.lamlBins
          const xml = "<Response><Say>Hello</Say></Response>"
          const bin = yield* lb.create({ Name: "hello", Contents: xml })
          expect(bin).toMatchObject({ name: "hello", contents: xml, num_requests: 0, request_url: expect.stringContaining(`/laml-bins/${bin.sid}`) })
          expect((yield* lb.update(bin.sid, { Name: "hi" }))).toMatchObject({ name: "hi", contents: xml })
          expect((yield* lb.get(bin.sid)).name).toBe("hi")
          expect((yield* lb.list({ Name: "hi" })).laml_bins.map((b) => b.sid)).toEqual([bin.sid])
          expect(Chunk.size(yield* Stream.runCollect(lb.paginate()))).toBe(1)
          yield* lb.delete(bin.sid)
          expect(yield* Effect.flip(lb.get(bin.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(lb.update(bin.sid, { Name: "x" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(lb.delete(bin.sid))).toMatchObject(compatError(404, 20404))
          expect((yield* Effect.flip(lb.create({ Name: "" })))._tag).toBe("RestValidationError")
        }))
      const create = (yield* sandbox.rest.journal)[0]!
      expect(create).toMatchObject({ operation: "compatLamlBins.create", contentType: FORM, status: 201 })
      expect(new URLSearchParams(create.body as string).get("Contents")).toBe("<Response><Say>Hello</Say></Response>")
    }))
})
