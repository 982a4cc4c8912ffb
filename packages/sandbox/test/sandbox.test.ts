import { describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connectParams, type Json, open, type RawClient, sandboxCredentials } from "./rawClient.js"

const authenticate = (client: RawClient, extra: Json = {}) =>
  client.request("signalwire.connect", connectParams(sandboxCredentials, extra))

const isEvent = (eventType: string) => (f: Json) =>
  f.method === "signalwire.event" && f.params?.event_type === eventType

describe("the sandbox, driven by a client written from the RELAY protocol notes", () => {
  it.scopedLive("signalwire.connect: result of §3.2, then an authorization.state event to ACK", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      const reply = yield* authenticate(client, { contexts: ["office"] })
      expect(reply.result).toMatchObject({
        protocol: expect.stringMatching(/^signalwire_/),
        identity: expect.any(String),
        session_restored: false
      })
      const event = yield* client.nextMatching(isEvent("signalwire.authorization.state"))
      expect(event).toMatchObject({
        jsonrpc: "2.0",
        id: expect.any(String),
        params: { timestamp: expect.any(Number), params: { authorization_state: expect.stringMatching(/^.+:.+$/) } }
      })
      expect((yield* sandbox.sessions)[0]).toMatchObject({ contexts: ["office"], unacked: 1 })
      yield* client.send({ jsonrpc: "2.0", id: event.id, result: {} })
      yield* client.request("signalwire.ping")
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("credentials: JWT accepted; wrong, empty and mixed credentials get the errors of §3.3", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ jwtTokens: ["jwt-1"] })
      const client = yield* open(sandbox.url)
      const wrong = yield* client.request("signalwire.connect", connectParams({ project: "sandbox-project", token: "nope" }))
      expect(wrong.error).toEqual({ code: -32000, message: "auth rejected: bad token" })
      const empty = yield* client.request("signalwire.connect", connectParams({ project: "", token: "" }))
      expect(empty.error).toMatchObject({ code: -32000, data: { signalwire_error_code: "AUTH_REQUIRED" } })
      const mixed = yield* client.request("signalwire.connect", connectParams({ jwt_token: "jwt-1", project: "p" }))
      expect(mixed.error.code).toBe(-32602)
      const noAcks = yield* client.request("signalwire.connect", { ...connectParams(sandboxCredentials), event_acks: false })
      expect(noAcks.error.code).toBe(-32602)
      const jwt = yield* client.request("signalwire.connect", connectParams({ jwt_token: "jwt-1" }))
      expect(jwt.result.protocol).toMatch(/^signalwire_/)
      const again = yield* authenticate(client)
      expect(again.error.code).toBe(-32600)
    }))

  it.scopedLive("signalwire.connect checks the credentials first, as the platform does, then the rest of the request", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      const { event_acks: _, ...withoutAcks } = connectParams({ project: "", token: "" })
      const authRequired = { code: -32000, message: "auth required", data: { signalwire_error_code: "AUTH_REQUIRED" } }
      expect((yield* client.request("signalwire.connect", withoutAcks)).error).toEqual(authRequired)
      expect((yield* client.request("signalwire.connect", { version: { major: 1 } })).error).toEqual(authRequired)
      const wrongWithoutAcks = { ...connectParams({ project: "sandbox-project", token: "nope" }), event_acks: false }
      expect((yield* client.request("signalwire.connect", wrongWithoutAcks)).error).toEqual({
        code: -32000,
        message: "auth rejected: bad token"
      })
      const rightWithoutAcks = { ...connectParams(sandboxCredentials), event_acks: false }
      expect((yield* client.request("signalwire.connect", rightWithoutAcks)).error).toEqual({
        code: -32602,
        message: "Invalid parameters: event_acks must be true"
      })
      const rightWrongVersion = { ...connectParams(sandboxCredentials), version: { major: 3, minor: 0, revision: 0 } }
      expect((yield* client.request("signalwire.connect", rightWrongVersion)).error.code).toBe(-32602)
      expect(yield* sandbox.sessions).toEqual([])
    }))

  it.scopedLive("before authentication only ping is answered; unknown methods get -32601; bad frames -32700", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      expect((yield* client.request("signalwire.ping")).result).toEqual({})
      expect((yield* client.request("signalwire.receive", { contexts: ["x"] })).error).toMatchObject({
        code: -32000,
        data: { signalwire_error_code: "AUTH_REQUIRED" }
      })
      yield* authenticate(client)
      expect((yield* client.request("calling.teleport")).error).toMatchObject({ code: -32601 })
      yield* client.sendText("{nope")
      expect(yield* client.nextMatching((f) => f.id === null)).toEqual({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: "Parse error" }
      })
    }))

  it.scopedLive("signalwire.receive / unreceive (§13)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      yield* authenticate(client)
      expect((yield* client.request("signalwire.receive", { contexts: ["a", "b"] })).result).toEqual({
        code: "200",
        message: "Receiving events"
      })
      expect((yield* client.request("signalwire.unreceive", { contexts: ["a"] })).result).toEqual({
        code: "200",
        message: "Unreceiving events"
      })
      expect((yield* client.request("signalwire.receive", { contexts: "a" })).error.code).toBe(-32602)
      expect((yield* sandbox.sessions)[0]?.contexts).toEqual(["b"])
      const ids = yield* sandbox.sendEvent("calling.call.receive", { call_id: "c-1" }, { context: "b" })
      expect(ids).toHaveLength(1)
      expect(yield* sandbox.sendEvent("calling.call.receive", { call_id: "c-2" }, { context: "a" })).toEqual([])
      const event = yield* client.nextMatching(isEvent("calling.call.receive"))
      expect(event.params.params).toEqual({ call_id: "c-1" })
    }))

  it.scopedLive("unacknowledged events are re-sent, same id, when the session resumes; a new session starts clean", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const first = yield* open(sandbox.url)
      const protocol = (yield* authenticate(first)).result.protocol
      const auth = yield* first.nextMatching(isEvent("signalwire.authorization.state"))
      yield* first.send({ jsonrpc: "2.0", id: auth.id, result: {} })
      const [kept] = yield* sandbox.sendEvent("calling.call.state", { call_id: "c-1", call_state: "ringing" })
      yield* first.nextMatching((f) => f.id === kept)
      yield* sandbox.faults.drop()
      yield* first.closed

      const second = yield* open(sandbox.url)
      const resumed = yield* authenticate(second, { protocol })
      expect(resumed.result).toMatchObject({ protocol, session_restored: true })
      const again = yield* second.nextMatching((f) => f.id === kept)
      expect(again.params.params).toEqual({ call_id: "c-1", call_state: "ringing" })
      expect((yield* sandbox.sessions)[0]?.restored).toBe(1)

      const third = yield* open(sandbox.url)
      const fresh = yield* authenticate(third, { protocol: "signalwire_unknown" })
      expect(fresh.result.session_restored).toBe(false)
      expect(fresh.result.protocol).not.toBe(protocol)
    }))

  it.scopedLive("faults: fail, respond, times, hold and release, never, silence", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.handle("test.echo", (r) => Effect.succeed({ code: "200", echo: r.params }))
      const client = yield* open(sandbox.url)
      yield* authenticate(client)
      yield* sandbox.faults.fail("test.echo", { code: -32602, message: "bad" }, { times: 1 })
      expect((yield* client.request("test.echo")).error).toEqual({ code: -32602, message: "bad" })
      yield* sandbox.faults.respond("test.echo", { code: "404", message: "Not found" }, { times: 2 })
      expect((yield* client.request("test.echo")).result.code).toBe("404")
      expect((yield* client.request("test.echo")).result.code).toBe("404")
      expect((yield* client.request("test.echo", { n: 1 })).result).toEqual({ code: "200", echo: { n: 1 } })

      const release = yield* sandbox.faults.hold("test.echo")
      const held = yield* Effect.fork(Effect.all([client.request("test.echo", { h: 1 }), client.request("test.echo", { h: 2 })], { concurrency: 2 }))
      yield* Effect.sleep("50 millis")
      expect(held.unsafePoll()).toBeNull()
      yield* release
      const [a, b] = yield* Fiber.join(held)
      expect([a.result.echo, b.result.echo]).toEqual([{ h: 1 }, { h: 2 }])

      yield* sandbox.faults.neverAnswer("test.echo", { times: 1 })
      const mark = yield* sandbox.journal.mark
      const never = yield* Effect.fork(client.request("test.echo"))
      yield* sandbox.journal.waitForRequest("test.echo", mark)
      expect((yield* client.request("test.echo", { after: "never" })).result.echo).toEqual({ after: "never" })
      expect(never.unsafePoll()).toBeNull()

      yield* sandbox.faults.silence(true)
      const silent = yield* Effect.fork(client.request("signalwire.ping"))
      yield* Effect.sleep("50 millis")
      expect(silent.unsafePoll()).toBeNull()
      yield* sandbox.faults.clear
      expect((yield* client.request("signalwire.ping")).result).toEqual({})
    }))

  it.scoped("faults: delay answers after the given time on the sandbox's Clock", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      yield* authenticate(client)
      yield* sandbox.faults.delay("signalwire.ping", "5 seconds")
      const mark = yield* sandbox.journal.mark
      const ping = yield* Effect.fork(client.request("signalwire.ping"))
      yield* sandbox.journal.waitForRequest("signalwire.ping", mark)
      yield* TestClock.adjust("4 seconds")
      expect(ping.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 second")
      expect((yield* Fiber.join(ping)).result).toEqual({})
    }))

  it.scopedLive("faults: drop, disconnect (with and without restart), restart, malformed and oversize frames", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const dropped = yield* open(sandbox.url)
      yield* authenticate(dropped)
      yield* sandbox.faults.drop()
      expect((yield* dropped.closed).code).toBe(1006)

      const polite = yield* open(sandbox.url)
      const protocol = (yield* authenticate(polite)).result.protocol
      const disconnecting = yield* Effect.fork(sandbox.faults.disconnect())
      const request = yield* polite.nextMatching((f) => f.method === "signalwire.disconnect")
      expect(request.params).toEqual({})
      yield* polite.send({ jsonrpc: "2.0", id: request.id, result: {} })
      yield* Fiber.join(disconnecting)
      expect((yield* polite.closed).code).toBe(1000)
      expect((yield* sandbox.sessions).map((s) => s.protocol)).toContain(protocol)

      const restarting = yield* open(sandbox.url)
      const forgotten = (yield* authenticate(restarting)).result.protocol
      const restartFiber = yield* Effect.fork(sandbox.faults.disconnect({ restart: true }))
      const restartRequest = yield* restarting.nextMatching((f) => f.method === "signalwire.disconnect")
      expect(restartRequest.params).toEqual({ restart: true })
      yield* restarting.send({ jsonrpc: "2.0", id: restartRequest.id, result: {} })
      yield* Fiber.join(restartFiber)
      expect((yield* sandbox.sessions).map((s) => s.protocol)).not.toContain(forgotten)

      const beforeRestart = yield* open(sandbox.url)
      yield* authenticate(beforeRestart)
      yield* sandbox.restart
      expect((yield* beforeRestart.closed).code).toBe(1012)
      const afterRestart = yield* open(sandbox.url)
      expect((yield* authenticate(afterRestart)).result).toBeDefined()

      yield* sandbox.faults.sendMalformed("{broken")
      expect(yield* afterRestart.nextMatching((f) => "malformed" in f)).toEqual({ malformed: "{broken" })
      yield* sandbox.faults.sendOversize(1_000_000)
      const padding = yield* afterRestart.nextMatching(isEvent("sandbox.padding"))
      expect(JSON.stringify(padding).length).toBe(1_000_000)
      yield* sandbox.faults.sendRaw("hello")
      expect(yield* afterRestart.nextMatching((f) => "malformed" in f)).toEqual({ malformed: "hello" })
      const oversize = (yield* sandbox.journal.entries).find((e) => e.direction === "out" && e.text.length === 1_000_000)
      expect(oversize?.frame).toMatchObject({ _tag: "Request", method: "signalwire.event" })
    }))

  it.scopedLive("the journal records both directions, per connection, and waits for frames", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const client = yield* open(sandbox.url)
      const waiting = yield* Effect.fork(sandbox.journal.waitForRequest("signalwire.connect"))
      yield* authenticate(client)
      const connect = yield* Fiber.join(waiting)
      expect(connect).toMatchObject({ connection: 1, method: "signalwire.connect" })
      const entries = yield* sandbox.journal.entries
      expect(entries.map((e) => e.direction).slice(0, 2)).toEqual(["in", "out"])
      expect(entries.every((e, i) => i === 0 || e.seq > entries[i - 1]!.seq)).toBe(true)
      const event = yield* client.nextMatching(isEvent("signalwire.authorization.state"))
      expect(yield* sandbox.journal.repliesTo(event.id)).toEqual([])
      const waitingReply = yield* Effect.fork(sandbox.journal.waitForReply(event.id))
      yield* client.send({ jsonrpc: "2.0", id: event.id, result: {} })
      expect((yield* Fiber.join(waitingReply)).frame).toEqual({ _tag: "ResultReply", id: event.id, result: {} })
      expect(yield* sandbox.journal.repliesTo(event.id)).toHaveLength(1)
      yield* sandbox.journal.clear
      expect(yield* sandbox.journal.entries).toEqual([])
    }))

  it.scopedLive("a WebSocket anywhere but the root path is refused", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const exit = yield* Effect.exit(open(`${sandbox.url}/relay`))
      expect(exit._tag).toBe("Failure")
    }))

  it.live("the standalone process prints its URL, serves clients, and exits cleanly on SIGTERM", () =>
    Effect.gen(function*() {
      const sandboxProcess = standalone(["--port", "0"])
      const url = yield* sandboxProcess.url
      yield* Effect.scoped(Effect.gen(function*() {
        const client = yield* open(url)
        expect((yield* authenticate(client, { contexts: ["office"] })).result.protocol).toMatch(/^signalwire_/)
        // The admin API injects an inbound call into the standalone process.
        const response = yield* Effect.promise(() =>
          fetch(`${url.replace("ws://", "http://")}/_sandbox/calls`, {
            method: "POST",
            body: JSON.stringify({ from: "+15551110000", to: "+15552220000", context: "office" })
          })
        )
        expect(response.status).toBe(201)
        const call = yield* Effect.promise(() => response.json() as Promise<Json>)
        const receive = yield* client.nextMatching(isEvent("calling.call.receive"))
        expect(receive.params.params.call_id).toBe(call.callId)
      }))
      // A SWML call made over the admin API: its transcript is printed, one line per entry.
      const swml = yield* Effect.promise(() =>
        fetch(`${url.replace("ws://", "http://")}/_sandbox/calls`, {
          method: "POST",
          body: JSON.stringify({ from: "+15551110000", to: "+15552220000", swml: { sections: { main: [{ play: { url: "say:Hi" } }] } } })
        }).then((r) => r.json() as Promise<Json>)
      )
      yield* sandboxProcess.printed(`[call ${swml.callId}] call ended: hangup (by swml)`)
      expect(sandboxProcess.output()).toContain(`[call ${swml.callId}] swml says "Hi"`)
      expect(sandboxProcess.output()).toContain("/_sandbox/calls/<id>/input")
      expect(sandboxProcess.output()).toContain("owns the numbers +15551234567, +15559870000, +15552220000")
      expect(yield* sandboxProcess.stop).toBe(0)
    }), 90_000)

  it.live("the standalone process owns the --numbers it is given (repeated or comma lists) and lists them", () =>
    Effect.gen(function*() {
      const sandboxProcess = standalone(["--port", "0", "--numbers", "+15550001111", "--numbers", "+15550002222,+15550003333"])
      const url = yield* sandboxProcess.url
      expect(sandboxProcess.output()).toContain("owns the numbers +15550001111, +15550002222, +15550003333")
      yield* Effect.scoped(Effect.gen(function*() {
        const client = yield* open(url)
        yield* authenticate(client)
        const send = (from: string) =>
          client.request("messaging.send", { context: "office", from_number: from, to_number: "+15559990000", body: "Hi" })
        expect((yield* send("+15550003333")).result).toMatchObject({ code: "200", message: "Message accepted" })
        expect((yield* send("+15550001111")).result.code).toBe("200")
        // The defaults are replaced, not added to.
        expect((yield* send("+15551234567")).result.code).toBe("422")
      }))
      expect(yield* sandboxProcess.stop).toBe(0)
    }), 90_000)

  it.live("the standalone process refuses --numbers that are not E.164 (exit code 2)", () =>
    Effect.gen(function*() {
      const sandboxProcess = standalone(["--port", "0", "--numbers", "+15550001111,5551234"])
      expect(yield* sandboxProcess.exited).toBe(2)
      expect(sandboxProcess.errors()).toContain(`--numbers: "5551234" is not an E.164 number`)
    }), 90_000)
})

