/**
 * The `claude_skills` skill: Claude-style skill folders (`<skills_path>/<name>/SKILL.md` with YAML
 * front matter) as agent tools. Each skill becomes a tool `<tool_prefix><name>` (default prefix
 * `claude_`) that answers the skill's instructions, with `$ARGUMENTS` / `$0` / `${CLAUDE_SKILL_DIR}`
 * / `${CLAUDE_SESSION_ID}` substituted; the other `.md` files of the folder are sections the tool
 * can load (`section` argument). `disable-model-invocation: true` hides a skill entirely and
 * `user-invocable: false` keeps it as prompt knowledge without a tool (unless
 * `ignore_invocation_control`). `allow_script_execution` only lists the folder's other files in the
 * prompt, as in the reference; nothing is run.
 *
 * Shell injection (`` !`command` `` in a skill body, `allow_shell_injection`) is not implemented:
 * asking for it is a `SkillError` when the skill is added.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as path from "node:path"
import * as Files from "../internal/skills/claudeSkillFiles.js"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"

const Strings = Schema.Array(Schema.String)

/** A field of a tool's arguments built at run time (no services needed to decode it). */
type Field = Schema.Schema.AnyNoContext | Schema.PropertySignature<"?:", any, PropertyKey, "?:", any, boolean, never>

/**
 * The parameters of `claude_skills`.
 *
 * @example
 * ```ts
 * import * as ClaudeSkills from "@signalwire-effect/agents/skills/ClaudeSkills"
 *
 * const params: typeof ClaudeSkills.Parameters.Encoded = { skills_path: "./claude-skills", include: ["pdf-*"] }
 * ```
 * @since 0.1.0
 */
export const Parameters = Schema.Struct({
  skills_path: Schema.String.annotations({ description: "Folder holding Claude skill folders (each with a SKILL.md)" }),
  include: Schema.optionalWith(Strings, { default: () => ["*"] }).annotations({ description: "Glob patterns of skill folders to load" }),
  exclude: Schema.optionalWith(Strings, { default: () => [] }).annotations({ description: "Glob patterns of skill folders to skip" }),
  prompt_title: Schema.optionalWith(Schema.String, { default: () => "Claude Skills" }),
  prompt_intro: Schema.optionalWith(Schema.String, {
    default: () => "You have access to specialized skills. Call the appropriate tool when the user's question matches:"
  }),
  skill_descriptions: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) })
    .annotations({ description: "Tool descriptions by skill name, overriding the front matter" }),
  tool_prefix: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_]*$/)), { default: () => "claude_" }).annotations({
    description: "Prefix of the tool names (empty: none)"
  }),
  response_prefix: Schema.optionalWith(Schema.String, { default: () => "" }),
  response_postfix: Schema.optionalWith(Schema.String, { default: () => "" }),
  allow_shell_injection: Schema.optionalWith(Schema.Boolean, { default: () => false }).annotations({
    description: "Run !`command` patterns of skill bodies (not supported here)"
  }),
  allow_script_execution: Schema.optionalWith(Schema.Boolean, { default: () => false }).annotations({
    description: "List the skills' scripts/, assets/ and other files in the prompt"
  }),
  ignore_invocation_control: Schema.optionalWith(Schema.Boolean, { default: () => false }).annotations({
    description: "Register every skill regardless of disable-model-invocation / user-invocable"
  }),
  shell_timeout: Schema.optionalWith(Schema.Int, { default: () => 30 })
})

const problem = (message: string) => new SkillError({ skill: "claude_skills", reason: "setup", message: `claude_skills: ${message}` })

const words = (name: string) => name.replace(/[-_]/g, " ").split(/\s+/).filter((w) => w.length > 0)

const reply = (prefix: string, content: string, postfix: string) =>
  FunctionResult.make([prefix, content, postfix].filter((s) => s.length > 0).join("\n\n"))

