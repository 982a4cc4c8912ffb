/**
 * Sessions (§3, §13, §14): `signalwire.connect` checks the request and the credentials, starts
 * or resumes a session (re-sending its unacknowledged events), and `signalwire.receive` /
 * `unreceive` change the contexts it receives.
 */
import type { RelayFrame } from "@signalwire-effect/relay"
import { NODE_ID } from "../calls/model.js"
import * as Sim from "../sim.js"
import type { Connection, Session, State } from "./state.js"

type Request = RelayFrame.Request

export const errors = {
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

const authorizationBlob = () => {
  const encode = (s: string) => Buffer.from(s).toString("base64")
  return `${encode(Sim.uuid())}:${encode(Sim.uuid().slice(0, 16))}`
}

export const make = (state: State, options: {
  readonly credentials: ReadonlyArray<{ readonly project: string; readonly token: string }>
  readonly jwtTokens: ReadonlySet<string>
}) => {
  const { credentials, jwtTokens } = options
  const { replyError, replyResult, sessions } = state
  let identityCounter = 0

  const newSession = (project: string): Session => {
    const session: Session = {
      protocol: `signalwire_${Sim.uuid().replaceAll("-", "")}`,
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

  /** Checks the credentials of a connect request: the project on success, else the error to send. */
  const authenticate = (authentication: Record<string, unknown>): { project: string } | RelayFrame.ErrorObject => {
    const jwt = authentication.jwt_token
    const project = authentication.project
    const token = authentication.token
    if (jwt !== undefined && (project !== undefined || token !== undefined)) {
      return errors.invalidParams("authentication holds either jwt_token or project + token, not both")
    }
    if (typeof jwt === "string" && jwt.length > 0) {
      if (state.flags.rejectAuth || !jwtTokens.has(jwt)) return errors.authRejected
      return { project: credentials[0]?.project ?? "sandbox-project" }
    }
    if (typeof project !== "string" || project.length === 0 || typeof token !== "string" || token.length === 0) {
      return errors.authRequired
    }
    if (state.flags.rejectAuth || !credentials.some((c) => c.project === project && c.token === token)) {
      return errors.authRejected
    }
    return { project }
  }

  /**
   * Checks in the platform's order: the credentials first (missing or empty ones get
   * `AUTH_REQUIRED`, wrong ones `auth rejected`), then the rest of the request.
   */
  const onConnect = (connection: Connection, frame: Request) => {
    const params = frame.params
    const outcome = authenticate(isObject(params.authentication) ? params.authentication : {})
    if (!("project" in outcome)) return replyError(connection, frame.id, outcome)
    const version = params.version
    if (!isObject(version) || version.major !== 2) {
      return replyError(connection, frame.id, errors.invalidParams("version must be {major: 2, minor: 0, revision: 0}"))
    }
    if (params.event_acks !== true) {
      return replyError(connection, frame.id, errors.invalidParams("event_acks must be true"))
    }
    if (params.contexts !== undefined && !isContextList(params.contexts)) {
      return replyError(connection, frame.id, errors.invalidParams("contexts must be an array of non-empty strings"))
    }
    if (connection.session !== undefined) {
      return replyError(connection, frame.id, errors.invalidRequest("this connection is already authenticated"))
    }
    const previous = typeof params.protocol === "string" ? sessions.get(params.protocol) : undefined
    const restored = previous !== undefined && previous.project === outcome.project
    const session = restored ? previous : newSession(outcome.project)
    if (restored) {
      session.restored += 1
      const other = session.connection
      if (other !== undefined && other !== connection) {
        state.detach(other)
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
      nodeid: NODE_ID,
      master_nodeid: NODE_ID
    })
    for (const text of session.unacked.values()) {
      if (!state.sendText(connection, text)) break
    }
    state.deliver(session, "signalwire.authorization.state", { authorization_state: authorizationBlob() })
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

  return { onConnect, changeContexts }
}
