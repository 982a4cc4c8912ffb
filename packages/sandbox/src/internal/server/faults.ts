/**
 * Fault injection: method-scoped rules (delay, never answer, hold, fail, respond) that the
 * request path consults first, and the `Faults` API (drops, silence, raw and malformed frames,
 * server-initiated disconnects, refused authentication).
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { FaultOptions, Faults } from "../../SandboxServer.js"
import type { Connection, State } from "./state.js"

type Behaviour =
  | { readonly _tag: "Delay"; readonly duration: Duration.Duration }
  | { readonly _tag: "Never" }
  | { readonly _tag: "Hold"; readonly gate: Deferred.Deferred<void> }
  | { readonly _tag: "Error"; readonly error: RelayFrame.ErrorObject }
  | { readonly _tag: "Result"; readonly result: RelayFrame.JsonObject }

interface Rule {
  readonly method: string
  readonly behaviour: Behaviour
  remaining: number
}

const DISCONNECT_REPLY_WAIT = Duration.seconds(5)
const OVERSIZE_DEFAULT = 10 * 1024 * 1024 + 1024

export const make = (state: State, options: {
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
  /** Bounds an Effect by real time (close handshakes), even when a test drives the sandbox's Clock. */
  readonly withinLive: <A>(effect: Effect.Effect<A>, duration: Duration.Duration) => Effect.Effect<unknown>
}) => {
  const { runFork, withinLive } = options
  const { flags, sendText, targets } = state
  let rules: Array<Rule> = []

  const takeRule = (method: string): Rule | undefined => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i]!
      if (rule.method !== method) continue
      rule.remaining -= 1
      if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule)
      return rule
    }
    return undefined
  }

  /** Answers a request through the newest rule for its method, else with `answer`. */
  const onRequest = (connection: Connection, frame: RelayFrame.Request, answer: () => void) => {
    if (flags.silent) return
    const rule = takeRule(frame.method)
    if (rule === undefined) return answer()
    const behaviour = rule.behaviour
    switch (behaviour._tag) {
      case "Never":
        return
      case "Error":
        return state.replyError(connection, frame.id, behaviour.error)
      case "Result":
        return state.replyResult(connection, frame.id, behaviour.result)
      case "Delay":
        return void runFork(Effect.sleep(behaviour.duration).pipe(Effect.zipRight(Effect.sync(answer))))
      case "Hold":
        return void runFork(Deferred.await(behaviour.gate).pipe(Effect.zipRight(Effect.sync(answer))))
    }
  }

  const addRule = (method: string, behaviour: Behaviour, faultOptions?: FaultOptions) =>
    Effect.sync(() => {
      rules = [...rules, { method, behaviour, remaining: faultOptions?.times ?? Number.POSITIVE_INFINITY }]
    })

  const disconnectOne = (connection: Connection, restart: boolean) =>
    Effect.gen(function*() {
      const replied = state.serverRequest(connection, "signalwire.disconnect", restart ? { restart: true } : {})
      if (restart && connection.session !== undefined) {
        state.sessions.delete(connection.session.protocol)
        state.detach(connection)
      }
      yield* withinLive(Deferred.await(replied), DISCONNECT_REPLY_WAIT)
      connection.socket.close(1000, "server disconnect")
    })

  const api: Faults = {
    drop: (target) => Effect.sync(() => targets(target).forEach((c) => c.socket.terminate())),
    silence: (value) => Effect.sync(() => void (flags.silent = value)),
    delay: (method, duration, faultOptions) =>
      addRule(method, { _tag: "Delay", duration: Duration.decode(duration) }, faultOptions),
    neverAnswer: (method, faultOptions) => addRule(method, { _tag: "Never" }, faultOptions),
    hold: (method) =>
      Effect.gen(function*() {
        const gate = yield* Deferred.make<void>()
        const behaviour: Behaviour = { _tag: "Hold", gate }
        yield* addRule(method, behaviour)
        return Effect.sync(() => {
          rules = rules.filter((rule) => rule.behaviour !== behaviour)
        }).pipe(Effect.zipRight(Deferred.succeed(gate, undefined)), Effect.asVoid)
      }),
    fail: (method, error, faultOptions) =>
      addRule(method, {
        _tag: "Error",
        error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) }
      }, faultOptions),
    respond: (method, result, faultOptions) => addRule(method, { _tag: "Result", result }, faultOptions),
    sendRaw: (text, target) => Effect.sync(() => targets(target).forEach((c) => sendText(c, text))),
    sendMalformed: (text, target) =>
      Effect.sync(() => targets(target).forEach((c) => sendText(c, text ?? "{this is not json"))),
    sendOversize: (bytes, target) =>
      Effect.sync(() => {
        const size = bytes ?? OVERSIZE_DEFAULT
        const head = `{"jsonrpc":"2.0","method":"signalwire.event","params":{"event_type":"sandbox.padding","params":{"padding":"`
        const tail = `"}}}`
        const text = head + "x".repeat(Math.max(0, size - head.length - tail.length)) + tail
        targets(target).forEach((c) => sendText(c, text))
      }),
    disconnect: (disconnectOptions) =>
      Effect.forEach(
        targets(disconnectOptions),
        (connection) => disconnectOne(connection, disconnectOptions?.restart === true),
        { discard: true, concurrency: "unbounded" }
      ),
    rejectAuth: (value) => Effect.sync(() => void (flags.rejectAuth = value)),
    clear: Effect.gen(function*() {
      const held = rules.flatMap((rule) => rule.behaviour._tag === "Hold" ? [rule.behaviour.gate] : [])
      rules = []
      flags.silent = false
      flags.rejectAuth = false
      for (const gate of held) yield* Deferred.succeed(gate, undefined)
    })
  }

  return { onRequest, api }
}
