/**
 * The two servers of the benchmarks: the embedded sandbox (journal off) and the blaster, a bare
 * RELAY endpoint that answers connect and ping, answers every `calling.dial` at once, offers N
 * inbound calls (`bench.calls`), pushes N call events as fast as the socket takes them
 * (`bench.events`), and on `bench.silence` stops answering anything. `server.ts` runs one in a child
 * process (what `npm run bench` measures against); the smoke test runs them in its own process.
 */
import { Effect, Exit, Scope } from "effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { WebSocketServer } from "ws"

/** A listening server: its `ws://127.0.0.1:<port>` URL, and how to stop it. */
export interface RunningServer {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** The embedded sandbox with its journal off, in a Scope of its own. */
export const startSandbox = async (): Promise<RunningServer> => {
  const scope = Effect.runSync(Scope.make())
  const sandbox = await Effect.runPromise(Scope.extend(RelaySandbox.make({ journalCapacity: 0 }), scope))
  return { url: sandbox.url, stop: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

export const startBlaster = (): Promise<RunningServer> => {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false })
  server.on("connection", (socket) => {
    let silent = false
    let eventCounter = 0
    const event = (eventType: string, params: Record<string, unknown>) =>
      `{"jsonrpc":"2.0","id":"e${++eventCounter}","method":"signalwire.event","params":{"event_type":"${eventType}","params":${
        JSON.stringify(params)
      }}}`
    const pump = (frames: (index: number) => string, count: number) => {
      let sent = 0
      const batch = () => {
        const end = Math.min(count, sent + 2_000)
        for (; sent < end; sent++) socket.send(frames(sent))
        if (sent < count) setImmediate(batch)
      }
      batch()
    }
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { id?: string; method?: string; params?: Record<string, number> }
      if (frame.method === undefined || silent) return
      const reply = (result: unknown) => socket.send(JSON.stringify({ jsonrpc: "2.0", id: frame.id, result }))
      switch (frame.method) {
        case "signalwire.connect":
          return reply({ protocol: "bench_protocol", identity: "bench" })
        case "signalwire.ping":
          return reply({})
        case "bench.calls": {
          reply({ code: "200" })
          return pump(
            (i) =>
              event("calling.call.receive", {
                call_id: `call-${i}`,
                node_id: "node-1",
                context: "bench",
                call_state: "created",
                direction: "inbound",
                device: { type: "phone", params: { from_number: "+15550000001", to_number: "+15550000002" } }
              }),
            frame.params?.count ?? 0
          )
        }
        case "bench.events": {
          reply({ code: "200" })
          const calls = frame.params?.calls ?? 1
          return pump(
            (i) => event("calling.call.play", { call_id: `call-${i % calls}`, node_id: "node-1", control_id: "c", state: "playing" }),
            frame.params?.count ?? 0
          )
        }
        case "calling.dial": {
          // Every dial answers at once: the bench holds thousands of live calls without a far end.
          reply({ code: "200", message: "Dialing" })
          const tag = String((frame.params as unknown as { tag: string }).tag)
          const callId = `dial-${tag}`
          socket.send(event("calling.call.state", { call_id: callId, node_id: "node-1", tag, call_state: "answered", direction: "outbound" }))
          return socket.send(
            event("calling.call.dial", { tag, node_id: "node-1", dial_state: "answered", call: { call_id: callId, node_id: "node-1", tag, dial_winner: true } })
          )
        }
        case "bench.silence":
          silent = true
          return reply({ code: "200" })
        default:
          return reply({ code: "200" })
      }
    })
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.once("listening", () => {
      const address = server.address()
      if (typeof address !== "object" || address === null) return reject(new Error("the blaster has no port"))
      resolve({
        url: `ws://127.0.0.1:${address.port}`,
        stop: () =>
          new Promise((done) => {
            for (const client of server.clients) client.terminate()
            server.close(() => done())
          })
      })
    })
  })
}

