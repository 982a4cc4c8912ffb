import { describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import * as path from "node:path"
import * as Effect from "effect/Effect"

describe("npm run demo", () => {
  it.live("runs every step against the embedded sandbox and exits 0", () =>
    Effect.gen(function*() {
      const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(__dirname, "..", "bin", "demo.ts")], {
        cwd: path.join(__dirname, ".."),
        stdio: ["ignore", "pipe", "pipe"]
      })
      let output = ""
      child.stdout.on("data", (chunk) => void (output += String(chunk)))
      child.stderr.on("data", (chunk) => void (output += String(chunk)))
      const code = yield* Effect.promise(() => new Promise<number | null>((resolve) => child.once("exit", resolve))).pipe(
        Effect.timeout("60 seconds")
      )
      expect(output).not.toContain("The demo failed")
      expect(code).toBe(0)
      expect(output).toMatch(/connected: session #1, protocol signalwire_\w+ \(new\)/)
      expect(output).toMatch(/connected: session #2, protocol signalwire_\w+ \(resumed\)/)
      expect(output).toContain("the sandbox received the ACK for event")
      expect(output.match(/→ ClientClosed/g)).toHaveLength(3)
      expect(output).toContain('collected digits "1"')
      expect(output).toMatch(/connected to peer call \w+/)
      expect(output).toContain('collected digits "2"')
      expect(output).toMatch(/message saved: https:\/\/\S+/)
      expect(output).toContain("detection result: HUMAN")
      expect(output).toContain("detection result: MACHINE")
      expect(output).toContain("voicemail left")
      expect(output).toMatch(/message \w+ → delivered/)
      expect(output).toContain('inbound from +15559876543: "Can I bring a friend?"')
      expect(output).toMatch(/replied to \+15559876543: .* → delivered/)
      expect(output).toMatch(/bought \+1555\d{7}/)
      expect(output).toContain('calls to it now go to relay_context "office"')
      expect(output).toMatch(/message \w+ → delivered\n/)
      expect(output).toMatch(/the message log \(followed page by page\): \d+ messages/)
      expect(output).toContain("delivered (outbound-api)")
      expect(output).toContain("ok turn 5: said ~ /shipped/")
      expect(output).toContain(`(the agent's onSummary received {"topic":"order","outcome":"answered"})`)
      expect(output).toContain("PASSED (call ended: caller)")
      expect(output).toContain("Done:")
    }), 90_000)
})
