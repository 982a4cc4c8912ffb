import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { type Call, RelayClient, type RelayEvent } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { type Calling, RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { serve } from "./swmlServer.js"

const FROM = "+15551234567"
const TO = "+15550001111"
const SWML = { version: "1.0.0", sections: { main: [{ answer: {} }, { play: { url: "say:Hello" } }] } }
/** A document that keeps the call up (the sandbox runs a REST call's SWML once it is answered). */
const HOLD = { version: "1.0.0", sections: { main: [{ answer: {} }, { sleep: 3_600_000 }] } }
const HOLD_2 = { version: "1.0.0", sections: { main: [{ sleep: 3_600_000 }] } }

const restLayer = (sandbox: RelaySandbox.Sandbox) =>
  RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

const setup = Effect.gen(function*() {
  const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
  const rest = yield* Effect.provide(RestClient.RestClient, restLayer(sandbox))
  return { sandbox, rest }
})

const relayClient = (sandbox: RelaySandbox.Sandbox, contexts: ReadonlyArray<string> = []) =>
  RelayClient.make({ ...sandbox.clientOptions, contexts }).pipe(Effect.provide(NodeWebSocket.layer))

const isEvent = (type: string, f: (params: Readonly<Record<string, unknown>>) => boolean = () => true) => (e: RelayEvent.RelayEvent) =>
  e.eventType === type && f(e.params as Readonly<Record<string, unknown>>)

const tts = (text: string) => [{ type: "tts" as const, params: { text } }]

describe("REST calling on the simulated platform", () => {
  it.scopedLive("a REST-dialed call is offered to the RELAY client of its number's context, which sees its events and controls it", () =>
    Effect.gen(function*() {
      const { rest, sandbox } = yield* setup
      yield* sandbox.calls.script(TO, { outcome: "answer", playFor: "1 hour" })
      const relay = yield* relayClient(sandbox, ["office"])
      const events = yield* relay.subscribe
      const plays = yield* relay.subscribe
      const offered = yield* Deferred.make<Call.Call>()
      yield* relay.onCall((call) => Effect.zipRight(Deferred.succeed(offered, call), Effect.orDie(call.waitFor("ended"))))
      const number = (yield* rest.phoneNumbers.list({ filter_number: FROM })).data[0]!
      yield* rest.phoneNumbers.setRelayContext(number.id, "office")

      const seen = yield* Effect.fork(Stream.runCollect(events.pipe(Stream.takeUntil(isEvent("calling.call.state", (p) => p.call_state === "ended")))))
      const leg = yield* rest.calling.dial({ from: FROM, to: TO, swml: SWML })
      expect(leg).toMatchObject({ from: FROM, to: TO, direction: "outbound-api", source: "realtime_api", type: "relay_pstn_call", url: null })
      expect(["created", "ringing"]).toContain(leg.status)

      const call = yield* Deferred.await(offered).pipe(Effect.timeoutFail({ duration: "3 seconds", onTimeout: () => "not offered" }), Effect.orDie)
      expect(call.callId).toBe(leg.id)
      yield* Effect.orDie(call.waitFor("answered"))

      // REST play on the call: the RELAY client gets the play events.
      yield* rest.calling.play(leg.id, { control_id: "rest-play", play: tts("from REST") })
      yield* plays.pipe(Stream.filter(isEvent("calling.call.play", (p) => p.control_id === "rest-play" && p.state === "playing")), Stream.runHead)
      // A RELAY play on the REST call runs on the same engine; REST stops it.
      const played = yield* Effect.orDie(call.play({ type: "tts", params: { text: "from RELAY" } }))
      const stopped = yield* rest.calling.playStop(leg.id, { control_id: played.controlId })
      expect(stopped.status).toBe("answered")

      const ended = yield* rest.calling.end(leg.id, { reason: "hangup" })
      expect(ended.id).toBe(leg.id)
      const states = (yield* seen).pipe((c) => Array.from(c)).filter(isEvent("calling.call.state")).map((e) => (e.params as { call_state: string }).call_state)
      expect(states).toEqual(["created", "ringing", "answered", "ending", "ended"])

      // The wire: one envelope per command, checked in the journal.
      const posts = yield* sandbox.rest.journal.pipe(Effect.map((j) => j.filter((r) => r.operation === "calling.command")))
      expect(posts.map((r) => (r.body as { command: string }).command)).toEqual(["dial", "calling.play", "calling.play.stop", "calling.end"])
      expect(posts[0]!.body).toEqual({ command: "dial", params: { from: FROM, to: TO, swml: SWML } })
      expect(posts[3]!.body).toEqual({ command: "calling.end", id: leg.id, params: { reason: "hangup" } })

      // The voice log shows the call and that its SWML was received (it is not executed here).
      const log = yield* rest.logs.voice.get(leg.id)
      expect(log).toMatchObject({ id: leg.id, direction: "outbound-api", status: "completed" })
      const logEvents = (yield* rest.logs.voice.listEvents(leg.id)).data
      expect(logEvents[0]).toMatchObject({ event: "swml.received", document: SWML })
    }))

  it.scopedLive("a RELAY-dialed call is ended over REST, and the far end's script decides a REST dial", () =>
    Effect.gen(function*() {
      const { rest, sandbox } = yield* setup
      yield* sandbox.calls.script("+15550002222", { outcome: "busy" })
      const relay = yield* relayClient(sandbox)
      const call = yield* Effect.orDie(relay.dial([[{ type: "phone", params: { from_number: FROM, to_number: TO } }]]))
      const ended = yield* rest.calling.end(call.callId)
      expect(ended).toMatchObject({ id: call.callId, direction: "outbound" })
      expect(yield* Effect.orDie(call.waitFor("ended"))).toBe("ended")

      const busy = yield* rest.calling.dial({ from: FROM, to: "+15550002222", url: "https://example.com/swml" })
      const final = yield* sandbox.calls.waitForState(busy.id, "ended")
      expect(final.endReason).toBe("busy")
      expect(yield* Effect.flip(rest.calling.end(busy.id))).toMatchObject({ status: 422 })
      expect(yield* rest.logs.voice.get(busy.id)).toMatchObject({ direction: "outbound-api" })
    }))

  it.scopedLive("update re-points a call at new SWML and ends it; cancel only before answer", () =>
    Effect.gen(function*() {
      const { rest, sandbox } = yield* setup
      yield* sandbox.calls.script("+15550003333", { ringFor: "1 hour" })
      const ringing = yield* rest.calling.dial({ from: FROM, to: "+15550003333", swml: HOLD })
      expect(yield* Effect.flip(rest.calling.update({ id: ringing.id, status: "completed" }))).toMatchObject({ status: 422 })
      expect(yield* rest.calling.update({ id: ringing.id, status: "canceled" })).toMatchObject({ status: "canceled" })

      const leg = yield* rest.calling.dial({ from: FROM, to: TO, swml: HOLD })
      yield* sandbox.calls.waitForState(leg.id, "answered")
      const updated = yield* rest.calling.update({ id: leg.id, swml: HOLD_2 })
      expect(updated.id).toBe(leg.id)
      const events = (yield* rest.logs.voice.listEvents(leg.id)).data.map((e) => e.event)
      expect(events).toEqual(["swml.received", "swml.updated", "swml.received", "calling.call.state"])
      expect(yield* rest.calling.update({ id: leg.id, status: "completed" })).toMatchObject({ status: "ended" })
      expect(yield* Effect.flip(rest.calling.update({ id: "no-such-call", status: "completed" }))).toMatchObject({ status: 404 })
    }))

  it.scoped("every call-scoped command: success on a live call, 404 on an unknown one, 422 on a refused one", () =>
    Effect.gen(function*() {
      const { rest, sandbox } = yield* setup
      yield* sandbox.calls.script(TO, { playFor: "1 hour", fax: { pages: 1000 } })
      const relay = yield* relayClient(sandbox)
      const leg = yield* rest.calling.dial({ from: FROM, to: TO, swml: HOLD })
      // The sandbox runs on the test's clock: the call is answered once it moves, and nothing
      // started afterwards (plays, the fax…) finishes on its own.
      yield* TestClock.adjust("1 second")
      yield* sandbox.calls.waitForState(leg.id, "answered")
      const id = leg.id
      const ctl = (control_id: string) => ({ control_id })
      expect(yield* rest.calling.update({ id, swml: HOLD_2 })).toMatchObject({ id })
      yield* Effect.orDie(relay.execute("calling.send_fax", { node_id: "n", call_id: id, control_id: "fax", document: "https://example.com/a.pdf" }))
      yield* Effect.orDie(relay.execute("calling.ai", { node_id: "n", call_id: id, control_id: "agent", prompt: { text: "Be brief" } }))

      type Run = readonly [keyof typeof Calling.methods, object]
      const runs: ReadonlyArray<Run> = [
        ["play", { control_id: "p", play: tts("hi"), volume: 2, direction: "listen", loop: 1 }],
        ["playPause", ctl("p")],
        ["playResume", ctl("p")],
        ["playVolume", { control_id: "p", volume: -3 }],
        ["playStop", ctl("p")],
        ["record", { control_id: "r", record: { audio: { format: "wav", beep: true } } }],
        ["recordPause", { control_id: "r", behavior: "silence" }],
        ["recordResume", ctl("r")],
        ["recordStop", ctl("r")],
        ["collect", { control_id: "c", initial_timeout: 3600, digits: { max: 4, terminators: "#" } }],
        ["collectStartInputTimers", ctl("c")],
        ["collectStop", ctl("c")],
        ["detect", { control_id: "d", detect: { type: "digit", params: { digits: "123" } }, timeout: 3600 }],
        ["detectStop", ctl("d")],
        ["tap", { control_id: "t", tap: { type: "audio", params: { direction: "both" } }, device: { type: "rtp", params: { addr: "127.0.0.1", port: 9000 } } }],
        ["tapStop", ctl("t")],
        ["stream", { control_id: "s", url: "wss://example.com/stream", track: "both_tracks" }],
        ["streamStop", ctl("s")],
        ["denoise", {}],
        ["denoiseStop", {}],
        ["transcribe", { control_id: "x" }],
        ["transcribeStop", ctl("x")],
        ["liveTranscribe", { action: { start: { lang: "en-US", direction: ["remote-caller"] } } }],
        ["liveTranslate", { action: { inject: { message: "hola", direction: "local-caller" } } }],
        ["aiMessage", { role: "system", message_text: "Wrap up" }],
        ["aiHold", { timeout: "30", prompt: "Please hold" }],
        ["aiUnhold", { prompt: "Thanks" }],
        ["aiStop", {}],
        ["aiSidecar", { lang: "en-US", prompt: "Coach the agent" }],
        ["aiSidecarAsk", { text: "How is it going?" }],
        ["aiSidecarPoke", { text: "Mention the offer" }],
        ["aiSidecarStatus", {}],
        ["aiSidecarStop", {}],
        ["sendFaxStop", ctl("fax")],
        ["refer", { device: { type: "sip", params: { to: "sip:agent@example.com" } } }],
        ["userEvent", { event: { kind: "note", text: "hi" } }],
        ["disconnect", {}],
        ["receiveFaxStop", ctl("fax-in")],
        ["transfer", { dest: SWML }],
        ["end", { reason: "hangup" }]
      ]
      const method = (name: Run[0]) => rest.calling[name] as (callId: string, params: object) => Effect.Effect<Calling.CallResponse, unknown>
      for (const [name, params] of runs) {
        expect(yield* Effect.flip(method(name)("3f1c0e4e-0000-4000-8000-00000000dead", params)), name).toMatchObject({ status: 404 })
        if (name === "receiveFaxStop") {
          // No fax is being received: refused with the calling API's 422 body.
          const refused = yield* Effect.flip(method(name)(id, params))
          expect(refused).toMatchObject({ status: 422, body: { errors: [{ type: "validation_error", code: "invalid_parameter" }] } })
          yield* Effect.orDie(relay.execute("calling.receive_fax", { node_id: "n", call_id: id, control_id: "fax-in" }))
        }
        const leg = yield* Effect.orDie(method(name)(id, params))
        // The sidecar's status is its counters (a text line on the wire), not the call leg.
        if (name === "aiSidecarStatus") expect(leg, name).toMatchObject({ running: true, ticks: 2 })
        else expect(leg.id, name).toBe(id)
      }
      expect(Object.keys(Calling_methods(rest)).length).toBe(runs.length)
      const posted = (yield* sandbox.rest.journal).filter((r) => r.operation === "calling.command" && r.status === 200)
      const commands = new Set(posted.map((r) => (r.body as { command: string }).command))
      expect(commands.size).toBe(42)
      const sidecar = posted.find((r) => (r.body as { command: string }).command === "calling.ai_sidecar.ask")!
      expect(sidecar.body).toEqual({ command: "calling.ai_sidecar.ask", id, params: { text: "How is it going?" } })
    }))

  it.scopedLive("a command the schema refuses is the calling API's 422, on the client and on the wire", () =>
    Effect.gen(function*() {
      const { rest, sandbox } = yield* setup
      const local = yield* Effect.flip(rest.calling.play("any", { control_id: "", play: [] }))
      expect(local._tag).toBe("RestValidationError")
      expect((yield* sandbox.rest.journal).length).toBe(0)
      const response = yield* Effect.promise(() =>
        fetch(`${sandbox.rest.baseUrl}/api/calling/calls`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox-project:sandbox-token").toString("base64")}` },
          body: JSON.stringify({ command: "calling.play", id: "x", params: { play: [] } })
        }).then(async (r) => ({ status: r.status, body: await r.json() as { errors: ReadonlyArray<Record<string, unknown>> } }))
      )
      expect(response.status).toBe(422)
      expect(response.body.errors[0]).toMatchObject({ type: "validation_error", code: "invalid_parameter" })
    }))
})

