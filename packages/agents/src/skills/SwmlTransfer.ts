/**
 * The `swml_transfer` skill (multi-instance): one tool (default `transfer_call`) whose argument
 * (default `transfer_type`) picks a destination. `transfers` maps patterns (a regular expression,
 * optionally `/…/` or `/…/i`) to `{url | address, message, return_message, post_process, final,
 * from_addr}`: a `url` is answered with a SWML `transfer` action (after storing `return_message`),
 * an `address` with a `connect` action. `patterns` (the TypeScript reference's named destinations)
 * add `list_transfer_destinations`. `required_fields` are extra string arguments saved in global
 * data under `call_data`; `allow_arbitrary` lets the model transfer to any number, SIP URI or URL.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"

const common = {
  message: Schema.optional(Schema.String).annotations({ description: "Said before transferring" }),
  return_message: Schema.optional(Schema.String).annotations({ description: "Said when the call comes back" }),
  post_process: Schema.optional(Schema.Boolean),
  final: Schema.optional(Schema.Boolean).annotations({ description: "A permanent transfer (default true)" }),
  from_addr: Schema.optional(Schema.String).annotations({ description: "The caller id of a connect" })
}

const Transfer = Schema.Union(
  Schema.Struct({ url: Schema.String, ...common }),
  Schema.Struct({ address: Schema.String, ...common })
)

const Pattern = Schema.Struct({
  name: Schema.String,
  destination: Schema.String,
  description: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String),
  returnMessage: Schema.optional(Schema.String),
  postProcess: Schema.optional(Schema.Boolean),
  final: Schema.optional(Schema.Boolean),
  fromAddr: Schema.optional(Schema.String)
})

const identifier = Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/))

const Parameters = Schema.Struct({
  tool_name: Schema.optionalWith(identifier, { default: () => "transfer_call" }),
  transfers: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Transfer }), { default: () => ({}) }),
  patterns: Schema.optionalWith(Schema.Array(Pattern), { default: () => [] }),
  allow_arbitrary: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  description: Schema.optionalWith(Schema.String, { default: () => "Transfer call based on pattern matching" }),
  parameter_name: Schema.optionalWith(identifier, { default: () => "transfer_type" }),
  parameter_description: Schema.optionalWith(Schema.String, { default: () => "The type of transfer to perform" }),
  default_message: Schema.optionalWith(Schema.String, { default: () => "Please specify a valid transfer type." }),
  default_post_process: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  required_fields: Schema.optionalWith(Schema.Record({ key: identifier, value: Schema.String }), { default: () => ({}) })
})

type Target = {
  readonly url?: string | undefined
  readonly address?: string | undefined
  readonly message: string
  readonly returnMessage: string
  readonly postProcess: boolean
  readonly final: boolean
  readonly from?: string | undefined
}

const transferring = "Transferring you now..."
const back = "The transfer is complete. How else can I help you?"

/** `/body/`, `/body/i` or `body` as a regular expression (case-sensitive unless `/i`). */
const compile = (pattern: string): RegExp | undefined => {
  let body = pattern.startsWith("/") ? pattern.slice(1) : pattern
  let flags = ""
  if (body.endsWith("/i")) {
    body = body.slice(0, -2)
    flags = "i"
  } else if (body.endsWith("/")) body = body.slice(0, -1)
  try {
    return new RegExp(body, flags)
  } catch {
    return undefined
  }
}

