/**
 * The sandbox engine. Socket callbacks only hand frames to one bounded inbox; a single consumer
 * fiber applies them in arrival order, so per-connection order is the wire order. Work that
 * waits (delays, holds, scripted handlers) runs in fibers of the sandbox's FiberSet.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberSet from "effect/FiberSet"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { RelayFrame } from "@signalwire-effect/relay"
import { WebSocket, WebSocketServer } from "ws"
import type { Journal, JournalEntry, ReceivedRequest } from "../Journal.js"
import {
  type ConnectionInfo,
  type ConnectionTarget,
  type EventTarget,
  type FaultOptions,
  MethodError,
  type MethodHandler,
  type Sandbox,
  SandboxError,
  type SandboxOptions,
  type SessionInfo
} from "../RelaySandbox.js"
import * as Admin from "./admin.js"
import * as Calls from "./calls.js"
import * as Messages from "./messages.js"
import { JournalStore } from "./journal.js"

interface Session {
  readonly protocol: string
  readonly project: string
  readonly identity: string
  readonly contexts: Set<string>
  /** Events sent and not yet acknowledged, in send order (id → frame text). */
  readonly unacked: Map<string, string>
  connection: Connection | undefined
  restored: number
  droppedEvents: number
}

interface Connection {
  readonly id: number
  readonly socket: WebSocket
  session: Session | undefined
  /** Replies awaited for requests the sandbox sent (pings, disconnects). */
  readonly awaiting: Map<string, Deferred.Deferred<void>>
  readonly closed: Deferred.Deferred<void>
}

type Inbound =
  | { readonly _tag: "Frame"; readonly connection: Connection; readonly text: string }
  | { readonly _tag: "Closed"; readonly connection: Connection }

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

type Request = RelayFrame.Request

const DEFAULT_CREDENTIALS = [{ project: "sandbox-project", token: "sandbox-token" }]
const DEFAULT_JWTS = ["sandbox-jwt"]
const INBOX_CAPACITY = 100_000
const CLOSE_GRACE = Duration.seconds(1)
const DISCONNECT_REPLY_WAIT = Duration.seconds(5)
const OVERSIZE_DEFAULT = 10 * 1024 * 1024 + 1024

const errors = {
  parse: { code: -32700, message: "Parse error" },
  invalidRequest: (detail: string) => ({ code: -32600, message: `Invalid Request: ${detail}` }),
  methodNotFound: (method: string) => ({ code: -32601, message: `Method not found: ${method}` }),
  invalidParams: (detail: string) => ({ code: -32602, message: `Invalid parameters: ${detail}` }),
  authRequired: { code: -32000, message: "auth required", data: { signalwire_error_code: "AUTH_REQUIRED" } },
  authRejected: { code: -32000, message: "auth rejected: bad token" }
} as const

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const isContextList = (u: unknown): u is ReadonlyArray<string> =>
  Array.isArray(u) && u.every((c) => typeof c === "string" && c.length > 0)

const uuid = () => globalThis.crypto.randomUUID()

const sessionInfo = (session: Session): SessionInfo => ({
  protocol: session.protocol,
  project: session.project,
  contexts: Array.from(session.contexts),
  connection: session.connection?.id,
  unacked: session.unacked.size,
  restored: session.restored
})

