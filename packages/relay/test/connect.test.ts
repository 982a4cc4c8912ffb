import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { RelayClient } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

const fast = Schedule.spaced("10 millis")

describe("signalwire.connect", () => {
  it.scopedLive("authenticates with project + token and sends the connect params of PROTOCOL.md §3.1", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office", "sales"], agent: "test-agent/1.0" })
      const [connectFrame] = yield* sandbox.journal.requests("signalwire.connect")
      expect(connectFrame?.params).toEqual({
        version: { major: 2, minor: 0, revision: 0 },
        agent: "test-agent/1.0",
        event_acks: true,
        authentication: { project: "sandbox-project", token: "sandbox-token" },
        contexts: ["office", "sales"]
      })
      const state = yield* relay.currentState
      expect(state._tag).toBe("Connected")
      const [session] = yield* sandbox.sessions
      expect(yield* relay.protocol).toEqual(expect.objectContaining({ value: session?.protocol }))
      expect(session?.contexts).toEqual(["office", "sales"])
    }))

  it.scopedLive("authenticates with a JWT, which wins over project + token", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ jwtTokens: ["jwt-123"] })
      yield* connect(sandbox, { jwtToken: Redacted.make("jwt-123"), project: "ignored", token: "ignored" })
      const [connectFrame] = yield* sandbox.journal.requests("signalwire.connect")
      expect(connectFrame?.params.authentication).toEqual({ jwt_token: "jwt-123" })
      expect(connectFrame?.params).not.toHaveProperty("project")
    }))

  it.scopedLive("bad credentials: AuthRejected after 3 refusals, and no reconnect loop", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const exit = yield* Effect.exit(connect(sandbox, { token: "wrong-token", reconnectSchedule: fast }))
      expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "AuthRejected", code: -32000, attempts: 3 })))
      yield* Effect.sleep("150 millis")
      expect(yield* sandbox.journal.requests("signalwire.connect")).toHaveLength(3)
      expect(yield* sandbox.connections).toHaveLength(0)
    }))

  it.scopedLive("reports signalwire_error_code from the error data (PROTOCOL.md §3.3)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.faults.fail("signalwire.connect", {
        code: -32001,
        message: "expired",
        data: { signalwire_error_code: "AUTH_EXPIRED" }
      })
      const exit = yield* Effect.exit(connect(sandbox, { reconnectSchedule: fast, maxAuthAttempts: 1 }))
      expect(exit).toEqual(
        Exit.fail(expect.objectContaining({ _tag: "AuthRejected", code: -32001, signalwireCode: "AUTH_EXPIRED", attempts: 1 }))
      )
    }))

  it.scopedLive("gives up with ConnectFailed when the reconnect schedule ends", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.stop
      const exit = yield* Effect.exit(
        connect(sandbox, { reconnectSchedule: Schedule.intersect(fast, Schedule.recurs(2)) })
      )
      expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "ConnectFailed" })))
    }))

  it.effect("invalid options are a ConfigError before anything connects", () =>
    Effect.gen(function*() {
      const attempt = (options: RelayClient.RelayClientOptions) =>
        Effect.scoped(RelayClient.make(options)).pipe(Effect.provide(NodeWebSocket.layer), Effect.flip)
      expect(yield* attempt({ project: "p" })).toMatchObject({ _tag: "ConfigError" })
      expect(yield* attempt({ project: "p", token: "t", host: "wss://example.com/x" })).toMatchObject({
        _tag: "ConfigError"
      })
      expect(yield* attempt({ project: "p", token: "t", host: "a b" })).toMatchObject({ _tag: "ConfigError" })
      expect(yield* attempt({ project: "p", token: "t", requestTimeout: "0 millis" })).toMatchObject({
        _tag: "ConfigError"
      })
    }))

  it.scopedLive("layerConfig reads SIGNALWIRE_* from the ConfigProvider, explicit options winning", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const provider = ConfigProvider.fromMap(
        new Map([
          ["SIGNALWIRE_PROJECT_ID", "sandbox-project"],
          ["SIGNALWIRE_API_TOKEN", "sandbox-token"],
          ["SIGNALWIRE_SPACE", sandbox.host],
          ["SIGNALWIRE_RELAY_SCHEME", "ws"]
        ])
      )
      const live = RelayClient.layerConfig({ contexts: ["from-code"] }).pipe(
        Layer.provide(NodeWebSocket.layer),
        Layer.provide(Layer.setConfigProvider(provider))
      )
      const contexts = yield* Effect.flatMap(RelayClient.RelayClient, (relay) => relay.contexts).pipe(
        Effect.provide(live)
      )
      expect(contexts).toEqual(["from-code"])
      const [connectFrame] = yield* sandbox.journal.requests("signalwire.connect")
      expect(connectFrame?.params.authentication).toEqual({ project: "sandbox-project", token: "sandbox-token" })

      const missing = yield* Layer.build(RelayClient.layerConfig().pipe(Layer.provide(NodeWebSocket.layer))).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
        Effect.flip
      )
      expect(missing).toMatchObject({ _tag: "ConfigError" })
      expect(String(missing)).toContain("SIGNALWIRE_PROJECT_ID")
      expect(String(missing)).toContain("SIGNALWIRE_API_TOKEN")

      // An empty variable counts as unset: the token is reported missing, not sent empty.
      const empty = yield* Layer.build(RelayClient.layerConfig().pipe(Layer.provide(NodeWebSocket.layer))).pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["SIGNALWIRE_PROJECT_ID", "p"], ["SIGNALWIRE_API_TOKEN", ""]]))
        ),
        Effect.flip
      )
      expect(String(empty)).toContain("Missing data at SIGNALWIRE_API_TOKEN")
    }))

  it.scopedLive("credentials never reach a log line, even with frame tracing at Trace level", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const capture = Logger.replace(
        Logger.defaultLogger,
        Logger.map(Logger.logfmtLogger, (line) => void lines.push(line))
      )
      const sandbox = yield* RelaySandbox.make({
        credentials: [{ project: "project-SECRET-1", token: "token-SECRET-2" }]
      })
      yield* Effect.gen(function*() {
        const relay = yield* connect(sandbox, { traceFrames: true })
        yield* sandbox.sendEvent("calling.call.state", { call_id: "c", call_state: "ringing" })
        yield* relay.execute("signalwire.ping")
        yield* sandbox.faults.drop()
        yield* relay.execute("signalwire.ping").pipe(Effect.retry(Schedule.spaced("50 millis")))
      }).pipe(Effect.scoped, Effect.provide(capture), Logger.withMinimumLogLevel(LogLevel.Trace))
      const all = lines.join("\n")
      expect(all).toContain("signalwire.connect")
      expect(all).toContain("authorization.state")
      expect(all).not.toMatch(/SECRET/)
      const [session] = yield* sandbox.sessions
      expect(all).toContain(session?.protocol)
      const blobs = (yield* sandbox.journal.sent("signalwire.event"))
        .map((r) => r.params.params)
        .flatMap((p) => typeof p === "object" && p !== null && "authorization_state" in p ? [String(p.authorization_state)] : [])
      expect(blobs.length).toBeGreaterThan(0)
      for (const blob of blobs) expect(all).not.toContain(blob)
    }))
})
