/**
 * The inbound path. Socket callbacks only hand frames to one bounded inbox; a single consumer
 * fiber applies them in arrival order, so per-connection order is the wire order. A request goes
 * through the fault rules, then to a scripted handler, the session methods, or the simulation
 * engines; a reply settles what the sandbox was waiting for (an event ACK, a ping, a disconnect).
 */
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import type * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import { RelayFrame } from "@signalwire-effect/relay"
import type { MethodHandler } from "../../SandboxServer.js"
import { MethodError } from "../errors.js"
import type { RequestHandler } from "../sim.js"
import { errors } from "./connect.js"
import type * as Connect from "./connect.js"
import type * as Faults from "./faults.js"
import { type Connection, type Session, sessionInfo, type State } from "./state.js"

type Request = RelayFrame.Request

export type Inbound =
  | { readonly _tag: "Frame"; readonly connection: Connection; readonly text: string }
  | { readonly _tag: "Closed"; readonly connection: Connection }

export const make = (state: State, options: {
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
  readonly connect: ReturnType<typeof Connect.make>
  readonly faults: ReturnType<typeof Faults.make>
  /** The simulation engines, asked in turn. */
  readonly engines: ReadonlyArray<RequestHandler<Session>>
}) => {
  const { journal, replyError, replyResult } = state
  const { connect, runFork } = options

  const runHandler = (connection: Connection, session: Session, frame: Request, handler: MethodHandler) =>
    runFork(
      handler({
        connection: connection.id,
        session: sessionInfo(session),
        id: frame.id,
        method: frame.method,
        params: frame.params,
        sendEvent: (eventType, params) => Effect.sync(() => state.deliver(session, eventType, params))
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
    if (state.flags.silent) return
    if (frame.method === "signalwire.connect") return connect.onConnect(connection, frame)
    if (frame.method === "signalwire.ping" && !state.handlers.has("signalwire.ping")) {
      return replyResult(connection, frame.id, {})
    }
    const session = connection.session
    if (session === undefined) return replyError(connection, frame.id, errors.authRequired)
    const handler = state.handlers.get(frame.method)
    if (handler !== undefined) return void runHandler(connection, session, frame, handler)
    switch (frame.method) {
      case "signalwire.receive":
        return connect.changeContexts(connection, session, frame, true)
      case "signalwire.unreceive":
        return connect.changeContexts(connection, session, frame, false)
      default: {
        const simulated = options.engines.some((engine) =>
          engine(session, frame.method, frame.params, (response) =>
            response._tag === "Result"
              ? replyResult(connection, frame.id, response.result)
              : replyError(connection, frame.id, response.error))
        )
        if (!simulated) replyError(connection, frame.id, errors.methodNotFound(frame.method))
      }
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
      if (!state.flags.silent) {
        const error = decoded.left.reason === "NotJson" ? errors.parse : errors.invalidRequest(decoded.left.detail)
        state.sendText(connection, JSON.stringify({ jsonrpc: "2.0", id: null, error }))
      }
      return
    }
    const frame = decoded.right
    journal.append(connection.id, "in", text, frame)
    if (frame._tag === "Request") options.faults.onRequest(connection, frame, () => answer(connection, frame))
    else onReply(connection, frame)
  }

  const onClosed = (connection: Connection) => {
    state.detach(connection)
    state.connections.delete(connection.id)
    for (const awaited of connection.awaiting.values()) Deferred.unsafeDone(awaited, Exit.void)
    connection.awaiting.clear()
    Deferred.unsafeDone(connection.closed, Exit.void)
  }

  /** The single consumer of the inbox; ends when the inbox is shut down. */
  const consume = (inbox: Mailbox.ReadonlyMailbox<Inbound>) =>
    Effect.gen(function*() {
      while (true) {
        const [batch, done] = yield* inbox.takeAll
        for (const item of batch) {
          if (item._tag === "Frame") onFrame(item.connection, item.text)
          else onClosed(item.connection)
        }
        if (done) return
      }
    })

  return { consume, onClosed }
}