export const make = (options: SandboxOptions = {}): Effect.Effect<Sandbox, SandboxError, Scope.Scope> =>
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
    const jwtTokens = new Set(options.jwtTokens ?? DEFAULT_JWTS)
    const unackedCapacity = options.unackedCapacity ?? 10_000
    const journal = new JournalStore(options.journalCapacity ?? 100_000, () => clock.unsafeCurrentTimeMillis())
    const inbox = yield* Mailbox.make<Inbound>(INBOX_CAPACITY)
    const sessions = new Map<string, Session>()
    const connections = new Map<number, Connection>()
    const handlers = new Map<string, MethodHandler>()
    let rules: Array<Rule> = []
    let silent = false
    let rejectAuth = false
    let connectionCounter = 0
    let identityCounter = 0
    let port = options.port ?? 0
    let listener: { readonly server: http.Server; readonly wss: WebSocketServer } | undefined

    // ---- output -------------------------------------------------------------------------------

    const sendText = (connection: Connection, text: string, frame?: RelayFrame.Frame) => {
      if (connection.socket.readyState !== WebSocket.OPEN) return false
      connection.socket.send(text)
      journal.append(connection.id, "out", text, frame)
      return true
    }

    const sendFrame = (connection: Connection, frame: RelayFrame.Frame) =>
      sendText(connection, RelayFrame.encode(frame), frame)

    const replyResult = (connection: Connection, id: RelayFrame.RequestId | undefined, result: RelayFrame.JsonObject) => {
      if (id !== undefined) sendFrame(connection, RelayFrame.reply(id, result))
    }

    const replyError = (connection: Connection, id: RelayFrame.RequestId | undefined, error: RelayFrame.ErrorObject) => {
      if (id !== undefined) sendFrame(connection, RelayFrame.errorReply(id, error))
    }

    const deliver = (session: Session, eventType: string, params: RelayFrame.JsonObject): string => {
      const id = uuid()
      const frame = RelayFrame.request(id, "signalwire.event", {
        event_type: eventType,
        timestamp: clock.unsafeCurrentTimeMillis() / 1000,
        params
      })
      const text = RelayFrame.encode(frame)
      session.unacked.set(id, text)
      if (session.unacked.size > unackedCapacity) {
        const oldest = session.unacked.keys().next()
        if (oldest.done !== true) session.unacked.delete(oldest.value)
        session.droppedEvents += 1
      }
      if (!silent && session.connection !== undefined) sendText(session.connection, text, frame)
      return id
    }

    /** Sends a request to the client; the Deferred completes on its reply or when the connection closes. */
    const serverRequest = (connection: Connection, method: string, params: RelayFrame.JsonObject) => {
      const id = uuid()
      const answered = Deferred.unsafeMake<void>(FiberId.none)
      connection.awaiting.set(id, answered)
      sendFrame(connection, RelayFrame.request(id, method, params))
      return answered
    }

    const calls = Calls.make<Session>({
      deliver: (session, eventType, params) => void deliver(session, eventType, params),
      sessions: () => sessions.values(),
      now: () => clock.unsafeCurrentTimeMillis(),
      runFork
    })

    const messages = Messages.make<Session>({
      deliver: (session, eventType, params) => void deliver(session, eventType, params),
      sessions: () => sessions.values(),
      runFork,
      numbers: options.numbers ?? Messages.DEFAULT_NUMBERS
    })

    // ---- sessions -----------------------------------------------------------------------------

    const detach = (connection: Connection) => {
      const session = connection.session
      if (session !== undefined && session.connection === connection) session.connection = undefined
      connection.session = undefined
    }

    const newSession = (project: string): Session => {
      const session: Session = {
        protocol: `signalwire_${uuid().replaceAll("-", "")}`,
        project,
        identity: `sandbox-client-${++identityCounter}`,
        contexts: new Set(),
        unacked: new Map(),
        connection: undefined,
        restored: 0,
        droppedEvents: 0
      }
      sessions.set(session.protocol, session)
      return session
    }

    const authorizationBlob = () => {
      const encode = (s: string) => Buffer.from(s).toString("base64")
      return `${encode(uuid())}:${encode(uuid().slice(0, 16))}`
    }

    /** Checks the credentials of a connect request: the project on success, else the error to send. */
    const authenticate = (authentication: Record<string, unknown>): { project: string } | RelayFrame.ErrorObject => {
      const jwt = authentication.jwt_token
      const project = authentication.project
      const token = authentication.token
      if (jwt !== undefined && (project !== undefined || token !== undefined)) {
        return errors.invalidParams("authentication holds either jwt_token or project + token, not both")
      }
      if (typeof jwt === "string" && jwt.length > 0) {
        if (rejectAuth || !jwtTokens.has(jwt)) return errors.authRejected
        return { project: credentials[0]?.project ?? "sandbox-project" }
      }
      if (typeof project !== "string" || project.length === 0 || typeof token !== "string" || token.length === 0) {
        return errors.authRequired
      }
      if (rejectAuth || !credentials.some((c) => c.project === project && c.token === token)) return errors.authRejected
      return { project }
    }

    const onConnect = (connection: Connection, frame: Request) => {
      const params = frame.params
      const version = params.version
      if (!isObject(version) || version.major !== 2) {
        return replyError(connection, frame.id, errors.invalidParams("version must be {major: 2, minor: 0, revision: 0}"))
      }
      if (params.event_acks !== true) {
        return replyError(connection, frame.id, errors.invalidParams("event_acks must be true"))
      }
      if (!isObject(params.authentication)) {
        return replyError(connection, frame.id, errors.invalidParams("authentication must be an object"))
      }
      if (params.contexts !== undefined && !isContextList(params.contexts)) {
        return replyError(connection, frame.id, errors.invalidParams("contexts must be an array of non-empty strings"))
      }
      if (connection.session !== undefined) {
        return replyError(connection, frame.id, errors.invalidRequest("this connection is already authenticated"))
      }
      const outcome = authenticate(params.authentication)
      if (!("project" in outcome)) return replyError(connection, frame.id, outcome)
      const previous = typeof params.protocol === "string" ? sessions.get(params.protocol) : undefined
      const restored = previous !== undefined && previous.project === outcome.project
      const session = restored ? previous : newSession(outcome.project)
      if (restored) {
        session.restored += 1
        const other = session.connection
        if (other !== undefined && other !== connection) {
          detach(other)
          other.socket.close(4001, "session taken over by a new connection")
        }
      }
      for (const context of isContextList(params.contexts) ? params.contexts : []) session.contexts.add(context)
      connection.session = session
      session.connection = connection
      replyResult(connection, frame.id, {
        protocol: session.protocol,
        identity: session.identity,
        authorization: { project_id: session.project },
        session_restored: restored,
        sessionid: session.protocol,
        nodeid: Calls.NODE_ID,
        master_nodeid: Calls.NODE_ID
      })
      for (const text of session.unacked.values()) {
        if (!sendText(connection, text)) break
      }
      deliver(session, "signalwire.authorization.state", { authorization_state: authorizationBlob() })
    }

    const changeContexts = (connection: Connection, session: Session, frame: Request, add: boolean) => {
      const contexts = frame.params.contexts
      if (!isContextList(contexts)) {
        return replyError(connection, frame.id, errors.invalidParams("contexts must be an array of non-empty strings"))
      }
      for (const context of contexts) {
        if (add) session.contexts.add(context)
        else session.contexts.delete(context)
      }
      replyResult(connection, frame.id, { code: "200", message: add ? "Receiving events" : "Unreceiving events" })
    }

    // ---- requests -----------------------------------------------------------------------------

    const runHandler = (connection: Connection, session: Session, frame: Request, handler: MethodHandler) =>
      runFork(
        handler({
          connection: connection.id,
          session: sessionInfo(session),
          id: frame.id,
          method: frame.method,
          params: frame.params,
          sendEvent: (eventType, params) => Effect.sync(() => deliver(session, eventType, params))
        }).pipe(
          Effect.matchCauseEffect({
            onSuccess: (result) => Effect.sync(() => replyResult(connection, frame.id, result)),
            onFailure: (cause) => {
              const failure = Option.getOrUndefined(Cause.failureOption(cause))
              const error = failure instanceof MethodError
                ? { code: failure.code, message: failure.message, ...(failure.data === undefined ? {} : { data: failure.data }) }
                : { code: -32603, message: "Internal error in a scripted sandbox handler" }
              return Effect.sync(() => replyError(connection, frame.id, error))
            }
          })
        )
      )

    const answer = (connection: Connection, frame: Request) => {
      if (silent) return
      if (frame.method === "signalwire.connect") return onConnect(connection, frame)
      if (frame.method === "signalwire.ping" && !handlers.has("signalwire.ping")) return replyResult(connection, frame.id, {})
      const session = connection.session
      if (session === undefined) return replyError(connection, frame.id, errors.authRequired)
      const handler = handlers.get(frame.method)
      if (handler !== undefined) return void runHandler(connection, session, frame, handler)
      switch (frame.method) {
        case "signalwire.receive":
          return changeContexts(connection, session, frame, true)
        case "signalwire.unreceive":
          return changeContexts(connection, session, frame, false)
        default: {
          const respond = (response: Calls.Response) =>
            response._tag === "Result"
              ? replyResult(connection, frame.id, response.result)
              : replyError(connection, frame.id, response.error)
          const simulated = calls.request(session, frame.method, frame.params, respond) ||
            messages.request(session, frame.method, frame.params, respond)
          if (!simulated) replyError(connection, frame.id, errors.methodNotFound(frame.method))
        }
      }
    }

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

    const onRequest = (connection: Connection, frame: Request) => {
      if (silent) return
      const rule = takeRule(frame.method)
      if (rule === undefined) return answer(connection, frame)
      const behaviour = rule.behaviour
      switch (behaviour._tag) {
        case "Never":
          return
        case "Error":
          return replyError(connection, frame.id, behaviour.error)
        case "Result":
          return replyResult(connection, frame.id, behaviour.result)
        case "Delay":
          return void runFork(Effect.sleep(behaviour.duration).pipe(Effect.zipRight(Effect.sync(() => answer(connection, frame)))))
        case "Hold":
          return void runFork(Deferred.await(behaviour.gate).pipe(Effect.zipRight(Effect.sync(() => answer(connection, frame)))))
      }
    }

    const onReply = (connection: Connection, frame: RelayFrame.ResultReply | RelayFrame.ErrorReply) => {
      const id = String(frame.id)
      connection.session?.unacked.delete(id)
      const awaited = connection.awaiting.get(id)
      if (awaited !== undefined) {
        connection.awaiting.delete(id)
        Deferred.unsafeDone(awaited, Exit.void)
      }
    }

    const onFrame = (connection: Connection, text: string) => {
      const decoded = RelayFrame.decode(text)
      if (decoded._tag === "Left") {
        journal.append(connection.id, "in", text)
        if (!silent) {
          const error = decoded.left.reason === "NotJson" ? errors.parse : errors.invalidRequest(decoded.left.detail)
          sendText(connection, JSON.stringify({ jsonrpc: "2.0", id: null, error }))
        }
        return
      }
      const frame = decoded.right
      journal.append(connection.id, "in", text, frame)
      if (frame._tag === "Request") onRequest(connection, frame)
      else onReply(connection, frame)
    }

    const onClosed = (connection: Connection) => {
      detach(connection)
      connections.delete(connection.id)
      for (const awaited of connection.awaiting.values()) Deferred.unsafeDone(awaited, Exit.void)
      connection.awaiting.clear()
      Deferred.unsafeDone(connection.closed, Exit.void)
    }

    const consume = Effect.gen(function*() {
      while (true) {
        const [batch, done] = yield* inbox.takeAll
        for (const item of batch) {
          if (item._tag === "Frame") onFrame(item.connection, item.text)
          else onClosed(item.connection)
        }
        if (done) return
      }
    })

    // ---- listening ----------------------------------------------------------------------------

    const accept = (socket: WebSocket) => {
      const connection: Connection = {
        id: ++connectionCounter,
        socket,
        session: undefined,
        awaiting: new Map(),
        closed: Deferred.unsafeMake(FiberId.none)
      }
      connections.set(connection.id, connection)
      socket.on("message", (data, isBinary) => {
        const text = isBinary ? undefined : Array.isArray(data) ? Buffer.concat(data).toString() : data.toString()
        if (text === undefined) {
          journal.append(connection.id, "in", `<binary frame>`)
          return
        }
        if (!inbox.unsafeOffer({ _tag: "Frame", connection, text })) socket.terminate()
      })
      socket.on("error", () => socket.terminate())
      socket.once("close", () => {
        Deferred.unsafeDone(connection.closed, Exit.void)
        if (!inbox.unsafeOffer({ _tag: "Closed", connection })) onClosed(connection)
      })
    }

    const admin = Admin.make(runFork, [...Admin.callRoutes(calls.api), ...Admin.messageRoutes(messages.api)])

    const listen = Effect.async<void, SandboxError>((resume) => {
      const server = http.createServer((request, response) => {
        if (admin(request, response)) return
        response.writeHead(426, { "content-type": "text/plain" })
        response.end("RELAY sandbox: connect with a WebSocket at the root path\n")
      })
      const wss = new WebSocketServer({
        noServer: true,
        maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
        perMessageDeflate: false
      })
      server.on("upgrade", (request, socket, head) => {
        if (request.url !== "/" && request.url !== "") {
          socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n")
          return
        }
        wss.handleUpgrade(request, socket, head, accept)
      })
      server.once("error", (error) => resume(Effect.fail(new SandboxError({ reason: error.message }))))
      server.listen(port, hostname, () => {
        port = (server.address() as AddressInfo).port
        listener = { server, wss }
        resume(Effect.void)
      })
    })

    const stop = Effect.gen(function*() {
      const current = listener
      if (current === undefined) return
      listener = undefined
      // Stop accepting first, so no client can slip in while the open connections are closed.
      const serverClosed = Deferred.unsafeMake<void>(FiberId.none)
      current.server.close(() => Deferred.unsafeDone(serverClosed, Exit.void))
      current.wss.close()
      const open = Array.from(connections.values())
      for (const connection of open) connection.socket.close(1012, "sandbox restarting")
      yield* withinLive(Effect.forEach(open, (c) => Deferred.await(c.closed), { discard: true }), CLOSE_GRACE)
      for (const connection of connections.values()) connection.socket.terminate()
      current.server.closeAllConnections()
      yield* withinLive(Deferred.await(serverClosed), CLOSE_GRACE)
    })

    yield* Effect.forkScoped(consume)
    // Runs before the consumer is interrupted (finalizers run last-in first-out).
    yield* Effect.addFinalizer(() => Effect.zipRight(stop, inbox.shutdown))
    yield* listen

    if (options.serverPingInterval !== undefined) {
      yield* Effect.forkScoped(
        Effect.sync(() => pingAll({})).pipe(Effect.repeat(Schedule.spaced(options.serverPingInterval)))
      )
    }

    // ---- the public API -----------------------------------------------------------------------

    const targets = (target: ConnectionTarget | undefined): ReadonlyArray<Connection> =>
      target?.connection === undefined
        ? Array.from(connections.values())
        : Option.toArray(Option.fromNullable(connections.get(target.connection)))

    function pingAll(target: ConnectionTarget) {
      if (silent) return
      for (const connection of targets(target)) {
        if (connection.session !== undefined) serverRequest(connection, "signalwire.ping", {})
      }
    }

    const addRule = (method: string, behaviour: Behaviour, faultOptions?: FaultOptions) =>
      Effect.sync(() => {
        rules = [...rules, { method, behaviour, remaining: faultOptions?.times ?? Number.POSITIVE_INFINITY }]
      })

    const toRequests = (direction: "in" | "out", method: string | undefined): ReadonlyArray<ReceivedRequest> =>
      journal.all().flatMap((entry) =>
        entry.direction === direction && entry.frame?._tag === "Request" &&
          (method === undefined || entry.frame.method === method)
          ? [{
            seq: entry.seq,
            connection: entry.connection,
            id: entry.frame.id,
            method: entry.frame.method,
            params: entry.frame.params
          }]
          : []
      )

    const isReplyTo = (id: RelayFrame.RequestId) => (entry: JournalEntry) =>
      entry.direction === "in" && (entry.frame?._tag === "ResultReply" || entry.frame?._tag === "ErrorReply") &&
      entry.frame.id === id

    const journalApi: Journal = {
      entries: Effect.sync(() => journal.all()),
      requests: (method) => Effect.sync(() => toRequests("in", method)),
      sent: (method) => Effect.sync(() => toRequests("out", method)),
      waitFor: (predicate, since) => journal.waitFor(predicate, since),
      waitForRequest: (method, since) =>
        journal.waitFor(
          (entry) => entry.direction === "in" && entry.frame?._tag === "Request" && entry.frame.method === method,
          since
        ).pipe(
          Effect.map((entry) => {
            const frame = entry.frame as Request
            return { seq: entry.seq, connection: entry.connection, id: frame.id, method: frame.method, params: frame.params }
          })
        ),
      repliesTo: (id) => Effect.sync(() => journal.all().filter(isReplyTo(id))),
      waitForReply: (id, since) => journal.waitFor(isReplyTo(id), since),
      mark: Effect.sync(() => journal.lastSeq),
      clear: Effect.sync(() => journal.clear())
    }

    const sandbox: Sandbox = {
      get url() {
        return `ws://${hostname}:${port}`
      },
      get host() {
        return `${hostname}:${port}`
      },
      get port() {
        return port
      },
      get clientOptions() {
        const first = credentials[0] ?? DEFAULT_CREDENTIALS[0]!
        return { project: first.project, token: first.token, host: `${hostname}:${port}`, scheme: "ws" as const }
      },
      journal: journalApi,
      calls: calls.api,
      messages: messages.api,
      faults: {
        drop: (target) => Effect.sync(() => targets(target).forEach((c) => c.socket.terminate())),
        silence: (value) => Effect.sync(() => void (silent = value)),
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
            (connection) =>
              Effect.gen(function*() {
                const restart = disconnectOptions?.restart === true
                const replied = serverRequest(connection, "signalwire.disconnect", restart ? { restart: true } : {})
                if (restart && connection.session !== undefined) {
                  sessions.delete(connection.session.protocol)
                  detach(connection)
                }
                yield* withinLive(Deferred.await(replied), DISCONNECT_REPLY_WAIT)
                connection.socket.close(1000, "server disconnect")
              }),
            { discard: true, concurrency: "unbounded" }
          ),
        rejectAuth: (value) => Effect.sync(() => void (rejectAuth = value)),
        clear: Effect.gen(function*() {
          const held = rules.flatMap((rule) => rule.behaviour._tag === "Hold" ? [rule.behaviour.gate] : [])
          rules = []
          silent = false
          rejectAuth = false
          for (const gate of held) yield* Deferred.succeed(gate, undefined)
        })
      },
      connections: Effect.sync(() =>
        Array.from(connections.values(), (c): ConnectionInfo => ({
          id: c.id,
          protocol: c.session?.protocol,
          authenticated: c.session !== undefined
        }))
      ),
      sessions: Effect.sync(() => Array.from(sessions.values(), sessionInfo)),
      sendEvent: (eventType, params, target) =>
        Effect.sync(() => {
          const chosen = selectSessions(target)
          return chosen.map((session) => deliver(session, eventType, params))
        }),
      ping: (target) => Effect.sync(() => pingAll(target ?? {})),
      handle: (method, handler) =>
        Effect.acquireRelease(
          method === "signalwire.connect"
            ? Effect.dieMessage("signalwire.connect cannot be scripted: the sandbox owns sessions")
            : Effect.sync(() => void handlers.set(method, handler)),
          () => Effect.sync(() => handlers.get(method) === handler && handlers.delete(method))
        ).pipe(Effect.asVoid),
      stop,
      start: Effect.suspend(() => (listener === undefined ? listen : Effect.void)),
      restart: Effect.zipRight(stop, Effect.suspend(() => listen))
    }

    function selectSessions(target: EventTarget | undefined): ReadonlyArray<Session> {
      const all = Array.from(sessions.values())
      if (target === undefined) return all.filter((s) => s.connection !== undefined)
      if ("protocol" in target) return all.filter((s) => s.protocol === target.protocol)
      if ("context" in target) return all.filter((s) => s.contexts.has(target.context))
      const connection = connections.get(target.connection)
      return connection?.session === undefined ? [] : [connection.session]
    }

    return sandbox
  })
