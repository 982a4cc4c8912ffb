/**
 * The `custom_skills` skill (from the TypeScript reference): tools declared in configuration.
 * Each tool has a name, a description, typed parameters and a static `response` (a template:
 * `${args.<name>}` is replaced by that argument). Handler code from configuration (the
 * reference's `handler_code`, compiled with `new Function` when `SWML_ALLOW_CUSTOM_HANDLER_CODE=true`)
 * is refused here in every case: code that blocks the event loop cannot be interrupted, so it
 * cannot run safely inside the server; write such a tool as a skill in TypeScript (`Skill.make`).
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"

const identifier = Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/))

const Parameter = Schema.Struct({
  name: identifier,
  type: Schema.Literal("string", "number", "integer", "boolean"),
  description: Schema.String,
  required: Schema.optional(Schema.Boolean)
})

const CustomTool = Schema.Struct({
  name: identifier,
  description: Schema.String,
  parameters: Schema.optionalWith(Schema.Array(Parameter), { default: () => [] }),
  required: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  response: Schema.optional(Schema.String).annotations({ description: "The reply; ${args.<name>} is replaced by that argument" }),
  handler_code: Schema.optional(Schema.String).annotations({ description: "Refused: handler code does not run in this SDK" }),
  prompt_description: Schema.optional(Schema.String),
  secure: Schema.optional(Schema.Boolean),
  fillers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) }))
})

const Parameters = Schema.Struct({
  tools: Schema.Array(CustomTool).annotations({ description: "The tools: {name, description, parameters?, required?, response}" }),
  prompt_title: Schema.optionalWith(Schema.String, { default: () => "Custom Tools" }),
  prompt_body: Schema.optionalWith(Schema.String, { default: () => "The following custom tools are available for use." })
})

const schemaOf = (
  p: typeof Parameter.Type
): Schema.Schema<string> | Schema.Schema<number> | Schema.Schema<boolean> => {
  const description = { description: p.description }
  switch (p.type) {
    case "string":
      return Schema.String.annotations(description)
    case "number":
      return Schema.Number.annotations(description)
    case "integer":
      return Schema.Int.annotations(description)
    case "boolean":
      return Schema.Boolean.annotations(description)
  }
}

const render = (template: string, args: { readonly [key: string]: unknown }): string =>
  template.replace(/\$\{args\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = args[name]
    return value === undefined ? "" : String(value)
  })

/**
 * The `custom_skills` skill.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { CustomSkills } from "@signalwire-effect/agents/skills/CustomSkills"
 *
 * const agent = AgentBase.make({ name: "shop", route: "/shop", prompt: "You run a shop." }).pipe(
 *   AgentBase.addSkill(CustomSkills, {
 *     tools: [{
 *       name: "opening_hours",
 *       description: "The opening hours of a branch",
 *       parameters: [{ name: "branch", type: "string", description: "The branch", required: true }],
 *       response: "The ${args.branch} branch is open 9 to 5."
 *     }]
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const CustomSkills = Skill.make({
  name: "custom_skills",
  description: "Register one-off SWAIG tools from configuration (name, description, parameters, response)",
  parameters: Parameters,
  setup: (params) =>
    Effect.gen(function*() {
      const codeAllowed = yield* Config.boolean("SWML_ALLOW_CUSTOM_HANDLER_CODE").pipe(Config.withDefault(false))
      const tools = []
      for (const def of params.tools) {
        if (def.handler_code !== undefined) {
          return yield* new SkillError({
            skill: "custom_skills",
            reason: "setup",
            message: codeAllowed
              ? `custom_skills: ${def.name}: handler code is not supported (it cannot be interrupted inside the server); ` +
                "write the tool as a skill in TypeScript with Skill.make, or give it a static response"
              : `custom_skills: ${def.name}: handler code is disabled (SWML_ALLOW_CUSTOM_HANDLER_CODE is not true) and ` +
                "is not supported in any case; give the tool a static response"
          })
        }
        const response = def.response
        if (response === undefined) {
          return yield* new SkillError({
            skill: "custom_skills",
            reason: "invalid-params",
            message: `custom_skills: ${def.name}: a tool needs a response`
          })
        }
        type Field = ReturnType<typeof schemaOf>
        const fields: { readonly [key: string]: Field | Schema.optional<Field> } = Object.fromEntries(def.parameters.map((p) => {
          const schema = schemaOf(p)
          return [p.name, p.required === true || def.required.includes(p.name) ? schema : Schema.optional(schema)]
        }))
        const parameters = Schema.Struct(fields)
        tools.push(Skill.tool({
          name: def.name,
          description: def.description,
          parameters,
          ...(def.secure === undefined ? {} : { secure: def.secure }),
          ...(def.fillers === undefined ? {} : { fillers: def.fillers }),
          handler: (args) => Effect.succeed(FunctionResult.make(render(response, args)))
        }))
      }
      return {
        tools,
        promptSections: params.tools.length === 0 ? [] : [{
          title: params.prompt_title,
          body: params.prompt_body,
          bullets: params.tools.map((t) => `${t.name}: ${t.prompt_description ?? t.description}`),
          subsections: []
        }]
      }
    })
})