const cleanPattern = (pattern: string): string => pattern.replace(/^\//, "").replace(/\/i?$/, "")

const reply = (target: Target, callData: { readonly [key: string]: string }) => {
  let result = FunctionResult.make(target.message, { postProcess: target.postProcess })
  if (Object.keys(callData).length > 0) result = result.pipe(FunctionResult.updateGlobalData({ call_data: callData }))
  return target.url !== undefined
    ? result.pipe(FunctionResult.swmlTransfer(target.url, target.returnMessage, { final: target.final }))
    : result.pipe(FunctionResult.connect(target.address ?? "", {
      final: target.final,
      ...(target.from === undefined ? {} : { from: target.from })
    }))
}

const isUrl = (s: string) => /^https?:\/\//i.test(s)

/**
 * The `swml_transfer` skill (multi-instance by `tool_name`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { SwmlTransfer } from "@signalwire-effect/agents/skills/SwmlTransfer"
 *
 * const agent = AgentBase.make({ name: "front", route: "/front", prompt: "You route callers." }).pipe(
 *   AgentBase.addSkill(SwmlTransfer, {
 *     transfers: {
 *       "/sales/i": { url: "https://agents.example.com/sales", message: "Connecting you to sales" },
 *       "/support/i": { address: "+15551234567", final: false }
 *     },
 *     required_fields: { customer_name: "The caller's name" }
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const SwmlTransfer = Skill.make({
  name: "swml_transfer",
  description: "Transfer calls between agents based on pattern matching",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params) =>
    Effect.gen(function*() {
      const fail = (message: string) => new SkillError({ skill: "swml_transfer", reason: "setup", message: `swml_transfer: ${message}` })
      const entries = Object.entries(params.transfers)
      if (entries.length === 0 && params.patterns.length === 0) {
        return yield* fail("give at least one destination in transfers or patterns")
      }
      const compiled: Array<{ readonly regex: RegExp; readonly target: Target }> = []
      for (const [pattern, config] of entries) {
        const regex = compile(pattern)
        if (regex === undefined) return yield* fail(`the transfer pattern ${pattern.slice(0, 80)} is not a regular expression`)
        compiled.push({
          regex,
          target: {
            ...("url" in config ? { url: config.url } : { address: config.address }),
            message: config.message ?? transferring,
            returnMessage: config.return_message ?? back,
            postProcess: config.post_process ?? true,
            final: config.final ?? true,
            from: config.from_addr
          }
        })
      }
      const named = new Map(params.patterns.map((p) => [p.name.toLowerCase(), p]))
      const names = [...entries.map(([k]) => `"${k}"`), ...params.patterns.map((p) => `"${p.name}"`)]
      const argument = params.parameter_name
      const fields = Object.entries(params.required_fields)
      const schema: Schema.Schema<{ readonly [key: string]: string }> = Schema.Struct(
        Object.fromEntries<typeof Schema.String>([
          [argument, Schema.String.annotations({ description: params.parameter_description })],
          ...fields.map(([name, description]): [string, typeof Schema.String] => [name, Schema.String.annotations({ description })])
        ])
      )
      const transfer = Skill.tool({
        name: params.tool_name,
        description: `${params.description}. Named destinations: ${names.join(", ")}.` +
          (params.allow_arbitrary ? " You may also use phone numbers, SIP URIs or SWML URLs." : ""),
        parameters: schema,
        handler: (args) =>
          Effect.sync(() => {
            const destination = (args[argument] ?? "").trim()
            const callData = Object.fromEntries(fields.map(([name]) => [name, args[name] ?? ""]))
            if (destination === "") return FunctionResult.make("Please specify a destination for the transfer.")
            const matched = compiled.find((c) => c.regex.test(destination))
            if (matched !== undefined) return reply(matched.target, callData)
            const pattern = named.get(destination.toLowerCase())
            if (pattern !== undefined) {
              return reply({
                ...(isUrl(pattern.destination) ? { url: pattern.destination } : { address: pattern.destination }),
                message: pattern.message ?? transferring,
                returnMessage: pattern.returnMessage ?? back,
                postProcess: pattern.postProcess ?? true,
                final: pattern.final ?? true,
                from: pattern.fromAddr
              }, callData)
            }
            if (params.allow_arbitrary) {
              return reply({
                ...(isUrl(destination) ? { url: destination } : { address: destination }),
                message: transferring,
                returnMessage: back,
                postProcess: true,
                final: true
              }, callData)
            }
            let fallback = FunctionResult.make(params.default_message, { postProcess: params.default_post_process })
            if (fields.length > 0) fallback = fallback.pipe(FunctionResult.updateGlobalData({ call_data: callData }))
            return fallback
          })
      })
      const list = Skill.tool({
        name: "list_transfer_destinations",
        description: "List the named destinations calls can be transferred to",
        parameters: Schema.Struct({}),
        handler: () =>
          Effect.succeed(FunctionResult.make(
            `Available transfer destinations:\n${
              params.patterns.map((p) => `${p.name}${p.description === undefined ? "" : ` - ${p.description}`}`).join("\n")
            }`
          ))
      })
      const bullets = [
        ...entries.map(([k, c]) => `"${cleanPattern(k)}" - transfers to ${"url" in c ? c.url : c.address}`),
        ...params.patterns.map((p) => `"${p.name}" - ${p.description ?? `transfers to ${p.destination}`}`)
      ]
      const instructions = [
        `Use the ${params.tool_name} function when a transfer is needed`,
        `Pass the destination to the '${argument}' parameter`,
        ...(fields.length === 0 ? [] : [
          "Collect this information before transferring:",
          ...fields.map(([name, description]) => `${name}: ${description}`),
          "It is saved under 'call_data' for the next agent"
        ]),
        ...(params.allow_arbitrary ? ["You can also transfer to phone numbers, SIP URIs or SWML URLs."] : [])
      ]
      const hints = [
        ...entries.flatMap(([k]) => cleanPattern(k).startsWith(".") ? [] : cleanPattern(k).split("|").map((p) => p.trim().toLowerCase())),
        ...params.patterns.map((p) => p.name.toLowerCase()),
        "transfer",
        "connect",
        "speak to",
        "talk to"
      ].filter((h) => h !== "")
      return {
        tools: params.patterns.length > 0 ? [transfer, list] : [transfer],
        hints,
        promptSections: [
          {
            title: "Transferring",
            body: `You can transfer calls using the ${params.tool_name} function with these destinations:`,
            bullets,
            subsections: []
          },
          { title: "Transfer Instructions", body: "How to use the transfer capability:", bullets: instructions, subsections: [] }
        ]
      }
    })
})
