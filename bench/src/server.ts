/**
 * The server side of the benchmarks, run as a child process so that it never shares a core's
 * event loop with the client being measured:
 *   `server.ts sandbox`: the embedded sandbox (journal off);
 *   `server.ts blaster`: a bare RELAY endpoint that answers connect and ping, answers every
 *     `calling.dial` at once, offers N inbound calls (`bench.calls`), pushes N call events as fast
 *     as the socket takes them (`bench.events`), and on `bench.silence` stops answering anything.
 * Prints `READY <url>` once listening.
 */
import { Effect } from "effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { WebSocketServer } from "ws"

const mode = process.argv[2] ?? "sandbox"

const blaster = () => {
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
  server.on("listening", () => {
    const address = server.address()
    if (typeof address === "object" && address !== null) console.log(`READY ws://127.0.0.1:${address.port}`)
  })
}

if (mode === "blaster") blaster()
else {
  Effect.runFork(
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ journalCapacity: 0 })
      console.log(`READY ${sandbox.url}`)
      return yield* Effect.never
    }).pipe(Effect.scoped)
  )
}
