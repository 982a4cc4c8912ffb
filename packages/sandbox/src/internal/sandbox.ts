/**
 * The sandbox put together: the server state, the session and fault handling, the simulation
 * engines, the inbound path (one bounded inbox, one consumer fiber) and the listener, all owned by
 * the caller's Scope. Work that waits (delays, holds, scripted handlers, timers) runs in fibers
 * of the sandbox's FiberSet.
 */
import * as Clock from "effect/Clock"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Mailbox from "effect/Mailbox"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as HttpClient from "@effect/platform/HttpClient"
import { NodeHttpClient } from "@effect/platform-node"
import type * as Scope from "effect/Scope"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { Sandbox } from "../RelaySandbox.js"
import type { ConnectionInfo, SandboxOptions } from "../SandboxServer.js"
import type { SimMessage } from "../SimMessages.js"
import * as Admin from "./admin.js"
import * as Calls from "./calls/engine.js"
import { NODE_ID } from "./calls/model.js"
import * as Cxml from "./cxml/index.js"
import * as CxmlMessaging from "./cxml/messaging.js"
import * as Rest from "./calls/rest.js"
import type { SandboxError } from "./errors.js"
import * as Journal from "./journal.js"
import * as Messages from "./messages.js"
import * as RestAdmin from "./rest/admin.js"
import * as RestCallback from "./rest/callback.js"
import { jsonStatusCallbacks } from "./rest/messageStatus.js"
import * as RestServer from "./rest/server.js"
import * as Sim from "./sim.js"
import * as Connect from "./server/connect.js"
import * as Dispatch from "./server/dispatch.js"
import * as Faults from "./server/faults.js"
import * as Listener from "./server/listener.js"
import * as State from "./server/state.js"
import * as SwmlAdmin from "./swml/admin.js"
import type { Source as SwmlSource } from "./swml/executor.js"
import * as Swml from "./swml/index.js"

const DEFAULT_CREDENTIALS = [{ project: "sandbox-project", token: "sandbox-token" }]
const DEFAULT_JWTS = ["sandbox-jwt"]
const INBOX_CAPACITY = 100_000

export const make = (options: SandboxOptions = {}): Effect.Effect<Sandbox, SandboxError, Scope.Scope> =>
  options.clock === "inherit" ? build(options) : Effect.withClock(build(options), Clock.make())

