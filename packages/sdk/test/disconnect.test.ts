import { spawn } from "node:child_process"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { RelayError } from "@signalwire-effect/sdk"
import { eventually, settle, withSandbox } from "./fixtures/sandbox.js"

const echo = { code: "200", message: "echo" }

const expectClosed = (outcome: { readonly ok: boolean; readonly error?: unknown }, text = "Connection closed") => {
  expect(outcome.ok).toBe(false)
  expect(outcome.error).toBeInstanceOf(RelayError)
  expect(outcome.error).toMatchObject({ code: -1, rawMessage: text, message: `RELAY error -1: ${text}` })
}

describe.concurrent("disconnect()", () => {
  it("rejects requests in flight with RelayError 'Connection closed'", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      await run(sandbox.handle("test.echo", () => Effect.succeed(echo)))
      await run(sandbox.faults.neverAnswer("test.echo"))
      const relay = client()
      await relay.connect()
      const inFlight = [1, 2, 3].map((n) => settle(relay.execute("test.echo", { n })))
      await eventually(async () => (await run(sandbox.journal.requests("test.echo"))).length === 3)
      await relay.disconnect()
      for (const outcome of await Promise.all(inFlight)) expectClosed(outcome)
    }))

  it("rejects requests queued while reconnecting; they are never sent", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      await run(sandbox.handle("test.echo", () => Effect.succeed(echo)))
      const relay = client()
      await relay.connect()
      await run(Effect.asVoid(sandbox.faults.hold("signalwire.connect")))
      await run(sandbox.faults.drop())
      // The client is back on the socket, its signalwire.connect held: requests now wait in its queue.
      await eventually(async () => (await run(sandbox.journal.requests("signalwire.connect"))).length === 2)
      const queued = [1, 2].map((n) => settle(relay.execute("test.echo", { n })))
      await relay.disconnect()
      for (const outcome of await Promise.all(queued)) expectClosed(outcome)
      expect(await run(sandbox.journal.requests("test.echo"))).toEqual([])
    }))

  it("rejects a dial in progress with 'Connection closed during dial', and sends nothing", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      await run(sandbox.calls.script("+15551230001", { ringFor: "1 minute" }))
      const relay = client()
      await relay.connect()
      const dialing = settle(relay.dial([[{ type: "phone", to: "+15551230001", from: "+15559870000" }]]))
      const ringing = await run(sandbox.calls.waitForCall((c) => c.to === "+15551230001" && c.state === "ringing"))
      const mark = await run(sandbox.journal.mark)
      await relay.disconnect()
      expectClosed(await dialing, "Connection closed during dial")
      const sentAfter = (await run(sandbox.journal.entries)).filter((e) => e.seq > mark && e.direction === "in" && e.frame?._tag === "Request")
      expect(sentAfter).toEqual([])
      // The reference's disconnect() leaves calls alone: the leg still rings on the platform.
      expect((await run(sandbox.calls.get(ringing.callId)))._tag).toBe("Some")
    }))

  it("rejects requests waiting for a connection (made before connect)", () =>
    withSandbox(async ({ client }) => {
      const relay = client()
      const waiting = [settle(relay.execute("signalwire.ping", {})), settle(relay.dial([[{ type: "phone", to: "+15551230001", from: "+15559870000" }]]))]
      await relay.disconnect()
      const [ping, dial] = await Promise.all(waiting)
      expectClosed(ping!)
      expectClosed(dial!, "Connection closed during dial")
    }))

  it("is idempotent, safe before connect, and connect() works afterwards", () =>
    withSandbox(async ({ client }) => {
      const relay = client()
      await relay.disconnect()
      await relay.disconnect()
      await relay.connect()
      await Promise.all([relay.disconnect(), relay.disconnect()])
      await relay.disconnect()
      await relay.connect()
      expect(await relay.execute("signalwire.ping", {})).toBeTypeOf("object")
    }))

  it("connect() after disconnect() resumes the session", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      const relay = client({ contexts: ["office"] })
      expect(relay.relayProtocol).toBe("")
      await relay.connect()
      const protocol = relay.relayProtocol
      expect(protocol).toMatch(/^signalwire_/)
      await relay.disconnect()
      expect(relay.relayProtocol).toBe(protocol)
      await relay.connect()
      expect(relay.relayProtocol).toBe(protocol)
      const connects = await run(sandbox.journal.requests("signalwire.connect"))
      expect(connects).toHaveLength(2)
      expect(connects[1]!.params.protocol).toBe(protocol)
      const replies = (await run(sandbox.journal.entries)).flatMap((e) =>
        e.direction === "out" && e.frame?._tag === "ResultReply" && e.frame.id === connects[1]!.id ? [e.frame.result] : []
      )
      expect(replies).toEqual([expect.objectContaining({ protocol, session_restored: true })])
      expect((await run(sandbox.sessions)).map((s) => s.protocol)).toEqual([protocol])
    }))

  it("the core reconnects by itself after a dropped socket (no run() needed)", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      const relay = client()
      await relay.connect()
      await run(sandbox.faults.drop())
      await eventually(async () => (await run(sandbox.journal.requests("signalwire.connect"))).length === 2)
      expect(await relay.execute("signalwire.ping", {})).toBeTypeOf("object")
    }))
})

