import { describe, expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { RelayClient, SessionStore } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { awaitState, connect, isConnected, sandboxWithEcho, settle } from "./fixtures/sandbox.js"

const fast = Schedule.spaced("10 millis")

describe("reconnect and resume", () => {
  it.scopedLive("signalwire.disconnect without restart: replied, then the next connect resumes the session", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const protocol = (yield* sandbox.sessions)[0]!.protocol
      yield* sandbox.faults.disconnect()
      const [disconnect] = yield* sandbox.journal.sent("signalwire.disconnect")
      expect(yield* sandbox.journal.repliesTo(disconnect!.id!)).toHaveLength(1)
      const state = yield* awaitState(relay, isConnected(2))
      expect(state).toMatchObject({ protocol, sessionRestored: true })
      const connects = yield* sandbox.journal.requests("signalwire.connect")
      expect(connects[1]?.params.protocol).toBe(protocol)
      expect(connects[1]?.params.authorization_state).toEqual(expect.any(String))
      expect((yield* sandbox.sessions)[0]?.restored).toBe(1)
    }))

  it.scopedLive("signalwire.disconnect with restart: the next connect sends no resume data and starts a new session", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const first = (yield* sandbox.sessions)[0]!.protocol
      yield* sandbox.faults.disconnect({ restart: true })
      const state = yield* awaitState(relay, isConnected(2))
      expect(state).toMatchObject({ sessionRestored: false })
      const connects = yield* sandbox.journal.requests("signalwire.connect")
      expect(connects[1]?.params).not.toHaveProperty("protocol")
      expect(connects[1]?.params).not.toHaveProperty("authorization_state")
      expect(state._tag === "Connected" && state.protocol).not.toBe(first)
    }))

  it.scopedLive("the latest authorization_state is sent back on reconnect", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      yield* relay.execute("test.echo")
      const blobs = (yield* sandbox.journal.sent("signalwire.event")).map((r) =>
        (r.params.params as { authorization_state?: string }).authorization_state
      )
      yield* sandbox.faults.drop()
      yield* awaitState(relay, isConnected(2))
      const connects = yield* sandbox.journal.requests("signalwire.connect")
      expect(connects[1]?.params.authorization_state).toBe(blobs.at(-1))
    }))

  it.scopedLive("a server restart keeps sessions: the client reconnects and resumes", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      yield* sandbox.restart
      const state = yield* awaitState(relay, isConnected(2))
      expect(state).toMatchObject({ sessionRestored: true })
      expect(yield* relay.execute("test.echo", { after: "restart" })).toMatchObject({ echo: { after: "restart" } })
      expect((yield* sandbox.sessions)[0]?.restored).toBe(1)
    }))

  it.scopedLive("contexts added with receive are restored after every reconnect, even into a new session", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast, contexts: ["office"] })
      yield* relay.receive(["sales"])
      yield* relay.unreceive(["office"])
      yield* sandbox.faults.disconnect({ restart: true })
      yield* awaitState(relay, isConnected(2))
      const connects = yield* sandbox.journal.requests("signalwire.connect")
      expect(connects[1]?.params.contexts).toEqual(["sales"])
      const sessions = yield* sandbox.sessions
      expect(sessions.find((s) => s.connection !== undefined)?.contexts).toEqual(["sales"])
    }))

  it.scopedLive("a new client scope resumes the previous client's session through a SessionStore", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const client = RelayClient.layer(sandbox.clientOptions).pipe(Layer.provide(NodeWebSocket.layer))
      const once = Effect.flatMap(RelayClient.RelayClient, (relay) => relay.currentState).pipe(Effect.provide(client))
      const [first, second] = yield* Effect.all([once, once]).pipe(Effect.provide(SessionStore.layerMemory))
      expect(first).toMatchObject({ _tag: "Connected", sessionRestored: false })
      expect(second).toMatchObject({ _tag: "Connected", sessionRestored: true })
      expect(first._tag === "Connected" && second._tag === "Connected" && first.protocol === second.protocol).toBe(true)
      const third = yield* once
      expect(third).toMatchObject({ _tag: "Connected", sessionRestored: false })
    }))

  it.scopedLive("after the first success, refused credentials are transient: the client keeps trying", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      yield* sandbox.faults.rejectAuth(true)
      yield* sandbox.faults.drop()
      // Refused attempts keep coming: wait (bounded) until the journal has more than four connects.
      const connects = sandbox.journal.requests("signalwire.connect").pipe(Effect.map((requests) => requests.length))
      yield* connects.pipe(
        Effect.repeat({ until: (n) => n > 4, schedule: Schedule.spaced("10 millis") }),
        Effect.timeout("20 seconds")
      )
      expect(yield* connects).toBeGreaterThan(4)
      expect((yield* relay.currentState)._tag).toBe("Reconnecting")
      yield* sandbox.faults.rejectAuth(false)
      yield* awaitState(relay, (s) => s._tag === "Connected")
    }))

  it.scoped("backoff: 1, 2, 4, 8, 16 s jittered ×0.8–1.2, capped at 30 s, and fresh after a healthy session", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, {
        openTimeout: "1 hour",
        closeTimeout: "1 hour",
        pingInterval: "1 hour",
        requestTimeout: "1 hour"
      })

      // TestClock keeps the deadlines of sleeps that were interrupted (won races), so a backoff sleep
      // is recognised as the one new deadline within 31 s; every other timer is set to an hour.
      let seen = Array.from(yield* TestClock.sleeps())
      const nextBackoff = Effect.gen(function*() {
        while (true) {
          const now = yield* Clock.currentTimeMillis
          const all = Array.from(yield* TestClock.sleeps())
          const unseen = [...seen]
          const fresh = all.filter((deadline) => {
            const i = unseen.indexOf(deadline)
            if (i === -1) return true
            unseen.splice(i, 1)
            return false
          })
          const candidates = fresh.map((deadline) => deadline - now).filter((d) => d > 0 && d <= 31_000)
          if (candidates.length === 1) {
            seen = all
            return candidates[0]!
          }
          yield* settle
        }
      })

      yield* sandbox.stop
      const delays: Array<number> = []
      for (let i = 0; i < 7; i++) {
        const delay = yield* nextBackoff
        delays.push(Math.round(delay))
        yield* TestClock.adjust(Duration.millis(delay))
      }
      for (let i = 0; i < 5; i++) {
        expect(delays[i]! / (1000 * 2 ** i)).toBeGreaterThanOrEqual(0.8)
        expect(delays[i]! / (1000 * 2 ** i)).toBeLessThanOrEqual(1.2)
      }
      expect(delays[5]).toBeGreaterThanOrEqual(25_600)
      expect(delays[5]).toBeLessThanOrEqual(30_000)
      expect(delays[6]).toBe(30_000)

      yield* sandbox.start
      yield* TestClock.adjust(Duration.millis(yield* nextBackoff))
      yield* awaitState(relay, (s) => s._tag === "Connected")
      yield* sandbox.faults.drop()
      const fresh = yield* nextBackoff
      expect(fresh).toBeGreaterThanOrEqual(800)
      expect(fresh).toBeLessThanOrEqual(1_200)
    }))
})
