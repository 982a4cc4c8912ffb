import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as path from "node:path"
import { AgentBase, ToolToken } from "../../src/index.js"
import { ClaudeSkills } from "../../src/skills/ClaudeSkills.js"
import { base, fieldsOf } from "../fixtures/knowledge.js"
import { aiOf, functionsOf, live } from "../fixtures/skills.js"

const skillsPath = path.join(__dirname, "..", "fixtures", "claude-skills")
const pdfDir = path.join(skillsPath, "pdf-tools")

describe("claude_skills", () => {
  it.scopedLive("one tool per SKILL.md; arguments, variables and sections; invocation control; prompt and hints", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(ClaudeSkills, {
        skills_path: skillsPath,
        skill_descriptions: { "code-review": "Review code for bugs" },
        response_postfix: "Follow these steps."
      }))
      const { call, document } = yield* live(agent, Layer.empty)
      const doc = yield* document("call-77")
      const fns = functionsOf(doc)
      expect(fns.map((f) => [f["function"], f["description"]])).toEqual([
        ["claude_code_review", "Review code for bugs"],
        ["claude_pdf_tools", "Fill and merge PDF forms"]
      ])
      expect(fns[1]!["parameters"]["properties"]["arguments"]["description"]).toBe("the file name and the action")
      expect(fns[1]!["parameters"]["properties"]["section"]["enum"]).toEqual(["forms", "reference/api"])
      expect(fns[0]!["parameters"]["properties"]["section"]).toBeUndefined()

      const body = yield* call("claude_pdf_tools", { arguments: "a.pdf merge" }, { call_id: "call-77" })
      expect(body.body["response"]).toBe(
        `# PDF tools\n\nWork on a.pdf and do merge.\n\nSkill folder: ${pdfDir}\n\n---\n\nSession call-77.\n\n` +
          "ARGUMENTS: a.pdf merge\n\nFollow these steps."
      )
      const section = yield* call("claude_pdf_tools", { section: "reference/api", arguments: "fill" })
      expect(section.body["response"]).toBe("API reference for fill.\n\nFollow these steps.")
      const plain = yield* call("claude_code_review", {})
      expect(plain.body["response"]).toBe("Review the code for bugs. No front matter here.\n\nFollow these steps.")
      const unknown = yield* call("claude_pdf_tools", { section: "nope" })
      expect(unknown.status).toBe(200)
      expect(unknown.body["response"]).toMatch(/^The function claude_pdf_tools was called with invalid arguments/)

      const ai = aiOf(doc)
      const prompt: string = ai["prompt"]["text"]
      expect(prompt).toContain("## Claude Skills\n\nYou have access to specialized skills.")
      expect(prompt).toContain("### background-only\n\nThe office opens at 9.")
      expect(prompt).toContain("Available reference sections: forms, reference/api\nCall claude_pdf_tools(section=\"<name>\") to load a section.")
      expect(prompt).not.toContain("secret-ops")
      expect(prompt).not.toContain("Scripts:")
      expect(ai["hints"]).toEqual(["background", "only", "code", "review", "pdf", "tools", "secret", "ops"])
    }))

  it.effect("globs, prefix, listing files, ignoring invocation control", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(ClaudeSkills, {
        skills_path: skillsPath,
        include: ["pdf-*", "secret-*", "background*"],
        exclude: ["back*"],
        tool_prefix: "",
        allow_script_execution: true,
        ignore_invocation_control: true
      }))
      expect(agent.tools.map((t) => t.name)).toEqual(["pdf_tools", "secret_ops"])
      const rendered = yield* AgentBase.render(agent, {
        baseUrl: "https://u:p@agent.example.com/desk",
        callId: "c-1",
        secret: yield* ToolToken.randomSecret
      }).pipe(Effect.orDie)
      const prompt: string = aiOf(rendered)["prompt"]["text"]
      expect(prompt).toContain("Scripts: scripts/merge.sh")
      expect(prompt).toContain("### secret-ops")
    }))

  it.effect("shell injection is refused; a missing or non-folder skills_path is a SkillError", () =>
    Effect.gen(function*() {
      const shell = yield* Effect.flip(base().pipe(AgentBase.addSkill(ClaudeSkills, { skills_path: skillsPath, allow_shell_injection: true })))
      expect(fieldsOf(shell)).toMatchObject({ _tag: "SkillError", reason: "setup", skill: "claude_skills" })
      expect(shell.message).toContain("allow_shell_injection is not supported")
      const missing = yield* Effect.flip(base().pipe(AgentBase.addSkill(ClaudeSkills, { skills_path: path.join(skillsPath, "absent") })))
      expect(missing.message).toMatch(/skills_path does not exist/)
      const file = yield* Effect.flip(base().pipe(AgentBase.addSkill(ClaudeSkills, { skills_path: path.join(pdfDir, "SKILL.md") })))
      expect(file.message).toMatch(/not a directory/)
      const none = yield* Effect.flip(base().pipe(AgentBase.addSkill(ClaudeSkills, {})))
      expect(fieldsOf(none)).toMatchObject({ reason: "invalid-params" })
      expect(none.message).toContain("skills_path")
    }))
})