describe.sequential("run()", () => {
  it("resolves when disconnect() is called; SIGINT/SIGTERM handlers exist only while it runs", () =>
    withSandbox(async ({ client }) => {
      const before = { int: process.listenerCount("SIGINT"), term: process.listenerCount("SIGTERM") }
      const relay = client()
      const running = relay.run()
      expect(relay.run()).toBe(running)
      await relay.execute("signalwire.ping", {})
      expect(process.listenerCount("SIGINT")).toBe(before.int + 1)
      expect(process.listenerCount("SIGTERM")).toBe(before.term + 1)
      await relay.disconnect()
      await running
      expect(process.listenerCount("SIGINT")).toBe(before.int)
      expect(process.listenerCount("SIGTERM")).toBe(before.term)
      // A second run after the first one stopped works the same way.
      const again = relay.run()
      await relay.execute("signalwire.ping", {})
      await relay[Symbol.asyncDispose]()
      await again
      expect(process.listenerCount("SIGINT")).toBe(before.int)
    }))

  it("keeps retrying the first connection until the server is back; disconnect() during it ends run()", () =>
    withSandbox(async ({ client, run, sandbox }) => {
      await run(sandbox.faults.rejectAuth(true))
      const relay = client()
      const running = settle(relay.run())
      // A second attempt (after the 1 s backoff) shows run() retries where connect() would have failed.
      await eventually(async () => (await run(sandbox.journal.requests("signalwire.connect"))).length >= 2)
      await relay.disconnect()
      expect(await running).toEqual({ ok: true, value: undefined })
    }))
})

describe.concurrent("the process", () => {
  it("exits on its own once run() ended by SIGTERM and the next client disconnect()ed, with requests in flight", () =>
    withSandbox(async ({ run, sandbox }) => {
      await run(sandbox.handle("test.echo", () => Effect.succeed(echo)))
      await run(Effect.asVoid(sandbox.faults.hold("test.echo")))
      const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(__dirname, "fixtures", "exit-child.ts")], {
        cwd: path.join(__dirname, ".."),
        env: {
          ...process.env,
          SIGNALWIRE_RELAY_HOST: sandbox.host,
          SIGNALWIRE_RELAY_SCHEME: "ws",
          SIGNALWIRE_PROJECT_ID: "sandbox-project",
          SIGNALWIRE_API_TOKEN: "sandbox-token",
          RELAY_MAX_CONNECTIONS: "1",
          SIGNALWIRE_LOG_MODE: "off"
        },
        stdio: ["pipe", "pipe", "pipe"]
      })
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000)
      let stdout = ""
      let stderr = ""
      child.stderr.on("data", (chunk) => void (stderr += String(chunk)))
      let closedAt = 0
      child.stdout.on("data", (chunk) => {
        const before = stdout
        stdout += String(chunk)
        if (stdout.includes("IN_FLIGHT run") && !before.includes("IN_FLIGHT run")) child.kill("SIGTERM")
        if (stdout.includes("IN_FLIGHT disconnect") && !before.includes("IN_FLIGHT disconnect")) child.stdin.write("go\n")
        if (stdout.includes("CLOSED") && closedAt === 0) closedAt = performance.now()
      })
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
      const exitedAt = performance.now()
      clearTimeout(kill)
      expect(code, `${stdout}\n${stderr}`).toBe(0)
      const closed = `["Connection closed","Connection closed","Connection closed"]`
      expect(stdout).toContain(`OUTCOMES run ${closed}`)
      expect(stdout).toContain(`OUTCOMES disconnect ${closed}`)
      expect(stdout).toContain("LIMIT RelayClient connection limit reached (1). There are already 1 active connection(s) in this process.")
      expect(stdout).toMatch(/LISTENERS before (\d+) (\d+), during \d+ \d+, after \1 \2/)
      const [, int, term] = /LISTENERS before (\d+) (\d+)/.exec(stdout)!
      expect(stdout).toContain(`during ${Number(int) + 1} ${Number(term) + 1}`)
      expect(stdout).toMatch(/CALL \S+ answered/)
      // Nothing keeps the process alive after disconnect (a wide bound: a loaded machine does not matter).
      expect(exitedAt - closedAt).toBeLessThan(10_000)
      // The dialled call was left up: disconnect() sends nothing.
      expect(await run(sandbox.journal.requests("calling.end"))).toEqual([])
    }), 20_000)
})
