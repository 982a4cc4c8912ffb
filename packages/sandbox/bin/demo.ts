#!/usr/bin/env node
/**
 * `npm run demo`: the RELAY client (and the REST client) against the embedded sandbox, step by step,
 * ending with a scripted call to an AI agent,
 * with no SignalWire account. `npm run demo -- --live` runs the parts that make sense on the real platform with the
 * credentials in SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN (or SIGNALWIRE_JWT_TOKEN) /
 * SIGNALWIRE_SPACE. `--verbose` shows the client's own logs, frames included.
 */
import { NodeRuntime } from "@effect/platform-node"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { type Call, ConnectionState, Device, Media, RelayClient } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { aiDemo } from "./demoAi.js"
import { restDemo } from "./demoRest.js"

const live = process.argv.includes("--live")
const verbose = process.argv.includes("--verbose")

type Client = RelayClient.RelayClient["Type"]

const say = (text: string) => Console.log(text)
const step = (n: number, text: string) => Console.log(`\n${n}. ${text}`)

const untilState = (relay: Client, predicate: (s: ConnectionState.ConnectionState) => boolean) =>
  relay.state.pipe(Stream.filter(predicate), Stream.runHead, Effect.asVoid)

const printStates = (relay: Client) =>
  relay.state.pipe(
    Stream.runForEach((s) => say(`   state → ${ConnectionState.describe(s)}`)),
    Effect.forkScoped
  )

const timed = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeNanos
    const result = yield* effect
    const micros = Number((yield* Clock.currentTimeNanos) - start) / 1000
    return [result, micros >= 1000 ? `${(micros / 1000).toFixed(1)} ms` : `${micros.toFixed(0)} µs`] as const
  })

/** Starts the client in its own scope, so that closing that scope is `disconnect`. */
const startClient = (options: RelayClient.RelayClientOptions, fromEnvironment: boolean) =>
  Effect.gen(function*() {
    const scope = yield* Scope.make()
    const make = fromEnvironment
      ? Effect.flatMap(RelayClient.config, (config) => RelayClient.make({ ...config, ...options }))
      : RelayClient.make(options)
    const relay = yield* make.pipe(Effect.provide(NodeWebSocket.layer), Scope.extend(scope))
    return { relay, scope }
  })

/** Steps 1 and 2 of both demos: connect (showing the state changes), then one request and its reply. */
const connectAndPing = (options: RelayClient.RelayClientOptions, fromEnvironment: boolean) =>
  Effect.gen(function*() {
    yield* step(1, "Connect: the client opens a WebSocket and authenticates with signalwire.connect.")
    const started = yield* startClient(options, fromEnvironment)
    yield* printStates(started.relay)
    yield* untilState(started.relay, (s) => s._tag === "Connected")
    yield* step(2, "A request and its reply (JSON-RPC, correlated by id): signalwire.ping")
    const [pong, rtt] = yield* timed(started.relay.execute("signalwire.ping"))
    yield* say(`   reply ${JSON.stringify(pong)} after ${rtt}`)
    return started
  })

const disconnectWithWaiters = (relay: Client, scope: Scope.CloseableScope, method: string) =>
  Effect.gen(function*() {
    const waiters = yield* Effect.forEach([1, 2, 3], (n) => Effect.fork(relay.execute(method, { n })))
    yield* Effect.sleep("100 millis")
    yield* say(`   ${waiters.length} requests are waiting for replies; closing the client's scope now`)
    yield* Scope.close(scope, Exit.void)
    for (const [i, fiber] of waiters.entries()) {
      const exit = yield* Fiber.await(fiber)
      const outcome = Exit.match(exit, {
        onSuccess: () => "answered",
        onFailure: (cause) =>
          Option.match(Cause.failureOption(cause), {
            onNone: () => "interrupted",
            onSome: (e) => `${e._tag}: ${e.message}`
          })
      })
      yield* say(`   request ${i + 1} → ${outcome}`)
    }
  })


const SALES = "+15551230100"
const IVR_NUMBER = "+15552220000"

const describeCollect = (result: Call.CollectResult) =>
  result._tag === "Digits" ? `digits "${result.digits}"` : result._tag === "Speech" ? `speech "${result.text}"` : result._tag

