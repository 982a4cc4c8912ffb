/**
 * The standalone sandbox as users start it (`npm run sandbox`, journal on), in a child process on
 * a free port, and its HTTP admin API (inbound calls and far-end hang-ups) driven from this process.
 */
import { spawn } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")

export interface Standalone {
  /** `ws://127.0.0.1:<port>` */
  readonly url: string
  /** `127.0.0.1:<port>` */
  readonly host: string
  readonly pid: number
  readonly stop: () => Promise<void>
}

/** `npm run sandbox -- --port 0` (the same command line, without npm in between); resolves once it listens. */
export const startStandalone = (): Promise<Standalone> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(root, "packages/sandbox/bin/sandbox.ts"), "--port", "0"],
      { stdio: ["ignore", "pipe", "inherit"], cwd: root }
    )
    const lines = readline.createInterface({ input: child.stdout })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`standalone sandbox exited with ${code}`)))
    lines.on("line", (line) => {
      const match = /^RELAY sandbox listening on (ws:\/\/(\S+))$/.exec(line)
      if (match === null) return
      resolve({
        url: match[1]!,
        host: match[2]!,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit")
            if (child.exitCode !== null) return done()
            child.once("exit", () => done())
            child.kill("SIGTERM")
          })
      })
    })
  })

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`)
}

/** The admin API of a standalone sandbox. */
export const admin = (host: string) => ({
  /** Offers an inbound call with the given id on the bench's context. */
  offer: (callId: string, context: string) =>
    post(`http://${host}/_sandbox/calls`, { from: "+15550000001", to: "+15550000002", context, callId }),
  /** The far end hangs up. */
  hangup: (callId: string) => post(`http://${host}/_sandbox/calls/${encodeURIComponent(callId)}/hangup`, {})
})
