/**
 * Listening: one HTTP server on the sandbox's port serves the admin API and the REST API, and
 * upgrades the root path to WebSocket; each socket's callbacks only put frames in the inbox. `stop` closes the
 * listener and every connection (1012) within real-time bounds, keeping the sessions.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import type * as Mailbox from "effect/Mailbox"
import { type WebSocket, WebSocketServer } from "ws"
import { SandboxError } from "../errors.js"
import type { Inbound } from "./dispatch.js"
import type { Connection, State } from "./state.js"

const CLOSE_GRACE = Duration.seconds(1)

export const make = (state: State, options: {
  readonly hostname: string
  readonly port: number
  readonly maxPayload: number
  readonly inbox: Mailbox.Mailbox<Inbound>
  readonly onClosed: (connection: Connection) => void
  /** The admin API: true when it took the request. */
  readonly admin: (request: http.IncomingMessage, response: http.ServerResponse) => boolean
  /** The REST API: every other plain HTTP request. */
  readonly rest: (request: http.IncomingMessage, response: http.ServerResponse) => void
  readonly withinLive: <A>(effect: Effect.Effect<A>, duration: Duration.Duration) => Effect.Effect<unknown>
}) => {
  const { connections, journal } = state
  const { inbox, withinLive } = options
  let connectionCounter = 0
  let port = options.port
  let listener: { readonly server: http.Server; readonly wss: WebSocketServer } | undefined

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
      if (!inbox.unsafeOffer({ _tag: "Closed", connection })) options.onClosed(connection)
    })
  }

  const listen = Effect.async<void, SandboxError>((resume) => {
    const server = http.createServer((request, response) => {
      if (options.admin(request, response)) return
      if (request.url === "/" || request.url === "") {
        response.writeHead(426, { "content-type": "text/plain" })
        response.end("RELAY sandbox: connect with a WebSocket at the root path\n")
        return
      }
      options.rest(request, response)
    })
    const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false })
    server.on("upgrade", (request, socket, head) => {
      if (request.url !== "/" && request.url !== "") {
        socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n")
        return
      }
      wss.handleUpgrade(request, socket, head, accept)
    })
    server.once("error", (error) => resume(Effect.fail(new SandboxError({ reason: error.message }))))
    server.listen(port, options.hostname, () => {
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

  return {
    listen,
    stop,
    start: Effect.suspend(() => (listener === undefined ? listen : Effect.void)),
    port: () => port
  }
}
