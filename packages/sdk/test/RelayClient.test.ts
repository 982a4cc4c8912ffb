import { spawn } from "node:child_process"
import * as net from "node:net"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { type Call, RelayClient, RelayError } from "@signalwire-effect/sdk"
import { eventually, settle, withSandbox } from "./fixtures/sandbox.js"

describe.concurrent("connect()", () => {
  it("a failed connect is reported once, by the rejection: no ERROR line, no unhandled-error line, even at debug level", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const address = server.address() as net.AddressInfo
        server.close(() => resolve(address.port))
      })
    })
    const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(__dirname, "fixtures", "unreachable-child.ts")], {
      cwd: path.join(__dirname, ".."),
      env: { ...process.env, DEAD_PORT: String(port), SIGNALWIRE_LOG_LEVEL: "debug" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => void (stdout += String(chunk)))
    child.stderr.on("data", (chunk) => void (stderr += String(chunk)))
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/^REJECTED /)
    expect(stderr).not.toMatch(/\] ERROR /)
    expect(stderr).not.toContain("unhandled error")
    expect(stderr).toContain("DEBUG")
  }, 30_000)

  it("fails on the first refusal with the server's RelayError, and on an unreachable host", () =>
    withSandbox(async (t) => {
      const refused = t.client({ token: "wrong-token" })
      const outcome = await settle(refused.connect())
      expect(outcome.ok).toBe(false)
      expect((outcome as { error: unknown }).error).toBeInstanceOf(RelayError)
      expect(await t.run(t.sandbox.journal.requests("signalwire.connect"))).toHaveLength(1)
      const unreachable = new RelayClient({ project: "p", token: "t", host: "127.0.0.1:1", scheme: "ws" })
      expect(await settle(unreachable.connect())).toMatchObject({ ok: false, error: { name: "RelayError", code: -1 } })
      await unreachable.disconnect()
    }))

  it("is a no-op while connected; requests made before it wait for it", () =>
    withSandbox(async (t) => {
      const client = t.client()
      const early = client.execute("signalwire.ping", {})
      await Promise.all([client.connect(), client.connect()])
      await client.connect()
      expect(await early).toBeTypeOf("object")
      expect(await t.run(t.sandbox.journal.requests("signalwire.connect"))).toHaveLength(1)
    }))

  it("at most 500 requests wait for a connection", () =>
    withSandbox(async (t) => {
      const client = t.client()
      const waiting = Array.from({ length: 500 }, () => settle(client.execute("signalwire.ping", {})))
      expect(await settle(client.execute("signalwire.ping", {}))).toMatchObject({
        ok: false,
        error: { code: -1, rawMessage: "Execute queue full — too many requests while disconnected" }
      })
      await client.disconnect()
      expect((await Promise.all(waiting)).every((o) => !o.ok)).toBe(true)
    }))
})

describe.concurrent("requests", () => {
  it("execute resolves with the result and rejects with the server's code and message", () =>
    withSandbox(async (t) => {
      await t.run(t.sandbox.handle("test.echo", (request) => Effect.succeed({ code: "200", echo: request.params })))
      await t.run(t.sandbox.faults.respond("test.refused", { code: "403", message: "Forbidden" }))
      const client = t.client()
      await client.connect()
      expect(await client.execute("test.echo", { a: 1 })).toEqual({ code: "200", echo: { a: 1 } })
      expect(await settle(client.execute("test.refused", {}))).toMatchObject({
        ok: false,
        error: { code: 403, rawMessage: "Forbidden", message: "RELAY error 403: Forbidden" }
      })
    }))

  it("receive and unreceive send their contexts; an empty list sends nothing", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["office"] })
      await client.connect()
      await client.receive(["sales", "support"])
      await client.unreceive(["sales"])
      await client.receive([])
      await client.unreceive([])
      expect((await t.run(t.sandbox.journal.requests("signalwire.receive"))).map((r) => r.params)).toEqual([{ contexts: ["sales", "support"] }])
      expect((await t.run(t.sandbox.journal.requests("signalwire.unreceive"))).map((r) => r.params)).toEqual([{ contexts: ["sales"] }])
      expect(client.contexts).toEqual(["office"])
      // An inbound call on a context received later reaches the handler.
      const handled = new Promise<Call>((resolve) => client.onCall(resolve))
      await t.run(t.sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "support" }))
      expect((await handled).context).toBe("support")
    }))

  it("onEvent sees every event with its type and raw params; handlers are returned", () =>
    withSandbox(async (t) => {
      const client = t.client()
      const seen: Array<readonly [string, Record<string, unknown>]> = []
      const handler = (eventType: string, params: Record<string, unknown>) => void seen.push([eventType, params])
      expect(client.onEvent(handler)).toBe(handler)
      const onCall = () => {}
      expect(client.onCall(onCall)).toBe(onCall)
      const onMessage = () => {}
      expect(client.onMessage(onMessage)).toBe(onMessage)
      await client.connect()
      await t.run(t.sandbox.sendEvent("custom.thing", { call_id: "c-1", value: 42 }))
      await eventually(() => seen.some(([type]) => type === "custom.thing"))
      expect(seen.find(([type]) => type === "custom.thing")?.[1]).toEqual({ call_id: "c-1", value: 42 })
    }))

  it("maxActiveCalls bounds the inbound calls handled at once", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["office"], maxActiveCalls: 1 })
      const handled: Array<Call> = []
      client.onCall((call) => void handled.push(call))
      await client.connect()
      await t.run(t.sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" }))
      await eventually(() => handled.length === 1)
      await t.run(t.sandbox.calls.inbound({ from: "+15551110001", to: "+15552220000", context: "office" }))
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(handled).toHaveLength(1)
      await t.run(t.sandbox.calls.hangup(handled[0]!.callId))
      await handled[0]!.waitForEnded(5_000)
      await eventually(async () => {
        await t.run(t.sandbox.calls.inbound({ from: "+15551110002", to: "+15552220000", context: "office" }))
        return handled.length === 2
      })
    }))
})
