import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { nextEvent, sandboxCredentials, session } from "./rawClient.js"

/** A REST client written from SignalWire's public documents: fetch, Basic auth, JSON. */
const call = (sandbox: RelaySandbox.Sandbox, method: string, path: string, body?: unknown, auth = sandboxCredentials) =>
  Effect.promise(async () => {
    const response = await fetch(`http://${sandbox.host}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${auth.project}:${auth.token}`).toString("base64")}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text.length === 0 ? undefined : JSON.parse(text) as Record<string, any> }
  })

describe("the REST side, driven by a client written from SignalWire's documents", () => {
  it.scopedLive("a purchased number is one messaging.send accepts over RELAY; a released one is not", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const sms = { context: "office", from_number: "+15556667777", to_number: "+15550001111", body: "hi" }
      expect((yield* client.request("messaging.send", sms)).result).toMatchObject({ code: "422" })
      const bought = yield* call(sandbox, "POST", "/api/relay/rest/phone_numbers", { number: "+15556667777" })
      expect(bought).toMatchObject({ status: 200, body: { number: "+15556667777", id: expect.any(String) } })
      expect((yield* client.request("messaging.send", sms)).result).toMatchObject({ code: "200" })
      const released = yield* call(sandbox, "DELETE", `/api/relay/rest/phone_numbers/${bought.body!.id}`)
      expect(released).toEqual({ status: 204, body: undefined })
      expect((yield* client.request("messaging.send", sms)).result).toMatchObject({ code: "422" })
    }))

  it.scopedLive("a number bound to a RELAY context routes an inbound call to the clients receiving it", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox, ["support"])
      const [number] = (yield* call(sandbox, "GET", "/api/relay/rest/phone_numbers?filter_number=2220000")).body!.data
      const bound = yield* call(sandbox, "PUT", `/api/relay/rest/phone_numbers/${number.id}`, {
        call_handler: "relay_context",
        call_relay_context: "support"
      })
      expect(bound.body).toMatchObject({ call_handler: "relay_context", call_relay_context: "support" })
      const offered = yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000" })
      const event = yield* nextEvent(client, "calling.call.receive")
      expect(event.params).toMatchObject({ call_id: offered.callId, context: "support" })
      // The call is in the voice log.
      const log = yield* call(sandbox, "GET", `/api/voice/logs/${offered.callId}`)
      expect(log).toMatchObject({
        status: 200,
        body: { id: offered.callId, from: "+15551110000", to: "+15552220000", direction: "inbound", source: "realtime_api" }
      })
      expect((yield* call(sandbox, "GET", "/api/voice/logs")).body!.data.map((l: { id: string }) => l.id)).toEqual([offered.callId])
      expect((yield* call(sandbox, "GET", `/api/voice/logs/${offered.callId}/events`)).body!.data).toHaveLength(1)
    }))

  it.scopedLive("a recording the call simulation finishes is listed, read and deleted over REST", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const offered = yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" })
      yield* nextEvent(client, "calling.call.receive")
      yield* client.request("calling.answer", { node_id: offered.nodeId, call_id: offered.callId })
      const ids = { node_id: offered.nodeId, call_id: offered.callId }
      yield* client.request("calling.record", { ...ids, control_id: "rec-1", record: { audio: { format: "wav" } } })
      yield* client.request("calling.record.stop", { ...ids, control_id: "rec-1" })
      yield* sandbox.calls.waitForState(offered.callId, "answered")
      const list = yield* call(sandbox, "GET", "/api/relay/rest/recordings")
      expect(list.body!.data).toMatchObject([
        { id: "rec-1", call_id: offered.callId, status: "completed", url: "https://sandbox.invalid/recordings/rec-1.wav" }
      ])
      expect(yield* call(sandbox, "GET", "/api/relay/rest/recordings/rec-1")).toMatchObject({ status: 200, body: { id: "rec-1" } })
      expect(yield* call(sandbox, "DELETE", "/api/relay/rest/recordings/rec-1")).toEqual({ status: 204, body: undefined })
      expect((yield* call(sandbox, "GET", "/api/relay/rest/recordings/rec-1")).status).toBe(404)
    }))

  it.scoped("platform-shaped errors: 401, 404 for an unknown path or id, 422 for a body the schema rejects", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const unauthorized = yield* call(sandbox, "GET", "/api/relay/rest/queues", undefined, { project: "x", token: "y" })
      expect(unauthorized).toEqual({ status: 401, body: { error: "Unauthorized" } })
      expect(yield* call(sandbox, "GET", "/api/relay/rest/nothing_here")).toEqual({ status: 404, body: { error: "Not Found" } })
      expect(yield* call(sandbox, "GET", "/api/relay/rest/queues/nope")).toEqual({ status: 404, body: { error: "Not Found" } })
      const invalid = yield* call(sandbox, "POST", "/api/relay/rest/phone_numbers", { number: "not-a-number" })
      expect(invalid).toMatchObject({
        status: 422,
        body: { errors: [{ code: "invalid_parameter", title: "Invalid Parameter", status: "422", detail: expect.any(String) }] }
      })
      const journal = yield* sandbox.rest.journal
      expect(journal.map((r) => [r.auth, r.operation, r.status])).toEqual([
        ["invalid", "queues.list", 401],
        ["ok", undefined, 404],
        ["ok", "queues.get", 404],
        ["ok", "phoneNumbers.purchase", 422]
      ])
    }))

  it.scoped("the admin API adds faults and shows the REST journal", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const admin = (method: string, path: string, body?: unknown) =>
        Effect.promise(async () => {
          const response = await fetch(`http://${sandbox.host}${path}`, {
            method,
            ...(body === undefined ? {} : { body: JSON.stringify(body) })
          })
          const text = await response.text()
          return { status: response.status, body: text.length === 0 ? undefined : JSON.parse(text) as unknown }
        })
      expect((yield* admin("POST", "/_sandbox/rest/faults", { operation: "queues.list", status: 429, headers: { "retry-after": "3" } })).status)
        .toBe(201)
      expect((yield* admin("POST", "/_sandbox/rest/faults", { status: 429 })).status).toBe(400)
      expect(yield* call(sandbox, "GET", "/api/relay/rest/queues")).toEqual({ status: 429, body: { error: "Too Many Requests" } })
      expect((yield* call(sandbox, "GET", "/api/relay/rest/queues")).status).toBe(200)
      yield* admin("POST", "/_sandbox/rest/faults", { operation: "queues.list", status: 503, times: 5 })
      expect((yield* admin("POST", "/_sandbox/rest/faults/clear")).status).toBe(204)
      expect((yield* call(sandbox, "GET", "/api/relay/rest/queues")).status).toBe(200)
      const journal = yield* admin("GET", "/_sandbox/rest/requests")
      expect(journal.body).toMatchObject([
        { method: "GET", path: "/api/relay/rest/queues", status: 429, fault: { status: 429, headers: { "retry-after": "3" } } },
        { status: 200 },
        { status: 200 }
      ])
    }))
})
