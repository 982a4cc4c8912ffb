import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { RelaySandbox, type Transcript } from "@signalwire-effect/sandbox"
import { entryOf, withRest } from "./fixtures/cxmlRun.js"
import { cxmlServer, type Hit, xml } from "./fixtures/cxmlServer.js"
import { answered, ids } from "./fixtures/answered.js"
import { sandboxCredentials, session } from "./rawClient.js"
import { doc } from "./fixtures/entries.js"

/** Every variable set over the run, later values winning. */
const varsOf = (entries: ReadonlyArray<Transcript.Entry>) =>
  entries.reduce<Record<string, unknown>>((all, e) => e._tag === "VarsChanged" ? { ...all, ...e.set } : all, {})

/** A `calling.conference` status callback's JSON body. */
const eventOf = (hit: Hit) =>
  JSON.parse(hit.rawBody) as { readonly event_type: string; readonly event_channel: string; readonly params: Record<string, unknown> }

const posted = (hit: Hit, status: string, callId?: string) =>
  hit.path === "/status" && hit.method === "POST" && eventOf(hit).params.status === status &&
  (callId === undefined || eventOf(hit).params.call_id === callId)

describe("SWML join_conference on the simulation's conferences", () => {
  it.scopedLive("a SWML caller waits (wait_url) until a RELAY caller starts the conference; its status callback; muted and removed over compat REST, it goes on with result", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/wait": () => JSON.stringify(doc([{ play: { url: "say:Please hold" } }])),
        "/status": () => ""
      })
      const swml = yield* sandbox.calls.inbound({
        from: "+15551110000",
        to: "+15552220000",
        swml: doc([
          { answer: {} },
          {
            join_conference: {
              name: "standup",
              start_on_enter: false,
              beep: "onEnter",
              wait_url: app.url("/wait"),
              status_callback: app.url("/status"),
              status_callback_event: "start join leave mute",
              result: { variable: "join_conference_result", case: { completed: [{ set: { after: "left" } }] }, default: [{ hangup: {} }] }
            }
          },
          { play: { url: "say:Goodbye" } }
        ])
      })
      // The wait document plays while nobody has started the conference.
      expect(yield* entryOf(sandbox, swml.callId, (e) => e._tag === "Played" && e.text === "Please hold")).toMatchObject({ kind: "say" })
      const hold = yield* app.waitFor((h) => h.path === "/wait")
      expect(hold.method).toBe("POST")
      expect(JSON.parse(hold.rawBody)).toMatchObject({ call: { call_id: swml.callId }, call_id: swml.callId })
      expect(yield* sandbox.calls.conferences).toEqual(new Map([["standup", [swml.callId]]]))
      const ownJoin = eventOf(yield* app.waitFor((h) => posted(h, "participant-join", swml.callId)))
      expect(ownJoin).toMatchObject({
        event_type: "calling.conference",
        event_channel: `swml:${swml.callId}`,
        project_id: sandboxCredentials.project,
        params: { name: "standup", size: 1, muted: false, hold: false, start_on_join: false, end_on_leave: false, coaching: false }
      })

      // A RELAY caller joins: the conference starts, both are in it.
      const { client } = yield* session(sandbox)
      const relay = yield* answered(sandbox, client, "+15551110001")
      const joined = yield* client.request("calling.join_conference", { ...ids(relay), name: "standup" })
      expect(joined.result.code).toBe("200")
      const sid = joined.result.conference_id as string
      expect(eventOf(yield* app.waitFor((h) => posted(h, "conference-start")))).toMatchObject({ params: { conference_id: sid, name: "standup" } })
      expect(eventOf(yield* app.waitFor((h) => posted(h, "participant-join", relay.callId)))).toMatchObject({ params: { size: 2, start_on_join: true } })
      expect(yield* sandbox.calls.conferences).toEqual(new Map([["standup", [swml.callId, relay.callId]]]))

      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const cf = rest.compat.conferences
          expect((yield* cf.getParticipant(sid, swml.callId))).toMatchObject({ start_conference_on_enter: false, muted: false })
          expect(yield* cf.updateParticipant(sid, swml.callId, { Muted: true })).toMatchObject({ muted: true })
          expect(eventOf(yield* app.waitFor((h) => posted(h, "participant-mute", swml.callId)))).toMatchObject({ params: { muted: true } })
          // Removed: the SWML call leaves the conference and its document goes on.
          yield* cf.removeParticipant(sid, swml.callId)
        }))
      const entries = yield* sandbox.swml.waitForEnd(swml.callId)
      expect(varsOf(entries)).toMatchObject({ join_conference_result: "completed", return_value: "completed", after: "left" })
      expect(entries.filter((e) => e._tag === "Played").map((e) => e._tag === "Played" ? e.text : "")).toEqual(["Please hold", "Goodbye"])
      expect(entries.find((e) => e._tag === "Conferenced")).toMatchObject({ name: "standup" })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "swml" })
      const leave = yield* app.waitFor((h) => posted(h, "participant-leave", swml.callId))
      expect(leave.headers["x-signalwire-signature"]).toEqual(expect.any(String))
      expect(eventOf(leave).params).toMatchObject({ size: 1, muted: true })
      // Not asked for: no hold or end events.
      expect(app.hits().filter((h) => h.path === "/status").map((h) => eventOf(h).params.status)).not.toContain("conference-end")
      // The RELAY caller is still in the conference.
      expect(yield* sandbox.calls.conferences).toEqual(new Map([["standup", [relay.callId]]]))
      expect(Option.getOrThrow(yield* sandbox.calls.get(relay.callId))).toMatchObject({ state: "answered", conference: "standup" })
    }))

  it.scopedLive("a cXML caller and SWML callers meet; a full conference refuses a join (failed); an end_on_exit participant leaving ends it for all", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({ "/room": () => xml(`<Dial><Conference>huddle</Conference></Dial>`) })
      const host = yield* sandbox.calls.inbound({
        from: "+15551110000",
        to: "+15552220000",
        swml: doc([{ join_conference: { name: "huddle", end_on_exit: true, max_participants: 2 } }, { play: { url: "say:Host out" } }])
      })
      yield* entryOf(sandbox, host.callId, (e) => e._tag === "Conferenced")
      yield* sandbox.calls.script("+15550004002", { outcome: "answer" })
      const cxml = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: "+15550004002", From: "+15551234567", Url: app.url("/room") }))
      yield* entryOf(sandbox, cxml.sid, (e) => e._tag === "Conferenced")
      expect(yield* sandbox.calls.conferences).toEqual(new Map([["huddle", [host.callId, cxml.sid]]]))

      // A third caller: the conference is full.
      const late = yield* sandbox.calls.inbound({
        from: "+15551110002",
        to: "+15552220000",
        swml: doc([{
          join_conference: {
            name: "huddle",
            result: { variable: "join_conference_result", case: { failed: [{ play: { url: "say:Full" } }] } }
          }
        }])
      })
      const lateEntries = yield* sandbox.swml.waitForEnd(late.callId)
      expect(varsOf(lateEntries)).toMatchObject({ join_conference_result: "failed", return_value: "failed" })
      expect(lateEntries.find((e) => e._tag === "VerbFailed")).toMatchObject({ verb: "join_conference", detail: expect.stringContaining("full") })
      expect(lateEntries.some((e) => e._tag === "Played" && e.text === "Full")).toBe(true)

      // The host (end_on_exit) hangs up: the cXML caller is taken out, and its document (nothing after
      // the Dial) runs out.
      yield* sandbox.calls.hangup(host.callId)
      yield* sandbox.calls.waitForState(cxml.sid, "ended")
      expect((yield* sandbox.swml.transcript(cxml.sid)).at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })
      expect(yield* sandbox.calls.conferences).toEqual(new Map())
      const [logged] = yield* withRest(sandbox, (rest) => Effect.map(rest.logs.conferences.list(), (p) => p.data))
      expect(logged).toMatchObject({ name: "huddle", status: "completed", current_participants: 0, type: "relay_conference" })
    }))
})
