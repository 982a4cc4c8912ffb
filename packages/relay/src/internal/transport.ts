/**
 * One WebSocket, opened on the platform's `WebSocketConstructor` (the only import of
 * `@effect/platform/Socket` in the client).
 *
 * The platform `Socket.writer` waits on a latch that closes when the socket ends, so a write
 * racing a session end can suspend forever; the client also needs "is this session live" and
 * "send" to happen in one synchronous step so that the request table and the wire agree. Hence
 * this small adapter: `send` is synchronous and reports whether the frame was handed to an open
 * socket.
 */
import * as Socket from "@effect/platform/Socket"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

export class TransportOpenError extends Data.TaggedError("TransportOpenError")<{
  readonly reason: string
}> {}

/** How the socket ended: a close frame (or the library's synthetic 1006), or an error. */
export interface TransportEnd {
  readonly code: number
  readonly reason: string
}

export interface Transport {
  /** Hands the text to the socket; false when the socket is not open (nothing was sent). */
  readonly send: (text: string) => boolean
  /** Starts a close handshake with our own code; `ended` resolves when the socket is gone. */
  readonly close: (code: number, reason: string) => void
  readonly ended: Effect.Effect<TransportEnd>
}

const OPEN = 1
const decoder = new TextDecoder()

const textOf = (data: unknown): string | undefined => {
  if (typeof data === "string") return data
  if (data instanceof ArrayBuffer) return decoder.decode(new Uint8Array(data))
  if (ArrayBuffer.isView(data)) return decoder.decode(data)
  return undefined
}

/** Destroys the socket at once where the implementation can (Node's `ws`); else leaves it closing. */
const terminate = (ws: globalThis.WebSocket) => {
  const destroy = (ws as unknown as { readonly terminate?: unknown }).terminate
  if (typeof destroy === "function") destroy.call(ws)
}

/**
 * Opens a socket and waits for `open`. Every message is handed synchronously, in order, to
 * `onMessage` (text frames as text; a frame that is not text is handed as `undefined`). The
 * socket is closed with 1000 when the scope closes, and destroyed if the peer has not finished
 * the close handshake within `closeTimeout`.
 */
export const open = (
  url: string,
  options: {
    readonly openTimeout: Duration.Duration
    readonly closeTimeout: Duration.Duration
    readonly onMessage: (text: string | undefined) => void
  }
): Effect.Effect<Transport, TransportOpenError, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const construct = yield* Socket.WebSocketConstructor
    const opened = yield* Deferred.make<void, TransportOpenError>()
    const ended = yield* Deferred.make<TransportEnd>()
    let lastError = ""

    const ws = yield* Effect.acquireRelease(
      Effect.try({
        try: () => construct(url),
        catch: (cause) => new TransportOpenError({ reason: `cannot create a WebSocket for ${url}: ${String(cause)}` })
      }),
      (ws) =>
        Effect.gen(function*() {
          ws.removeEventListener("message", onMessage)
          if (ws.readyState <= OPEN) ws.close(1000, "client closed")
          // A peer that never answers our close frame would keep the socket (and a Node process)
          // alive for the library's own close timeout; after ours, the socket is destroyed.
          const closed = yield* Effect.interruptible(Deferred.await(ended)).pipe(
            Effect.timeout(options.closeTimeout),
            Effect.option
          )
          if (closed._tag === "None") terminate(ws)
          Deferred.unsafeDone(ended, Effect.succeed({ code: 1006, reason: "closed by the client" }))
        })
    )

    function onMessage(event: MessageEvent) {
      options.onMessage(textOf(event.data))
    }
    // An "error" listener stays attached for the socket's whole life: some implementations
    // (Node's `ws`) throw when an error is emitted with no listener.
    ws.addEventListener("error", (event) => {
      const message = (event as ErrorEvent).message
      lastError = typeof message === "string" && message.length > 0 ? message : "socket error"
      // TLS spoken to a plain-HTTP port: OpenSSL's words alone do not tell a person what to change.
      if (url.startsWith("wss:") && /wrong version number|WRONG_VERSION_NUMBER|packet length too long/i.test(lastError)) {
        lastError = `${lastError} (the server speaks plain ws? set scheme: "ws")`
      }
      Deferred.unsafeDone(opened, Effect.fail(new TransportOpenError({ reason: lastError })))
    })
    ws.addEventListener("open", () => Deferred.unsafeDone(opened, Effect.void), { once: true })
    ws.addEventListener("close", (event) => {
      ws.removeEventListener("message", onMessage)
      const reason = event.reason.length > 0 ? event.reason : lastError
      Deferred.unsafeDone(opened, Effect.fail(new TransportOpenError({ reason: `closed during open (${event.code}${reason ? ` ${reason}` : ""})` })))
      Deferred.unsafeDone(ended, Effect.succeed({ code: event.code, reason }))
    }, { once: true })
    ws.addEventListener("message", onMessage)

    yield* Deferred.await(opened).pipe(
      Effect.timeoutFail({
        duration: options.openTimeout,
        onTimeout: () => new TransportOpenError({ reason: `no open within ${Duration.format(options.openTimeout)}` })
      })
    )

    return {
      send: (text) => {
        if (ws.readyState !== OPEN) return false
        ws.send(text)
        return true
      },
      close: (code, reason) => {
        if (ws.readyState <= OPEN) ws.close(code, reason)
      },
      ended: Deferred.await(ended)
    } satisfies Transport
  })
