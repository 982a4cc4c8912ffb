/**
 * A guard on the private parts of `ws` that NodeWebSocket's corked writes rely on
 * (src/NodeWebSocket.ts, `corkWrites`): `WebSocket#_socket` is the `net.Socket` (null until the
 * connection opens), `ws`'s Sender writes through that same socket, and so corking it makes the
 * frames sent in one turn of the event loop leave in one `writev`. If a `ws` upgrade changes any of
 * this, the writes would silently stop being batched: this test fails instead, saying what changed.
 */
import * as Socket from "@effect/platform/Socket"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import * as Effect from "effect/Effect"
import { once } from "node:events"
import type { AddressInfo } from "node:net"
import * as net from "node:net"
import { describe, expect, it } from "vitest"
import { type WebSocket, WebSocketServer } from "ws"

const hint = "NodeWebSocket's corked writes (packages/relay-node/src/NodeWebSocket.ts, corkWrites) " +
  "reach into this private part of `ws`; a `ws` upgrade changed it: adapt corkWrites to the new internals " +
  "(or drop it) before taking the upgrade, or every frame costs its own system call again"

interface WsInternals {
  readonly _socket?: unknown
  readonly _sender?: { readonly _socket?: unknown } | null
}

type Writes = net.Socket & {
  _write: (chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void) => void
  _writev?: (chunks: ReadonlyArray<{ chunk: unknown }>, callback: (error?: Error | null) => void) => void
}

describe("the ws internals behind the corked writes", () => {
  it("_socket is the net.Socket the Sender writes to, and frames sent in one turn leave in one writev", async () => {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 })
    await once(server, "listening")
    const received: Array<string> = []
    const allReceived = new Promise<void>((resolve) => {
      server.on("connection", (peer) => {
        peer.on("message", (data) => {
          received.push(String(data))
          if (received.length === 3) resolve()
        })
      })
    })
    const make = Effect.runSync(Effect.provide(Socket.WebSocketConstructor, NodeWebSocket.layer))
    const client = make(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`) as unknown as WebSocket
    try {
      const internals = client as unknown as WsInternals
      expect("_socket" in client, `WebSocket#_socket no longer exists. ${hint}`).toBe(true)
      expect(internals._socket, `WebSocket#_socket is no longer null before the connection opens. ${hint}`).toBeNull()
      await once(client, "open")
      const tcp = internals._socket
      expect(tcp instanceof net.Socket, `WebSocket#_socket is no longer the net.Socket once open. ${hint}`).toBe(true)
      expect(internals._sender?._socket, `ws's Sender (WebSocket#_sender._socket) no longer writes to WebSocket#_socket. ${hint}`)
        .toBe(tcp)

      const socket = tcp as Writes
      expect(typeof socket._writev, `net.Socket has no _writev: corked writes cannot be gathered. ${hint}`).toBe("function")
      const writes: Array<string> = []
      const write = socket._write.bind(socket)
      const writev = socket._writev!.bind(socket)
      socket._write = (chunk, encoding, callback) => {
        writes.push("write")
        write(chunk, encoding, callback)
      }
      socket._writev = (chunks, callback) => {
        writes.push("writev")
        writev(chunks, callback)
      }
      client.send("one")
      client.send("two")
      client.send("three")
      expect(socket.writableCorked, `sending did not cork WebSocket#_socket. ${hint}`).toBe(1)
      await allReceived
      expect(received).toEqual(["one", "two", "three"])
      expect(writes, `three frames sent in one turn did not leave in one writev. ${hint}`).toEqual(["writev"])
    } finally {
      client.terminate()
      server.close()
    }
  })
})
