/**
 * The WebSocket constructor for Node, backed by `ws`, with the inbound frame cap of the reference
 * SDK (10 MiB, `@signalwire-effect/relay` PROTOCOL.md §1). A frame above the cap ends the session (the client then
 * reconnects and resumes); it never reaches the decoder.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Layer from "effect/Layer"
import { WebSocket } from "ws"

/**
 * The largest inbound frame accepted by default: 10 MiB.
 *
 * @example
 * ```ts
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 *
 * NodeWebSocket.layerWith({ maxPayload: 2 * NodeWebSocket.DEFAULT_MAX_PAYLOAD })
 * ```
 * @since 0.1.0
 */
export const DEFAULT_MAX_PAYLOAD = 10 * 1024 * 1024

/**
 * A `Socket.WebSocketConstructor` over `ws` with the given inbound cap.
 *
 * @example
 * ```ts
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 *
 * const small = NodeWebSocket.layerWith({ maxPayload: 64 * 1024 })
 * ```
 * @since 0.1.0
 */
export const layerWith = (options: { readonly maxPayload?: number | undefined } = {}): Layer.Layer<Socket.WebSocketConstructor> =>
  Layer.succeed(
    Socket.WebSocketConstructor,
    (url, protocols) => {
      const socket = new WebSocket(url, protocols, {
        maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
        perMessageDeflate: false
      })
      corkWrites(socket)
      // `ws` implements the DOM WebSocket interface the platform expects (events, readyState, send,
      // close); its Node-only extras (terminate, ping) are reached structurally by the transport.
      return socket as unknown as globalThis.WebSocket
    }
  )

/**
 * Frames sent in one turn of the event loop (a burst of replies resuming many requests, a burst
 * of ACKs) leave in one `writev` instead of one system call each: the TCP socket under `ws` is
 * corked at the first send and uncorked on the next tick.
 */
const corkWrites = (socket: WebSocket) => {
  const send = socket.send.bind(socket)
  let corked = false
  socket.send = ((...args: Parameters<WebSocket["send"]>) => {
    const tcp = (socket as unknown as { readonly _socket?: { cork(): void; uncork(): void } | null })._socket
    if (!corked && tcp != null) {
      corked = true
      tcp.cork()
      process.nextTick(() => {
        corked = false
        tcp.uncork()
      })
    }
    return send(...args)
  }) as WebSocket["send"]
}

/**
 * A `Socket.WebSocketConstructor` over `ws` with the 10 MiB inbound cap.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 * import * as Layer from "effect/Layer"
 *
 * const live = RelayClient.layer({ project: "p", token: "t" }).pipe(Layer.provide(NodeWebSocket.layer))
 * ```
 * @since 0.1.0
 */
export const layer: Layer.Layer<Socket.WebSocketConstructor> = layerWith()