/** `npm run sandbox` in a child process: its output, the URL it prints, its exit code. */
const standalone = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(__dirname, "..", "bin", "sandbox.ts"), ...args], {
    cwd: path.join(__dirname, ".."),
    stdio: ["ignore", "pipe", "pipe"]
  })
  let output = ""
  let errors = ""
  child.stderr.on("data", (chunk) => void (errors += String(chunk)))
  const exitedPromise = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const exited = Effect.promise(() => exitedPromise).pipe(Effect.timeout("45 seconds"))
  const url = Effect.async<string>((resume) => {
    child.stdout.on("data", (chunk) => {
      output += String(chunk)
      // The banner is printed before the admin API lines: wait for all of it.
      const match = /listening on (ws:\/\/127\.0\.0\.1:\d+)[\s\S]*stop with Ctrl-C/.exec(output)
      if (match) resume(Effect.succeed(match[1]!))
    })
  }).pipe(Effect.timeout("45 seconds"))
  /** Waits until the output contains `text`. */
  const printed = (text: string) =>
    Effect.async<void>((resume) => {
      const check = () => {
        if (!output.includes(text)) return
        child.stdout.off("data", check)
        resume(Effect.void)
      }
      child.stdout.on("data", check)
      check()
      return Effect.sync(() => child.stdout.off("data", check))
    }).pipe(Effect.timeout("45 seconds"))
  return {
    url,
    exited,
    printed,
    output: () => output,
    errors: () => errors,
    stop: Effect.suspend(() => {
      child.kill("SIGTERM")
      return exited
    })
  }
}