/** The IVR: answer, prompt, collect one digit, then connect to sales (1) or take a message (2). */
const ivr = (call: Call.Call, done: Deferred.Deferred<void>) =>
  Effect.gen(function*() {
    const who = `call ${call.callId.slice(0, 8)}`
    const from = call.from ?? "?"
    yield* say(`   [${who}] inbound from ${from} on context "${call.context}"`)
    yield* call.answer()
    yield* say(`   [${who}] answered`)
    const menu = yield* call.promptTTS("Welcome. Press 1 for sales, or 2 to leave a message.", {
      digits: { max: 1, digitTimeout: "5 seconds" },
      initialTimeout: "5 seconds"
    })
    yield* say(`   [${who}] prompt playing, collecting one digit…`)
    const choice = yield* menu.wait
    yield* say(`   [${who}] collected ${describeCollect(choice)}`)
    if (choice._tag === "Digits" && choice.digits === "1") {
      yield* say(`   [${who}] connecting to sales at ${SALES} (ringback: US ringtone)`)
      const bridge = yield* call.connect(Device.serial(Device.phone({ to: SALES, from: IVR_NUMBER })), {
        ringback: [Media.ringtone("us")]
      })
      yield* say(`   [${who}] connected to peer call ${String(bridge.peer.call_id).slice(0, 8)}; waiting for the caller to hang up`)
      yield* say(`   [${who}] ended: ${yield* call.ended}`)
    } else {
      const beep = yield* call.playTTS("Please leave a message after the beep.")
      yield* beep.wait
      const recording = yield* call.record({ beep: true, endSilenceTimeout: "1 second" })
      yield* say(`   [${who}] recording…`)
      yield* Effect.sleep("150 millis")
      yield* recording.stop
      const saved = yield* recording.wait
      yield* say(`   [${who}] message saved: ${saved.url} (${saved.duration ?? "?"} s)`)
      yield* call.hangup()
      yield* say(`   [${who}] hung up`)
    }
  }).pipe(Effect.ensuring(Deferred.succeed(done, undefined)))

/** An outbound dial with answering-machine detection: a person gets connected, a machine a voicemail. */
const dialWithDetection = (relay: Client, to: string) =>
  Effect.scoped(
    Effect.gen(function*() {
      yield* say(`   dialing ${to}…`)
      const call = yield* relay.dial(Device.serial(Device.phone({ to, from: IVR_NUMBER, timeout: "30 seconds" })))
      yield* say(`   ${to} answered (call ${call.callId.slice(0, 8)}); detecting an answering machine`)
      const detection = yield* call.detectAnsweringMachine({ initialTimeout: "4.5 seconds", detectMessageEnd: true })
      const result = yield* detection.wait
      const found = result._tag === "Detected" ? result.result : "nothing"
      yield* say(`   detection result: ${found}`)
      const message = found === "MACHINE"
        ? "Hello, this is the sandbox calling about your appointment. Please call us back."
        : "Hello! Your appointment is confirmed for tomorrow at ten."
      const played = yield* call.playTTS(message)
      yield* played.wait
      yield* say(`   ${found === "MACHINE" ? "voicemail left" : "message delivered"}; hanging up (by closing the dial's scope)`)
    })
  )

