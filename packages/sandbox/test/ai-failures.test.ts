import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { support } from "./fixtures/agents.js"
import { type Answer, stub } from "./fixtures/stub.js"

/** A SWML document whose one tool `lookup` is answered at `webhook`. */
const docWith = (webhook: string) => ({
  version: "1.0.0",
  sections: {
    main: [{ answer: {} }, {
      ai: {
        prompt: { text: "You look things up." },
        SWAIG: {
          defaults: { web_hook_url: webhook },
          functions: [{ function: "lookup", description: "Look up", parameters: { type: "object", properties: { id: { type: "string" } } } }]
        }
      }
    }, { play: { url: "say:never reached" } }]
  }
})

const script = AiScript.make([AiScript.says("Look up 7"), AiScript.callsTool("lookup", { id: "7" }), AiScript.says("Thanks")])

const failureOf = (result: AgentTest.Result) => {
  const failure = result.entries.find((e) => e._tag === "AiFailure")
  return failure?._tag === "AiFailure" ? failure : undefined
}

describe("failures of a scripted call end it as the platform would", () => {
  it.scoped("agent unreachable, 401, malformed replies, an undeclared tool", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([support])
      const wrongPassword = served.url("/support").replace("s3cret-pw", "wrong") + "/swaig"
      const closed = yield* Effect.scoped(Effect.map(stub(() => ({})), (s) => s.origin))
      const self = { origin: "" }
      const origin = () => self.origin
      const docs = yield* stub((request): Answer => {
        switch (request.url) {
          case "/unreachable":
            return { json: docWith(`${closed}/swaig`) }
          case "/unauthorized":
            return { json: docWith(wrongPassword) }
          case "/not-json":
            return { json: docWith(`${origin()}/swaig-not-json`) }
          case "/bad-action":
            return { json: docWith(`${origin()}/swaig-bad-action`) }
          case "/swaig-not-json":
            return { text: "<html>oops</html>" }
          case "/swaig-bad-action":
            return { json: { response: "ok", action: [{ hangup: true, say: "two keys" }] } }
          case "/swaig-empty":
            return { json: {} }
          default:
            return { json: docWith(`${origin()}/swaig-empty`) }
        }
      })
      self.origin = docs.origin
      const run = (path: string, s = script) => AgentTest.runCall({ swmlUrl: `${docs.origin}${path}`, script: s })

      for (const [path, reason] of [
        ["/unreachable", "unreachable"],
        ["/unauthorized", "unauthorized"],
        ["/not-json", "malformed_reply"],
        ["/bad-action", "malformed_reply"]
      ] as const) {
        const result = yield* run(path)
        expect(failureOf(result)?.reason, path).toBe(reason)
        expect(failureOf(result)?.function).toBe("lookup")
        expect(result.ended).toBe("error")
        expect(result.passed).toBe(false)
        // The AI ended with the error, the call hung up: the verb after `ai` never ran, the caller's last turn was left.
        const tags = result.entries.map((e) => e._tag)
        expect(tags.at(-1)).toBe("CallEnded")
        expect(result.entries.find((e) => e._tag === "AiEnded")).toMatchObject({ _tag: "AiEnded", reason: "error", next: "hangup" })
        expect(result.entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "error", by: "ai" })
        expect(result.entries.some((e) => e._tag === "Verb" && e.verb === "play")).toBe(false)
        expect(result.entries.some((e) => e._tag === "AiFailure" && e.reason === "script_unfinished")).toBe(true)
      }
      const unauthorized = failureOf(yield* run("/unauthorized"))
      expect(unauthorized?.status).toBe(401)
      // The sandbox's own record of the exchange: the SWAIG POST (unsigned, as the platform sends it), refused.
      const refused = (yield* run("/unauthorized")).entries.find((e) => e._tag === "HttpFailed")
      expect(refused).toMatchObject({ purpose: "swaig", method: "POST", signed: false, reason: "unauthorized", status: 401 })

      // `{}` is a valid reply; then a tool the AI does not have.
      const empty = yield* run("/empty", AiScript.make([AiScript.callsTool("lookup", { id: "1" }), AiScript.callsTool("delete_everything")]))
      expect(empty.entries.some((e) => e._tag === "SwaigReply" && Object.keys(e.reply).length === 0)).toBe(true)
      expect(failureOf(empty)?.reason).toBe("undeclared_function")
      expect(failureOf(empty)?.function).toBe("delete_everything")
      expect(empty.ended).toBe("error")
    }))

  it.scoped("an agent's SWML that cannot be fetched (wrong credentials) ends the call", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([support])
      const result = yield* AgentTest.runCall({ swmlUrl: served.url("/support").replace("s3cret-pw", "nope"), script })
      expect(result.entries.find((e) => e._tag === "HttpFailed")).toMatchObject({ purpose: "swml", reason: "unauthorized", status: 401 })
      expect(result.entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "error" })
      expect(result.entries.some((e) => e._tag === "AiStarted")).toBe(false)
      expect(result.passed).toBe(false)
    }))
})
