/** Errors a person can read: one short line naming the field and what was expected. */
import * as net from "node:net"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Device, RelayClient, RelayEvent } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

describe("readable errors", () => {
  it.scopedLive("an invalid dial names the field and what was expected, in a short line, with the issues as data", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const error = yield* Effect.flip(
        Effect.scoped(relay.dial([[{ type: "phone", params: { to_number: "555-1234", from_number: "+15552220000" } }]] as unknown as Device.DialPlan))
      )
      expect(error._tag).toBe("InvalidRequest")
      if (error._tag !== "InvalidRequest") return
      expect(error.message).toBe(
        "calling.dial: invalid request, nothing was sent (devices[0][0].params.to_number: expected an E.164 number such as +15551230001)"
      )
      expect(error.issues).toEqual([
        { path: "devices[0][0].params.to_number", message: "expected an E.164 number such as +15551230001" }
      ])
      expect((yield* sandbox.journal.requests("calling.dial")).length).toBe(0)
    }))

  it.scopedLive("an invalid message and invalid call options stay under a few hundred characters", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const message = yield* Effect.flip(relay.sendMessage({ to: "not a number", from: "+15551234567", body: "hi" }))
      expect(message._tag).toBe("InvalidRequest")
      expect(message.message.length).toBeLessThan(300)
      expect(message.message).toContain("to")
      const planned = yield* Effect.flip(
        Effect.scoped(relay.dial(Device.serial(Device.phone({ to: "+15551230001", from: "+15552220000" })), { maxDuration: -1 }))
      )
      expect(planned.message.length).toBeLessThan(300)
      expect(planned.message).toContain("maxDuration")
    }))

  it("an event whose params do not fit says where, in one line", () => {
    const event = RelayEvent.decode({ event_type: "calling.call.state", params: { call_id: 42 } }, "e-1")
    expect(event._tag).toBe("Unknown")
    if (event._tag !== "Unknown") return
    expect(event.issue).toMatch(/^params\.[a-z_]+: /)
    expect(event.issue!.length).toBeLessThan(300)
  })
})

describe("the first connection", () => {
  it.scopedLive("an unreachable host fails the client with ConnectFailed within connectTimeout, naming the URL and the cause", () =>
    Effect.gen(function*() {
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const server = net.createServer().listen(0, "127.0.0.1", () => {
            const address = server.address() as net.AddressInfo
            server.close(() => resolve(address.port))
          })
        })
      )
      const error = yield* Effect.flip(
        RelayClient.make({
          project: "p",
          token: "t",
          host: `127.0.0.1:${port}`,
          scheme: "ws",
          connectTimeout: "300 millis",
          reconnectSchedule: Schedule.spaced("50 millis")
        }).pipe(Effect.provide(NodeWebSocket.layer))
      ).pipe(Effect.timeout("10 seconds"))
      expect(error._tag).toBe("ConnectFailed")
      expect(error.message).toContain(`ws://127.0.0.1:${port}`)
      expect(error.message).toContain("connectTimeout")
      expect(error.message).toMatch(/ECONNREFUSED|refused/i)
    }))

  it.scopedLive("wss spoken to a plain ws endpoint says which scheme to set", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const error = yield* Effect.flip(
        RelayClient.make({ ...sandbox.clientOptions, scheme: "wss", connectTimeout: "300 millis" }).pipe(
          Effect.provide(NodeWebSocket.layer)
        )
      ).pipe(Effect.timeout("10 seconds"))
      expect(error.message).toContain(`set scheme: "ws"`)
    }))
})