const sandboxDemo = Effect.gen(function*() {
  yield* say("signalwire-effect: the RELAY client against the embedded sandbox (no SignalWire account needed)")
  const sandbox = yield* RelaySandbox.make()
  yield* say(`\nThe sandbox is a real RELAY WebSocket server, running in this process at ${sandbox.url}.`)

  const { relay, scope } = yield* connectAndPing({ ...sandbox.clientOptions, contexts: ["office"] }, false)

  yield* step(3, "Subscribe to one more context, so inbound calls and messages for it reach us.")
  yield* relay.receive(["support"])
  yield* say(`   signalwire.receive ok; receiving on ${(yield* relay.contexts).join(", ")}`)

  yield* step(4, "The platform pushes an event; the client ACKs it on the wire, then hands it to us.")
  const events = yield* relay.subscribe
  const [eventId] = yield* sandbox.sendEvent("calling.call.state", {
    call_id: "call-1",
    node_id: "node-1",
    call_state: "ringing",
    direction: "inbound"
  }, { context: "office" })
  const event = yield* events.pipe(Stream.runHead, Effect.map(Option.getOrThrow))
  if (event._tag === "CallState") {
    yield* say(`   event ${event.eventType}: call ${event.params.call_id} is ${event.params.call_state}`)
  }
  yield* relay.execute("signalwire.ping")
  const acked = eventId !== undefined && (yield* sandbox.journal.repliesTo(eventId)).length > 0
  yield* say(`   the sandbox received the ACK for event ${eventId}: ${acked ? "yes" : "no"}`)

  yield* step(5, "The network fails: the sandbox drops the socket without a goodbye.")
  yield* sandbox.faults.drop()
  yield* untilState(relay, (s) => s._tag === "Reconnecting")
  yield* say("   a request issued now waits in the client's queue for the next session…")
  const [queued, queuedFor] = yield* timed(relay.execute("signalwire.ping"))
  yield* say(`   …and got its reply ${JSON.stringify(queued)} on the new session, ${queuedFor} after it was issued`)
  const connects = yield* sandbox.journal.requests("signalwire.connect")
  const resumeFrame = connects.at(-1)?.params
  yield* say(
    `   the reconnect sent protocol ${String(resumeFrame?.protocol)} (resume) and contexts ${
      JSON.stringify(resumeFrame?.contexts)
    }`
  )

  yield* step(6, "An IVR answers inbound calls: one caller presses 1 (connected to sales), one presses 2 (message).")
  const served = yield* Effect.forEach([0, 1], () => Deferred.make<void>())
  let next = 0
  yield* relay.onCall((call) => ivr(call, served[next++]!))
  yield* sandbox.calls.inbound({
    from: "+15557770001",
    to: IVR_NUMBER,
    context: "office",
    script: { inputs: [{ digits: "1" }], hangupAfter: "400 millis" }
  })
  yield* Deferred.await(served[0]!)
  yield* sandbox.calls.inbound({ from: "+15557770002", to: IVR_NUMBER, context: "office", script: { inputs: [{ digits: "2" }] } })
  yield* Deferred.await(served[1]!)

  yield* step(7, "Outbound calls with answering-machine detection.")
  yield* sandbox.calls.script("+15553330001", { machine: "HUMAN" })
  yield* sandbox.calls.script("+15553330002", { machine: "MACHINE" })
  yield* dialWithDetection(relay, "+15553330001")
  yield* dialWithDetection(relay, "+15553330002")

  yield* step(8, "Messaging: send an SMS and follow it to delivered; receive one and reply.")
  const sms = yield* relay.sendMessage({ to: "+15559876543", from: "+15551234567", body: "Your table is ready." })
  yield* say(`   messaging.send accepted: message ${sms.messageId.slice(0, 8)} is ${sms.state}`)
  yield* sms.states.pipe(Stream.runForEach((state) => say(`   message ${sms.messageId.slice(0, 8)} → ${state}`)))
  const replied = yield* Deferred.make<void>()
  yield* relay.onMessage((message) =>
    Effect.gen(function*() {
      yield* say(`   inbound from ${message.from}: "${message.body}"`)
      const reply = yield* relay.sendMessage({ to: message.from, from: message.to, body: "Thanks! See you at 7." })
      yield* reply.wait()
      yield* say(`   replied to ${message.from}: "${reply.body}" → ${reply.state}`)
    }).pipe(Effect.ensuring(Deferred.succeed(replied, undefined)))
  )
  yield* sandbox.messages.inbound({ from: "+15559876543", to: "+15551234567", body: "Can I bring a friend?", context: "office" })
  yield* Deferred.await(replied)

  yield* step(9, "REST: buy a number, bind it to a context, send an SMS over REST, list the message log.")
  yield* restDemo(sandbox, "office")

  yield* step(10, "Disconnect = close the client's scope. Nothing is left hanging:")
  yield* sandbox.faults.neverAnswer("signalwire.ping")
  yield* disconnectWithWaiters(relay, scope, "signalwire.ping")

  yield* step(11, "An AI agent, tested with a scripted call: the sandbox fetches its SWML and plays the platform's part.")
  yield* aiDemo(sandbox)

  const frames = (yield* sandbox.journal.entries).length
  yield* say(`\nDone: ${frames} frames crossed the WebSocket; every one is in the sandbox's journal.`)
})

const liveDemo = Effect.gen(function*() {
  yield* say("signalwire-effect: the RELAY client against SignalWire, with the credentials in the environment")
  const { scope } = yield* connectAndPing({}, true)
  yield* step(3, "Disconnect = close the client's scope.")
  yield* Scope.close(scope, Exit.void)
  yield* say("\nDone.")
})

const program = (live ? liveDemo : sandboxDemo).pipe(
  Effect.scoped,
  Logger.withMinimumLogLevel(verbose ? LogLevel.All : LogLevel.None),
  Effect.tapErrorCause((cause) => Console.error(`The demo failed:\n${String(cause)}`))
)

NodeRuntime.runMain(program, { disableErrorReporting: true })