// Every fiber of the simulation is forked through the runtime captured here, so it keeps the
// Clock that `make` ran with: the live one by default, the caller's with `clock: "inherit"`.
const build = (options: SandboxOptions): Effect.Effect<Sandbox, SandboxError, Scope.Scope> =>
  Effect.gen(function*() {
    const runFork = yield* FiberSet.makeRuntime<never>()
    const clock = yield* Effect.clock
    // Safety bounds (close handshakes) follow real time even when a test drives the sandbox's Clock.
    const liveClock = Clock.make()
    // Interruptible, so that the bound also holds inside finalizers (which run uninterruptibly).
    const withinLive = <A>(effect: Effect.Effect<A>, duration: Duration.Duration) =>
      Effect.interruptible(effect).pipe(Effect.timeout(duration), Effect.option, Effect.withClock(liveClock))

    const hostname = options.hostname ?? "127.0.0.1"
    const credentials = options.credentials ?? DEFAULT_CREDENTIALS
    const now = () => clock.unsafeCurrentTimeMillis()
    const journal = new Journal.JournalStore(options.journalCapacity ?? 100_000, now)
    const state = State.make({ journal, now, unackedCapacity: options.unackedCapacity ?? 10_000 })
    const inbox = yield* Mailbox.make<Dispatch.Inbound>(INBOX_CAPACITY)

    /** The REST side watches the simulation's events (finished recordings); set once it exists. */
    let observe: (eventType: string, params: RelayFrame.JsonObject) => void = () => {}
    const engineEnv = {
      deliver: (session: State.Session, eventType: string, params: RelayFrame.JsonObject) => {
        void state.deliver(session, eventType, params)
        observe(eventType, params)
      },
      sessions: () => state.sessions.values(),
      runFork
    }
    const calls = Calls.make<State.Session>({ ...engineEnv, now })
    const messages = Messages.make<State.Session>({
      ...engineEnv,
      numbers: options.numbers ?? Messages.DEFAULT_NUMBERS,
      // Defined below, called only once a session sends.
      sent: (m) => void runFork(messageToProject(m))
    })

    let listenerPort = () => options.port ?? 0
    const http = yield* Layer.build(NodeHttpClient.layerUndici)
    const signingKey = options.signingKey === undefined
      ? Redacted.make(`PSK_${Sim.uuid().replaceAll("-", "")}`)
      : typeof options.signingKey === "string"
      ? Redacted.make(options.signingKey)
      : options.signingKey
    const project = credentials[0]?.project ?? "sandbox-project"
    // One JSON message status callback path: relay-REST `status_callback`, SWML `send_sms`'s.
    const messageStatusCallback = jsonStatusCallbacks({
      project,
      now,
      runFork,
      jsonCallback: RestCallback.makeJson(Context.get(http, HttpClient.HttpClient), signingKey)
    })
    const rest = yield* RestServer.make({
      project,
      credentials,
      now,
      origin: () => `http://${hostname}:${listenerPort()}`,
      messages,
      calls: calls.api,
      calling: calls.rest,
      runFork,
      callback: RestCallback.make(Context.get(http, HttpClient.HttpClient), signingKey),
      messageStatusCallback,
      inbound: (o) => Effect.suspend(() => callsApi.inbound(o)).pipe(Effect.map((c) => c.callId), Effect.orElseSucceed(() => undefined)),
      messageToProject: (m) => Effect.suspend(() => messageToProject(m))
    }, options.journalCapacity ?? 100_000)

    observe = rest.observe
    calls.onConference(rest.conference)
    const swml = Swml.make({
      driver: calls.driver,
      runFork,
      now,
      project,
      spaceId: Sim.uuid(),
      signingKey,
      client: Context.get(http, HttpClient.HttpClient),
      sendSms: (sms) =>
        messages.submit({
          from: sms.from,
          to: sms.to,
          body: sms.body,
          media: sms.media ?? [],
          onState: sms.statusCallback === undefined ? sms.onState : messageStatusCallback(sms.statusCallback)
        }),
      follow: yield* Swml.makeFollow
    })
    const cxml = Cxml.make({
      driver: calls.driver,
      runFork,
      now,
      project,
      client: Context.get(http, HttpClient.HttpClient),
      signingKey,
      calls: calls.api,
      rest: calls.rest,
      contextOf: rest.contextOf,
      queueSidOf: rest.queueSidOf,
      queueFull: rest.queueFull,
      faxes: rest.faxes,
      transcribeRecording: rest.transcribeRecording,
      runs: swml
    })
    // An inbound message to a number with an `SmsUrl` runs its Messaging cXML.
    const postStatus = RestCallback.make(Context.get(http, HttpClient.HttpClient), signingKey)
    const postInOrder = RestCallback.ordered(runFork)
    const messaging = CxmlMessaging.make({
      project,
      client: Context.get(http, HttpClient.HttpClient),
      signingKey,
      now,
      runFork,
      send: messages.submit,
      statusCallback: (sid, url, method, params) => postInOrder(sid, postStatus(url, method, params))
    })
    /** A message to a number of the project bound to cXML runs it; `undefined` when the number is not. */
    const runSmsUrl = (o: { readonly from: string; readonly to: string; readonly body?: string | undefined; readonly media?: ReadonlyArray<string> | undefined }) => {
      const source = rest.smsOf(o.to)
      if (source === undefined) return undefined
      const received = messages.receive({ from: o.from, to: o.to, body: o.body, media: o.media ?? [] })
      messaging.run(received, source)
      return received
    }
    const messagesApi: Sandbox["messages"] = {
      ...messages.api,
      inbound: (o) =>
        Effect.suspend(() => {
          const ran = o.context === undefined ? runSmsUrl(o) : undefined
          return ran !== undefined ? Effect.succeed(ran) : messages.api.inbound({ ...o, context: o.context ?? rest.messageContextOf(o.to) })
        }),
      transcript: messaging.transcript,
      waitForTranscript: messaging.waitForTranscript
    }
    /** A message the project sent to one of its numbers whose messages are bound (cXML, a RELAY context) arrives there. */
    const messageToProject = (m: SimMessage): Effect.Effect<void> => {
      if (runSmsUrl(m) !== undefined) return Effect.void
      const context = rest.messageContextOf(m.to)
      return context === undefined ? Effect.void : Effect.ignore(messages.api.inbound({ from: m.from, to: m.to, body: m.body, media: m.media, context }))
    }

    // The REST side sees the events of calls no RELAY session controls (a cXML call entering a
    // queue, its recordings) as it sees those delivered to sessions.
    calls.driver.core.onEvent((call, eventType, params) => {
      if (call.session === undefined) observe(eventType, { call_id: call.callId, node_id: NODE_ID, ...params })
    })
    // A REST call with SWML (calling dial/update with `url` or `swml`) or cXML (compat `Url`) runs
    // it once answered.
    calls.setSwmlRunner((call, source, log) => {
      Rest.noteReceived(call, source, log)
      if (source._tag === "Cxml") {
        return void runFork(Effect.ignore(cxml.runCxmlOnCall(call.callId, { _tag: "Url", url: source.url, method: source.method, fallback: source.fallback }, "rest")))
      }
      if (source._tag === "Inline") {
        return void runFork(Effect.ignore(swml.runSwmlOnCall(call.callId, source.document as unknown as SwmlSource, { via: "rest" })))
      }
      runFork(Effect.ignore(swml.runSwmlOnCall(call.callId, source.url, { via: "rest", entry: { method: source.method, fallback: source.fallback } })))
    })
    // An inbound call runs SWML when given some or when its number is bound to SWML (a SWML URL,
    // `relay_script`, or a Fabric SWML script); otherwise it goes to its context, by default the one its
    // number is bound to (relay_context).
    const boundSwml = (to: string): string | undefined => {
      const bound = rest.bindingOf(to)?.swml
      return bound === undefined ? undefined : "url" in bound ? bound.url : bound.contents
    }
    // A number bound to cXML (a webhook, an application, a Fabric cXML script) runs it.
    const callsApi: typeof calls.api = {
      ...calls.api,
      inbound: (o) => {
        const source = o.swml ?? boundSwml(o.to)
        if (source !== undefined) return swml.inbound({ ...o, swml: source }, o.swml === undefined ? "binding" : "api")
        const bound = rest.cxmlOf(o.to)
        if (bound !== undefined) return cxml.inbound(o, bound, "binding", bound.statusCallback, bound.receiveMode === "fax")
        return calls.api.inbound({ ...o, context: o.context ?? rest.contextOf(o.to) })
      }
    }

    const faults = Faults.make(state, { runFork, withinLive })
    const dispatch = Dispatch.make(state, {
      runFork,
      connect: Connect.make(state, { credentials, jwtTokens: new Set(options.jwtTokens ?? DEFAULT_JWTS) }),
      faults,
      engines: [calls.request, messages.request]
    })
    const listener = Listener.make(state, {
      hostname,
      port: options.port ?? 0,
      maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
      inbox,
      onClosed: dispatch.onClosed,
      admin: Admin.make(runFork, [
        ...Admin.callRoutes(callsApi),
        ...SwmlAdmin.routes(callsApi, swml.api),
        ...Admin.messageRoutes(messagesApi),
        ...RestAdmin.routes(rest.api)
      ]),
      rest: rest.handler,
      withinLive
    })
    listenerPort = listener.port

    yield* Effect.forkScoped(dispatch.consume(inbox))
    // Runs before the consumer is interrupted (finalizers run last-in first-out).
    yield* Effect.addFinalizer(() => Effect.zipRight(listener.stop, inbox.shutdown))
    yield* listener.listen

    if (options.serverPingInterval !== undefined) {
      yield* Effect.forkScoped(
        Effect.sync(() => state.pingAll({})).pipe(Effect.repeat(Schedule.spaced(options.serverPingInterval)))
      )
    }

    const sandbox: Sandbox = {
      get url() {
        return `ws://${hostname}:${listener.port()}`
      },
      get host() {
        return `${hostname}:${listener.port()}`
      },
      get port() {
        return listener.port()
      },
      get clientOptions() {
        const first = credentials[0] ?? DEFAULT_CREDENTIALS[0]!
        return { project: first.project, token: first.token, host: `${hostname}:${listener.port()}`, scheme: "ws" as const }
      },
      journal: Journal.api(journal),
      calls: callsApi,
      messages: messagesApi,
      rest: rest.api,
      swml: swml.api,
      faults: faults.api,
      connections: Effect.sync(() =>
        Array.from(state.connections.values(), (c): ConnectionInfo => ({
          id: c.id,
          protocol: c.session?.protocol,
          authenticated: c.session !== undefined
        }))
      ),
      sessions: Effect.sync(() => Array.from(state.sessions.values(), State.sessionInfo)),
      sendEvent: (eventType, params, target) =>
        Effect.sync(() => state.selectSessions(target).map((session) => state.deliver(session, eventType, params))),
      ping: (target) => Effect.sync(() => state.pingAll(target ?? {})),
      handle: (method, handler) =>
        Effect.acquireRelease(
          method === "signalwire.connect"
            ? Effect.dieMessage("signalwire.connect cannot be scripted: the sandbox owns sessions")
            : Effect.sync(() => void state.handlers.set(method, handler)),
          () => Effect.sync(() => state.handlers.get(method) === handler && state.handlers.delete(method))
        ).pipe(Effect.asVoid),
      stop: listener.stop,
      start: listener.start,
      restart: Effect.zipRight(listener.stop, Effect.suspend(() => listener.listen))
    }
    return sandbox
  })
