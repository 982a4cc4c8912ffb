/**
 * The baseline: a minimal hand-written RELAY client with no Effect — one `ws` socket, JSON-RPC
 * frames built by hand, replies correlated in a plain Map. It does the least work a correct
 * client must do (authenticate, correlate, ACK events), so it marks the socket's own limit.
 */
import WebSocket from "ws"

export interface Baseline {
  readonly request: (method: string, params?: Record<string, unknown>) => Promise<unknown>
  readonly close: () => Promise<void>
}

/** An event the baseline received (after ACKing it): its `params` as sent. */
export type BaselineEventHandler = (params: { readonly event_type?: string; readonly params?: Record<string, unknown> }) => void

export const connectBaseline = (
  url: string,
  project: string,
  token: string,
  onEvent?: BaselineEventHandler
): Promise<Baseline> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
    let counter = 0
    const request = (method: string, params: Record<string, unknown> = {}) =>
      new Promise<unknown>((resolveRequest, rejectRequest) => {
        const id = `b${++counter}`
        pending.set(id, { resolve: resolveRequest, reject: rejectRequest })
        socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }))
      })
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as {
        id?: string
        method?: string
        params?: Parameters<BaselineEventHandler>[0]
        result?: unknown
        error?: { message: string }
      }
      if (frame.method !== undefined) {
        if (frame.id !== undefined) socket.send(JSON.stringify({ jsonrpc: "2.0", id: frame.id, result: {} }))
        if (onEvent !== undefined && frame.method === "signalwire.event" && frame.params !== undefined) onEvent(frame.params)
        return
      }
      const entry = frame.id === undefined ? undefined : pending.get(frame.id)
      if (entry === undefined) return
      pending.delete(frame.id!)
      if (frame.error !== undefined) entry.reject(new Error(frame.error.message))
      else entry.resolve(frame.result)
    })
    socket.once("error", reject)
    socket.once("open", () => {
      request("signalwire.connect", {
        version: { major: 2, minor: 0, revision: 0 },
        agent: "bench-baseline",
        event_acks: true,
        authentication: { project, token }
      }).then(
        () =>
          resolve({
            request,
            close: () =>
              new Promise((done) => {
                socket.once("close", () => done())
                socket.close(1000)
              })
          }),
        reject
      )
    })
  })
