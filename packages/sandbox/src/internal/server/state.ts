/**
 * What the sandbox's server knows: sessions (which outlive connections), open connections, the
 * scripted handlers and the fault switches; and the output side: replies, events tracked for ACK
 * and re-delivery, and requests the sandbox sends to clients.
 */
import * as Deferred from "effect/Deferred"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import { RelayFrame } from "@signalwire-effect/relay"
import { WebSocket } from "ws"
import type { ConnectionTarget, EventTarget, MethodHandler, SessionInfo } from "../../SandboxServer.js"
import type { JournalStore } from "../journal.js"
import * as Sim from "../sim.js"

export interface Session {
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

export interface Connection {
  readonly id: number
  readonly socket: WebSocket
  session: Session | undefined
  /** Replies awaited for requests the sandbox sent (pings, disconnects). */
  readonly awaiting: Map<string, Deferred.Deferred<void>>
  readonly closed: Deferred.Deferred<void>
}

export const sessionInfo = (session: Session): SessionInfo => ({
  protocol: session.protocol,
  project: session.project,
  contexts: Array.from(session.contexts),
  connection: session.connection?.id,
  unacked: session.unacked.size,
  restored: session.restored
})

export type State = ReturnType<typeof make>

export const make = (options: {
  readonly journal: JournalStore
  readonly now: () => number
  readonly unackedCapacity: number
}) => {
  const { journal } = options
  const sessions = new Map<string, Session>()
  const connections = new Map<number, Connection>()
  const handlers = new Map<string, MethodHandler>()
  const flags = {
    /** No answers, pings or events while true. */
    silent: false,
    /** Every `signalwire.connect` is refused while true. */
    rejectAuth: false
  }

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

  /** Sends an event to a session, kept until it is ACKed (the oldest beyond the cap is dropped). */
  const deliver = (session: Session, eventType: string, params: RelayFrame.JsonObject): string => {
    const id = Sim.uuid()
    const frame = RelayFrame.request(id, "signalwire.event", {
      event_type: eventType,
      timestamp: options.now() / 1000,
      params
    })
    const text = RelayFrame.encode(frame)
    session.unacked.set(id, text)
    if (session.unacked.size > options.unackedCapacity) {
      const oldest = session.unacked.keys().next()
      if (oldest.done !== true) session.unacked.delete(oldest.value)
      session.droppedEvents += 1
    }
    if (!flags.silent && session.connection !== undefined) sendText(session.connection, text, frame)
    return id
  }

  /** Sends a request to the client; the Deferred completes on its reply or when the connection closes. */
  const serverRequest = (connection: Connection, method: string, params: RelayFrame.JsonObject) => {
    const id = Sim.uuid()
    const answered = Deferred.unsafeMake<void>(FiberId.none)
    connection.awaiting.set(id, answered)
    sendFrame(connection, RelayFrame.request(id, method, params))
    return answered
  }

  const detach = (connection: Connection) => {
    const session = connection.session
    if (session !== undefined && session.connection === connection) session.connection = undefined
    connection.session = undefined
  }

  const targets = (target: ConnectionTarget | undefined): ReadonlyArray<Connection> =>
    target?.connection === undefined
      ? Array.from(connections.values())
      : Option.toArray(Option.fromNullable(connections.get(target.connection)))

  const selectSessions = (target: EventTarget | undefined): ReadonlyArray<Session> => {
    const all = Array.from(sessions.values())
    if (target === undefined) return all.filter((s) => s.connection !== undefined)
    if ("protocol" in target) return all.filter((s) => s.protocol === target.protocol)
    if ("context" in target) return all.filter((s) => s.contexts.has(target.context))
    const connection = connections.get(target.connection)
    return connection?.session === undefined ? [] : [connection.session]
  }

  const pingAll = (target: ConnectionTarget) => {
    if (flags.silent) return
    for (const connection of targets(target)) {
      if (connection.session !== undefined) serverRequest(connection, "signalwire.ping", {})
    }
  }

  return {
    journal,
    sessions,
    connections,
    handlers,
    flags,
    sendText,
    sendFrame,
    replyResult,
    replyError,
    deliver,
    serverRequest,
    detach,
    targets,
    selectSessions,
    pingAll
  }
}
