/**
 * A RELAY client written from the RELAY protocol notes (`@signalwire-effect/relay` PROTOCOL.md) with nothing but `ws` and JSON: it shares no code
 * with our client, so the sandbox is tested against the document, not against ourselves.
 */
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { WebSocket } from "ws"

// Frames from the server are whatever JSON it sent; a frame that is not JSON is kept as `{ malformed }`.
export type Json = { readonly [key: string]: any }

export interface RawClient {
  readonly send: (frame: Json) => Effect.Effect<void>
  readonly sendText: (text: string) => Effect.Effect<void>
  /** Sends a request with a fresh id and waits for its reply. */
  readonly request: (method: string, params?: Json) => Effect.Effect<Json>
  /** Takes the first received frame (now or later) that matches; others stay for other takers. */
  readonly nextMatching: (predicate: (frame: Json) => boolean) => Effect.Effect<Json>
  readonly closed: Effect.Effect<{ readonly code: number; readonly reason: string }>
  readonly socket: WebSocket
}

interface Waiter {
  readonly predicate: (frame: Json) => boolean
  readonly deferred: Deferred.Deferred<Json>
}

let counter = 0

export class Refused extends Data.TaggedError("Refused")<{ readonly status: number | undefined }> {}

const parse = (text: string): Json => {
  try {
    return JSON.parse(text)
  } catch {
    return { malformed: text }
  }
}

export const open = (url: string) =>
  Effect.acquireRelease(
    Effect.gen(function*() {
      const closed = yield* Deferred.make<{ readonly code: number; readonly reason: string }>()
      const socket = new WebSocket(url)
      const buffer: Array<Json> = []
      const waiters: Array<Waiter> = []
      socket.on("message", (data) => {
        const frame = parse(String(data))
        const i = waiters.findIndex((w) => w.predicate(frame))
        if (i === -1) buffer.push(frame)
        else Deferred.unsafeDone(waiters.splice(i, 1)[0]!.deferred, Effect.succeed(frame))
      })
      socket.on("close", (code, reason) => Deferred.unsafeDone(closed, Effect.succeed({ code, reason: String(reason) })))
      socket.on("error", () => {})
      const nextMatching = (predicate: (frame: Json) => boolean): Effect.Effect<Json> =>
        Effect.suspend(() => {
          const i = buffer.findIndex(predicate)
          if (i >= 0) return Effect.succeed(buffer.splice(i, 1)[0]!)
          return Effect.flatMap(Deferred.make<Json>(), (deferred) => {
            const waiter = { predicate, deferred }
            waiters.push(waiter)
            return Deferred.await(deferred).pipe(
              Effect.onInterrupt(() => Effect.sync(() => waiters.splice(waiters.indexOf(waiter), 1)))
            )
          })
        })
      yield* Effect.async<void, Refused>((resume) => {
        socket.once("open", () => resume(Effect.void))
        socket.once("unexpected-response", (_, response) => resume(Effect.fail(new Refused({ status: response.statusCode }))))
      })
      const client: RawClient = {
        socket,
        send: (frame) => Effect.sync(() => socket.send(JSON.stringify(frame))),
        sendText: (text) => Effect.sync(() => socket.send(text)),
        nextMatching,
        request: (method, params = {}) =>
          Effect.suspend(() => {
            const id = `raw-${++counter}`
            socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }))
            return nextMatching((f) => f.id === id && ("result" in f || "error" in f))
          }),
        closed: Deferred.await(closed)
      }
      return client
    }),
    (client) => Effect.sync(() => client.socket.terminate())
  )

export const connectParams = (authentication: Json, extra: Json = {}) => ({
  version: { major: 2, minor: 0, revision: 0 },
  agent: "raw-client/1.0",
  event_acks: true,
  authentication,
  ...extra
})

export const sandboxCredentials = { project: "sandbox-project", token: "sandbox-token" }

/** An event the raw client received: the frame's id, the event type and the inner params. */
export interface RawEvent {
  readonly id: string
  readonly type: string
  readonly params: Json
}

/** The next event (of a type, or any), ACKed first as §4.1 requires. */
export const nextEvent = (client: RawClient, type?: string): Effect.Effect<RawEvent> =>
  Effect.gen(function*() {
    const frame = yield* client.nextMatching((f) =>
      f.method === "signalwire.event" && (type === undefined || f.params?.event_type === type)
    )
    yield* client.send({ jsonrpc: "2.0", id: frame.id, result: {} })
    return { id: frame.id, type: frame.params.event_type, params: frame.params.params }
  })

/** A raw client with an authenticated session (its authorization.state event ACKed). */
export const session = (sandbox: { readonly url: string }, contexts: ReadonlyArray<string> = ["office"]) =>
  Effect.gen(function*() {
    const client = yield* open(sandbox.url)
    const reply = yield* client.request("signalwire.connect", connectParams(sandboxCredentials, { contexts }))
    yield* nextEvent(client, "signalwire.authorization.state")
    return { client, protocol: reply.result.protocol as string }
  })