/**
 * The `claude_skills` skill (multi-instance by `tool_name`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { ClaudeSkills } from "@signalwire-effect/agents/skills/ClaudeSkills"
 *
 * const agent = AgentBase.make({ name: "desk", route: "/desk", prompt: "You help with documents." }).pipe(
 *   AgentBase.addSkill(ClaudeSkills, { skills_path: "./claude-skills", tool_prefix: "skill_" })
 * )
 * ```
 * @since 0.1.0
 */
export const ClaudeSkills: Skill.Skill<typeof Parameters.Type> = Skill.make({
  name: "claude_skills",
  description: "Load Claude SKILL.md files as agent tools",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params) =>
    Effect.gen(function*() {
      if (params.allow_shell_injection) {
        return yield* problem("allow_shell_injection is not supported: skill bodies are never run as shell commands")
      }
      const root = path.resolve(params.skills_path)
      const skills = yield* Files.discover(root, {
        include: params.include,
        exclude: params.exclude,
        listFiles: params.allow_script_execution,
        ignoreInvocationControl: params.ignore_invocation_control
      }).pipe(Effect.provide(NodeContext.layer), Effect.mapError(problem))
      const toolNameOf = (skill: Files.ClaudeSkill) => `${params.tool_prefix}${Files.sanitizeToolName(skill.name)}`
      const tools = skills.filter((s) => !s.skipTool).map((skill) => {
        const sections = [...skill.sections.keys()].sort()
        const fields: Record<string, Field> = {
          arguments: Schema.optional(Schema.String.annotations({
            description: skill.argumentHint ?? "Arguments or context to pass to the skill"
          }))
        }
        // A `section` argument only when the skill has sections to load, its values listed.
        if (sections.length > 0) {
          fields["section"] = Schema.optional(Schema.Literal(...sections).annotations({ description: "Which reference section to load" }))
        }
        return Skill.tool({
          name: toolNameOf(skill),
          description: params.skill_descriptions[skill.name] ?? skill.description ?? `Use the ${skill.name} skill`,
          parameters: Schema.Struct(fields),
          handler: (args, call) =>
            Effect.gen(function*() {
              const section = typeof args["section"] === "string" ? args["section"] : undefined
              const file = section === undefined ? undefined : skill.sections.get(section)
              const content = file === undefined
                ? skill.body
                : yield* Effect.flatMap(FileSystem.FileSystem, (fs) => Effect.map(fs.readFileString(file), (text) => text.trim())).pipe(
                  Effect.provide(NodeContext.layer),
                  Effect.tapError((e) => Effect.logWarning(`claude_skills: cannot read section ${section}`, e.message)),
                  Effect.orElseSucceed(() => `Error loading section '${section}'`)
                )
              const given = typeof args["arguments"] === "string" ? args["arguments"] : ""
              const withVariables = Files.substituteVariables(content, skill.dir, call.callId ?? "")
              return reply(params.response_prefix, Files.substituteArguments(withVariables, given), params.response_postfix)
            })
        })
      })
      const subsections = skills.filter((s) => !s.skipPrompt).map((skill) => {
        const parts = [skill.body]
        const sections = [...skill.sections.keys()].sort()
        if (sections.length > 0 && !skill.skipTool) {
          parts.push(`Available reference sections: ${sections.join(", ")}\nCall ${toolNameOf(skill)}(section="<name>") to load a section.`)
        }
        for (const [label, files] of [["Scripts", skill.files.scripts], ["Assets", skill.files.assets], ["Other files", skill.files.other]] as const) {
          if (files.length > 0) parts.push(`${label}: ${files.join(", ")}`)
        }
        return { title: skill.name, body: parts.join("\n\n"), bullets: [], subsections: [] }
      })
      return {
        tools,
        hints: [...new Set(skills.flatMap((s) => words(s.name)))],
        promptSections: subsections.length === 0
          ? []
          : [{ title: params.prompt_title, body: params.prompt_intro, bullets: [], subsections }]
      }
    })
})
