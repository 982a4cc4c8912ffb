import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlApp, withRest } from "./fixtures.js"

const FROM = "+15551234567"
const CALLS = "/api/laml/2010-04-01/Accounts/sandbox-project/Calls"

describe("compat calls", () => {
  it.scopedLive("create, list with next_page_uri, get, update, delete — form bodies on the wire, the same calls as the calling API", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15550009999", { ringFor: "1 hour" })
      // The calls' cXML waits for input that never comes (the sandbox runs it once a call is answered).
      const origin = yield* cxmlApp(`<Response><Gather timeout="3600"/></Response>`)
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const created = yield* Effect.forEach(["+15550001111", "+15550002222", "+15550003333"], (to) =>
            rest.compat.calls.create({ To: to, From: FROM, Url: `${origin}/cxml`, StatusCallbackEvent: ["initiated", "answered"], Timeout: 30 }))
          expect(created[0]).toMatchObject({ to: "+15550001111", from: FROM, direction: "outbound-api", account_sid: "sandbox-project", api_version: "2010-04-01" })
          const posts = (yield* sandbox.rest.journal).filter((r) => r.operation === "compatCalls.create")
          expect(posts[0]!.path).toBe(CALLS)
          expect(typeof posts[0]!.body).toBe("string")
          expect(Object.fromEntries(new URLSearchParams(posts[0]!.body as string))).toEqual({
            To: "+15550001111",
            From: FROM,
            Url: `${origin}/cxml`,
            StatusCallbackEvent: "initiated answered",
            Timeout: "30"
          })

          const first = yield* rest.compat.calls.list({ PageSize: 2 })
          expect(first.calls.map((c) => c.sid)).toEqual([created[2]!.sid, created[1]!.sid])
          expect(first).toMatchObject({ page: 0, page_size: 2, previous_page_uri: null })
          expect(first.next_page_uri).toMatch(/^\/api\/laml\/2010-04-01\/Accounts\/sandbox-project\/Calls\?Page=1&PageSize=2&PageToken=PA/)
          const all = yield* Stream.runCollect(rest.compat.calls.paginate({ PageSize: 2 }))
          expect(Chunk.toReadonlyArray(all).map((c) => c.sid)).toEqual([created[2]!.sid, created[1]!.sid, created[0]!.sid])
          const pages = (yield* sandbox.rest.journal).filter((r) => r.operation === "compatCalls.list")
          expect(pages.at(-1)!.query).toMatchObject({ Page: "1", PageSize: "2" })

          const sid = created[0]!.sid
          yield* sandbox.calls.waitForState(sid, "answered")
          expect(yield* rest.compat.calls.get(sid)).toMatchObject({ sid, status: "in-progress" })
          // The compat call is a call of the calling API too.
          yield* rest.calling.play(sid, { control_id: "p", play: [{ type: "silence", params: { duration: 1 } }] })

          const recording = yield* rest.compat.calls.startRecording(sid, { RecordingChannels: "dual" })
          expect(recording).toMatchObject({ call_sid: sid, status: "in-progress", channels: 2 })
          expect(yield* rest.compat.calls.updateRecording(sid, recording.sid, { Status: "paused" })).toMatchObject({ status: "paused" })
          expect(yield* rest.compat.calls.updateRecording(sid, recording.sid, { Status: "stopped" })).toMatchObject({ status: "stopped" })
          const stream = yield* rest.compat.calls.startStream(sid, { Url: "wss://example.com/audio", Name: "bot" })
          expect(yield* rest.compat.calls.stopStream(sid, stream.sid)).toMatchObject({ sid: stream.sid, status: "stopped" })
          const updates = (yield* sandbox.rest.journal).filter((r) => r.operation === "compatCalls.stopStream")
          expect(updates[0]!.body).toBe("Status=stopped")

          const refused = yield* Effect.flip(rest.compat.calls.delete(sid))
          expect(refused).toMatchObject({ status: 422, body: { code: 21220, status: 422, more_info: expect.stringContaining("https://") } })
          const redirected = yield* rest.compat.calls.update(sid, { Url: `${origin}/next`, Method: "GET" })
          expect(redirected.status).toBe("in-progress")
          expect(yield* rest.compat.calls.update(sid, { Status: "completed" })).toMatchObject({ status: "completed" })
          yield* rest.compat.calls.delete(sid)
          const gone = yield* Effect.flip(rest.compat.calls.get(sid))
          expect(gone).toMatchObject({ status: 404, body: { code: 20404, status: 404 } })
          const events = (yield* rest.logs.voice.listEvents(sid)).data.map((e) => e.event)
          expect(events).toEqual(["cxml.received", "cxml.updated", "cxml.received", "calling.call.state"])

          const ringing = yield* rest.compat.calls.create({ To: "+15550009999", From: FROM, Url: `${origin}/cxml` })
          expect(yield* Effect.flip(rest.compat.calls.update(ringing.sid, { Status: "completed" }))).toMatchObject({ status: 422 })
          expect(yield* rest.compat.calls.update(ringing.sid, { Status: "canceled" })).toMatchObject({ status: "canceled" })
        }))
    }))

  it.scopedLive("a form the schema refuses: a validation error before sending; on the wire the compat 400 body", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const local = yield* Effect.flip(rest.compat.calls.create({ To: "+15550001111", From: FROM }))
          expect(local._tag).toBe("RestValidationError")
          expect((yield* sandbox.rest.journal).length).toBe(0)
        }))
      const response = yield* Effect.promise(() =>
        fetch(`${sandbox.rest.baseUrl}${CALLS}`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: `Basic ${Buffer.from("sandbox-project:sandbox-token").toString("base64")}`
          },
          body: "From=%2B15551234567&Url=https%3A%2F%2Fexample.com"
        }).then(async (r) => ({ status: r.status, body: await r.json() as Record<string, unknown> }))
      )
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ code: expect.any(Number), status: 400, more_info: expect.stringContaining("https://") })
      expect(typeof response.body.message).toBe("string")
      const other = yield* Effect.promise(() =>
        fetch(`${sandbox.rest.baseUrl}/api/laml/2010-04-01/Accounts/someone-else/Calls`, {
          headers: { authorization: `Basic ${Buffer.from("sandbox-project:sandbox-token").toString("base64")}` }
        }).then((r) => r.status)
      )
      expect(other).toBe(404)
    }))
})
