/**
 * The engines behind the knowledge skills, below the skill layer: the in-memory TF-IDF index of
 * native_vector_search, the SKILL.md reader of claude_skills, and the MCP gateway client against a
 * loopback fake gateway.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as path from "node:path"
import * as Claude from "../../src/internal/skills/claudeSkillFiles.js"
import * as Mcp from "../../src/internal/skills/mcpGatewayClient.js"
import * as Vector from "../../src/internal/skills/vectorIndex.js"
import { loopbackApi } from "../fixtures/loopbackApi.js"

const docs: ReadonlyArray<Vector.Document> = [
  { id: "returns.md", text: "Returns are accepted within 30 days with the receipt.", tags: ["policy"] },
  { id: "shipping.md", text: "Shipping takes 3 to 5 business days. Express shipping takes one day.", tags: ["logistics"] },
  { id: "hours.md", text: "The store opens at 9 and closes at 18 on weekdays.", metadata: { section: "Hours" } },
  { id: "blank.md", text: "   " }
]

describe("vector index", () => {
  const index = Vector.build(docs, ["acme"])

  it("tokenises without punctuation, short words or stop words", () => {
    expect(Vector.tokenize("The store's Express-shipping, in 3 days!")).toEqual(["store", "express", "shipping", "days"])
  })

  it("ranks by TF-IDF and keyword overlap, keeps count, drops blank documents", () => {
    expect(index.documents.map((d) => d.id)).toEqual(["returns.md", "shipping.md", "hours.md"])
    const hits = Vector.search(index, { query: "how long does express shipping take", count: 5, similarityThreshold: 0, tags: [] })
    expect(hits.map((h) => h.metadata["filename"])).toEqual(["shipping.md"])
    expect(hits[0]!.metadata["tags"]).toEqual(["logistics", "acme"])
    const two = Vector.search(index, { query: "returns days store", count: 2, similarityThreshold: 0, tags: [] })
    expect(two.map((h) => h.metadata["filename"])).toEqual(["returns.md", "hours.md"])
    expect(two[0]!.score).toBeGreaterThan(two[1]!.score)
  })

  it("applies the similarity threshold and the tag filter", () => {
    const all = Vector.search(index, { query: "days", count: 5, similarityThreshold: 0, tags: [] })
    expect(all.length).toBe(2)
    expect(Vector.search(index, { query: "days", count: 5, similarityThreshold: 0.99, tags: [] })).toEqual([])
    const tagged = Vector.search(index, { query: "days", count: 5, similarityThreshold: 0, tags: ["policy"] })
    expect(tagged.map((h) => h.metadata["filename"])).toEqual(["returns.md"])
    expect(Vector.search(index, { query: "the of and", count: 5, similarityThreshold: 0, tags: [] })).toEqual([])
  })

  it("formats results, the no-results message, prefix and postfix", () => {
    const hits = Vector.search(index, { query: "store opens", count: 1, similarityThreshold: 0, tags: [] })
    const text = Vector.format("store opens", hits, {
      noResultsMessage: "No information found for '{query}'",
      responsePrefix: "From the handbook:",
      responsePostfix: "Cite the file.",
      maxContentLength: 32768
    })
    expect(text).toMatch(
      /^From the handbook:\nFound 1 relevant results for 'store opens':\n\n\*\*Result 1\*\* \(from hours\.md, section: Hours, tags: acme, relevance: \d\.\d\d\)\nThe store opens at 9/
    )
    expect(text.endsWith("Cite the file.")).toBe(true)
    expect(
      Vector.format("zebra", [], { noResultsMessage: "Nothing on '{query}'.", responsePrefix: "", responsePostfix: "", maxContentLength: 1000 })
    ).toBe("Nothing on 'zebra'.")
  })
})

const skillsRoot = path.join(__dirname, "..", "fixtures", "claude-skills")

describe("SKILL.md reader", () => {
  it("splits front matter from a body that has its own --- rule", () => {
    const { body, frontMatter } = Claude.parseSkillMd("---\nname: x\ndescription: 'Y: z'\n---\nA\n\n---\n\nB\n")
    expect(frontMatter).toEqual({ name: "x", description: "Y: z" })
    expect(body).toBe("A\n\n---\n\nB")
    expect(Claude.parseSkillMd("just text\n").body).toBe("just text")
    expect(Claude.parseSkillMd("---\n: [unclosed\n---\nbody").frontMatter).toEqual({})
  })

  it("globs, tool names and argument substitution", () => {
    expect(Claude.selected("pdf-tools", ["pdf*"], [])).toBe(true)
    expect(Claude.selected("pdf-tools", ["*"], ["PDF-*"])).toBe(false)
    expect(Claude.selected("pdf.tools", ["pdf?tools"], [])).toBe(true)
    expect(Claude.selected("pdfxtools", ["pdf.tools"], [])).toBe(false)
    expect(Claude.sanitizeToolName("PDF Tools-2.0")).toBe("pdf_tools_20")
    expect(Claude.sanitizeToolName("3d")).toBe("_3d")
    expect(Claude.sanitizeToolName("!!!")).toBe("unnamed")
    expect(Claude.substituteArguments("Do $ARGUMENTS[1] to $0; all: $ARGUMENTS", "a.pdf merge")).toBe(
      "Do merge to a.pdf; all: a.pdf merge"
    )
    expect(Claude.substituteArguments("Plain", "x y")).toBe("Plain\n\nARGUMENTS: x y")
    expect(Claude.substituteArguments("Plain $2", "")).toBe("Plain ")
  })

  it.effect("discovers skill folders with sections, files and invocation control", () =>
    Effect.gen(function*() {
      const skills = yield* Claude.discover(skillsRoot, {
        include: ["*"],
        exclude: [],
        listFiles: true,
        ignoreInvocationControl: false
      })
      expect(skills.map((s) => [s.name, s.skipTool, s.skipPrompt])).toEqual([
        ["background-only", true, false],
        ["code-review", false, false],
        ["pdf-tools", false, false],
        ["secret-ops", true, true]
      ])
      const pdf = skills.find((s) => s.name === "pdf-tools")!
      expect([...pdf.sections.keys()]).toEqual(["forms", "reference/api"])
      expect(pdf.files).toEqual({ scripts: ["scripts/merge.sh"], assets: [], other: [] })
      expect(pdf.description).toBe("Fill and merge PDF forms")
      expect(pdf.argumentHint).toBe("the file name and the action")
      const only = yield* Claude.discover(skillsRoot, { include: ["*"], exclude: ["back*"], listFiles: false, ignoreInvocationControl: true })
      expect(only.map((s) => [s.name, s.skipTool])).toEqual([["code-review", false], ["pdf-tools", false], ["secret-ops", false]])
      expect(only[1]!.files.scripts).toEqual([])
      const options = { include: ["*"], exclude: [], listFiles: false, ignoreInvocationControl: false }
      const missing = yield* Effect.flip(Claude.discover(path.join(skillsRoot, "nope"), options))
      expect(missing).toMatch(/does not exist/)
      const notDir = yield* Effect.flip(Claude.discover(path.join(skillsRoot, "code-review", "SKILL.md"), options))
      expect(notDir).toMatch(/not a directory/)
    }).pipe(Effect.provide(NodeContext.layer)))
})

describe("MCP gateway client", () => {
  const gatewayOf = (origin: string, retryAttempts = 3, requestTimeout: Duration.DurationInput = "10 seconds"): Mcp.Gateway => ({
    url: origin,
    auth: { _tag: "Bearer", token: Redacted.make("gw-token") },
    requestTimeout,
    retryAttempts
  })

  it.scopedLive("discovers services and tools, calls with the session, closes the session", () =>
    Effect.gen(function*() {
      const api = yield* loopbackApi((r) => {
        if (r.path === "/health") return { json: { status: "ok" } }
        if (r.path === "/services") return { json: { todo: { description: "Todo" }, calc: {} } }
        if (r.path === "/services/todo/tools") {
          return { json: { tools: [{ name: "add_todo", description: "Add", inputSchema: { properties: { text: { type: "string" } }, required: ["text"] } }] } }
        }
        if (r.path === "/services/todo/call") return { json: { result: "Added" } }
        if (r.path === "/sessions/call-1") return { status: 404, json: { error: "gone" } }
        return { status: 404, json: { error: "no" } }
      })
      const gw = gatewayOf(api.origin)
      yield* Mcp.health(gw)
      expect(yield* Mcp.listServices(gw)).toEqual(["todo", "calc"])
      const tools = yield* Mcp.listTools(gw, "todo")
      expect(tools[0]!.name).toBe("add_todo")
      const result = yield* Mcp.callTool(gw, "todo", "add_todo", { text: "milk" }, {
        sessionId: "call-1",
        sessionTimeout: 300,
        metadata: { agent_id: "a" }
      })
      expect(result).toBe("Added")
      yield* Mcp.closeSession(gw, "call-1")
      const call = api.received.find((r) => r.path === "/services/todo/call")!
      expect(call.method).toBe("POST")
      expect(call.headers.authorization).toBe("Bearer gw-token")
      expect(call.json).toEqual({ tool: "add_todo", arguments: { text: "milk" }, session_id: "call-1", timeout: 300, metadata: { agent_id: "a" } })
      expect(api.received.at(-1)!.method).toBe("DELETE")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("retries 5xx up to retry_attempts, never 4xx; a hanging gateway times out", () =>
    Effect.gen(function*() {
      let calls = 0
      const api = yield* loopbackApi((r) => {
        if (r.path === "/services/flaky/call") return ++calls < 3 ? { status: 502, text: "bad gateway" } : { json: { result: { n: 1 } } }
        if (r.path === "/services/down/call") return { status: 500, json: { error: "down" } }
        if (r.path === "/services/bad/call") return { status: 400, json: { error: "unknown tool" } }
        return "hang"
      })
      const ctx = { sessionId: "s", sessionTimeout: 10, metadata: {} }
      expect(yield* Mcp.callTool(gatewayOf(api.origin), "flaky", "t", {}, ctx)).toBe("{\"n\":1}")
      const down = yield* Effect.flip(Mcp.callTool(gatewayOf(api.origin, 2), "down", "t", {}, ctx))
      expect(down.detail).toBe("down")
      expect(api.received.filter((r) => r.path === "/services/down/call").length).toBe(2)
      const bad = yield* Effect.flip(Mcp.callTool(gatewayOf(api.origin), "bad", "t", {}, ctx))
      expect([bad.reason, bad.status, bad.detail]).toEqual(["status", 400, "unknown tool"])
      expect(api.received.filter((r) => r.path === "/services/bad/call").length).toBe(1)
      const hung = yield* Effect.flip(Mcp.callTool(gatewayOf(api.origin, 1, "200 millis"), "slow", "t", {}, ctx))
      expect(hung.reason).toBe("timeout")
      expect(hung.detail).not.toContain("gw-token")
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