const Calling_methods = (rest: RestClient.RestClient["Type"]) =>
  Object.fromEntries(Object.entries(rest.calling).filter(([name]) => name !== "dial" && name !== "update" && name !== "send"))

describe("a REST-dialed call runs its SWML", () => {
  it.scopedLive("inline SWML with prompt, cond and goto runs once the far end answers; the transcript and a RELAY watcher show it", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* Effect.provide(RestClient.RestClient, restLayer(sandbox))
      // The far end presses nothing the first time, then 2.
      yield* sandbox.calls.script(TO, { outcome: "answer", inputs: ["noInput", { digits: "2" }] })
      const relay = yield* relayClient(sandbox, ["office"])
      const events = yield* relay.subscribe
      const number = (yield* rest.phoneNumbers.list({ filter_number: FROM })).data[0]!
      yield* rest.phoneNumbers.setRelayContext(number.id, "office")
      const states = yield* Effect.fork(Stream.runCollect(events.pipe(
        Stream.filter(isEvent("calling.call.state")),
        Stream.takeUntil(isEvent("calling.call.state", (p) => p.call_state === "ended"))
      )))

      const menu = {
        version: "1.0.0",
        sections: {
          main: [
            { answer: {} },
            { label: "ask" },
            { prompt: { play: "say:Press 1 or 2", max_digits: 1, initial_timeout: 1 } },
            { cond: [{ when: "prompt_result == 'no_input'", then: [{ goto: { label: "ask", max: 3 } }] }] },
            { cond: [{ when: "prompt_value == '2'", then: [{ play: { url: "say:You pressed two" } }] }, { else: [{ play: { url: "say:Something else" } }] }] },
            { hangup: {} }
          ]
        }
      }
      const leg = yield* rest.calling.dial({ from: FROM, to: TO, swml: menu })
      const entries = yield* sandbox.swml.waitForEnd(leg.id).pipe(Effect.timeout("20 seconds"))

      expect(entries[0]).toMatchObject({ _tag: "DocumentStarted", source: "inline", via: "rest" })
      const prompts = entries.filter((e) => e._tag === "PromptResult")
      expect(prompts.map((e) => e.result)).toEqual(["no_input", "match_digits"])
      expect(entries.filter((e) => e._tag === "Jumped").map((e) => `${e.kind} ${e.target}`)).toEqual(["goto ask"])
      expect(entries.filter((e) => e._tag === "Played").length).toBeGreaterThan(0)
      expect(JSON.stringify(entries)).toContain("You pressed two")
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "swml" })
      // The RELAY client of the number's context watched the call from created to ended.
      const seen = Array.from(yield* Effect.fromFiber(states)).map((e) => (e.params as { call_state: string }).call_state)
      expect(seen[0]).toBe("created")
      expect(seen.at(-1)).toBe("ended")
      expect(seen).toContain("answered")
      // The voice log notes the document it received.
      expect((yield* rest.logs.voice.listEvents(leg.id)).data[0]).toMatchObject({ event: "swml.received" })
    }))

  it.scopedLive("a dial's url is fetched with url_method; fallback_url replaces a url that fails or is not SWML, signed the same way", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* Effect.provide(RestClient.RestClient, restLayer(sandbox))
      yield* sandbox.calls.script(TO, { outcome: "answer" })
      const server = yield* serve({
        signingKey: sandbox.swml.signingKey,
        routes: {
          "/broken": () => ({ status: 500, body: { error: "down" } }),
          "/not-swml": () => ({ body: "<Response/>" }),
          "/fallback": () => ({ body: SWML }),
          "/get": () => ({ body: SWML })
        }
      })
      const run = (params: { readonly url: string; readonly fallback_url?: string; readonly url_method?: "GET" | "POST" }) =>
        Effect.gen(function*() {
          const leg = yield* rest.calling.dial({ from: FROM, to: TO, ...params })
          return yield* sandbox.swml.waitForEnd(leg.id).pipe(Effect.timeout("20 seconds"))
        })

      // A 500, then the fallback: the failed fetch and the fallback's document are both in the transcript.
      const broken = yield* run({ url: server.url("/broken"), fallback_url: server.url("/fallback") })
      expect(broken[0]).toMatchObject({ _tag: "HttpFailed", purpose: "swml", reason: "status", status: 500 })
      expect(broken.find((e) => e._tag === "DocumentStarted")).toMatchObject({ source: server.url("/fallback"), via: "fallback" })
      expect(broken.at(-1)).toMatchObject({ _tag: "CallEnded", by: "swml" })
      // A document that is not SWML falls back too.
      const notSwml = yield* run({ url: server.url("/not-swml"), fallback_url: server.url("/fallback") })
      expect(notSwml.find((e) => e._tag === "DocumentStarted")).toMatchObject({ via: "fallback" })
      // Without a fallback the call ends in error.
      const none = yield* run({ url: server.url("/broken") })
      expect(none.some((e) => e._tag === "DocumentStarted")).toBe(false)
      expect(none.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "error" })
      // url_method GET: a GET without a body (still signed: the server checks every request).
      const viaGet = yield* run({ url: server.url("/get"), url_method: "GET" })
      expect(viaGet.find((e) => e._tag === "DocumentStarted")).toMatchObject({ source: server.url("/get"), via: "rest" })
      const requests = server.received()
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "POST /broken",
        "POST /fallback",
        "POST /not-swml",
        "POST /fallback",
        "POST /broken",
        "GET /get"
      ])
      expect(requests.at(-1)!.body).toBe("")
      expect(requests[1]!.json).toMatchObject({ call: { call_id: expect.any(String) } })
    }))
})
