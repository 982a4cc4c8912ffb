/**
 * A prefab receptionist: greets the caller, notes their name and reason (`collect_caller_info`,
 * kept in global data as `caller_info`), and transfers them to a department (`transfer_call`: the
 * AI speaks first, then the call is connected to the department's number and leaves the agent).
 * With `checkInEnabled`, `check_in_visitor` records visitors (in global data as `visitors`) and runs
 * `onVisitorCheckIn`.
 *
 * ```ts
 * import { Receptionist } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const frontDesk = Receptionist.make({
 *   companyName: "Acme",
 *   departments: [
 *     { name: "sales", description: "New orders and quotes", number: "+15551110000" },
 *     { name: "support", description: "Help with an existing order", number: "+15552220000" }
 *   ],
 *   checkInEnabled: true,
 *   onVisitorCheckIn: (visitor) => Effect.log("visitor", visitor)
 * })
 * ```
 *
 * Default route `/receptionist`.
 *
 * @since 0.1.0
 */
import { Ai, FunctionResult } from "@signalwire-effect/swml"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import type { PrefabConfigError } from "../AgentError.js"
import * as P from "../internal/prefab.js"

/**
 * The schema of a department: its name (what `transfer_call` takes), what it handles (for the
 * AI), and the number or SIP address calls are connected to.
 *
 * @example
 * ```ts
 * import { Receptionist } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Receptionist.Department)({ name: "sales", description: "New orders", number: "+15551110000" }) // true
 * ```
 * @since 0.1.0
 */
export const Department = Schema.Struct({
  name: Schema.NonEmptyString,
  description: Schema.NonEmptyString,
  number: Schema.NonEmptyString
})

/**
 * A department (see {@link Department}).
 *
 * @example
 * ```ts
 * import type { Receptionist } from "@signalwire-effect/agents"
 *
 * const billing: Receptionist.Department = { name: "billing", description: "Invoices", number: "sip:billing@example.com" }
 * ```
 * @since 0.1.0
 */
export type Department = typeof Department.Type

/**
 * A visitor checked in by `check_in_visitor`.
 *
 * @example
 * ```ts
 * import type { Receptionist } from "@signalwire-effect/agents"
 *
 * const label = (v: Receptionist.Visitor) => `${v.visitor_name} to see ${v.visiting}`
 * ```
 * @since 0.1.0
 */
export interface Visitor {
  readonly visitor_name: string
  readonly purpose: string
  readonly visiting: string
  /** ISO 8601, from the Effect `Clock`. */
  readonly checked_in_at: string
}

/**
 * The options: the departments, the `greeting`, the English `voice` ("rime.spore"), the
 * `companyName`, `checkInEnabled` (false) and `onVisitorCheckIn`, plus the options of every prefab
 * (`name`, `route`, `agentOptions`, `secure`).
 *
 * @example
 * ```ts
 * import type { Receptionist } from "@signalwire-effect/agents"
 *
 * const options: Receptionist.Options<never, never> = { departments: [{ name: "sales", description: "Orders", number: "+15551110000" }] }
 * ```
 * @since 0.1.0
 */
export interface Options<E, R> extends P.Common {
  readonly departments: ReadonlyArray<Department>
  readonly greeting?: string | undefined
  readonly voice?: string | undefined
  readonly companyName?: string | undefined
  readonly checkInEnabled?: boolean | undefined
  readonly onVisitorCheckIn?: ((visitor: Visitor) => Effect.Effect<void, E, R>) | undefined
}

const Config = Schema.Struct({
  departments: Schema.NonEmptyArray(Department),
  greeting: Schema.optional(Schema.NonEmptyString),
  voice: Schema.optional(Schema.NonEmptyString),
  companyName: Schema.optional(Schema.NonEmptyString),
  checkInEnabled: Schema.optional(Schema.Boolean)
})

const VisitorList = Schema.Array(Schema.Struct({ visitor_name: Schema.String, purpose: Schema.String, visiting: Schema.String, checked_in_at: Schema.String }))

/**
 * The receptionist agent: validates the options (a `PrefabConfigError` names the bad field, a
 * department name used twice included), then builds the agent (POM prompt, JSON summary
 * post-prompt, the English language with the voice, hints, `transfer_summary`, the departments
 * and an empty `caller_info` in global data, the tools).
 *
 * @example
 * ```ts
 * import { Receptionist } from "@signalwire-effect/agents"
 *
 * const agent = Receptionist.make({ departments: [{ name: "sales", description: "Orders", number: "+15551110000" }], greeting: "Hello, Acme here." })
 * ```
 * @since 0.1.0
 */
export const make = <E = never, R = never>(options: Options<E, R>): Effect.Effect<AgentBase.AgentBase<R>, PrefabConfigError> =>
  Effect.gen(function*() {
    const config = yield* P.decode("Receptionist", Config, {
      departments: options.departments,
      greeting: options.greeting,
      voice: options.voice,
      companyName: options.companyName,
      checkInEnabled: options.checkInEnabled
    })
    const departments = config.departments
    const names = departments.map((d) => d.name)
    const twice = names.findIndex((n, i) => names.indexOf(n) !== i)
    if (twice >= 0) return yield* P.invalid("Receptionist", `departments[${twice}].name`, `the department ${names[twice]} is listed twice`)
    const greeting = config.greeting ?? "Thank you for calling. How can I help you today?"
    const company = config.companyName
    const checkIn = config.checkInEnabled ?? false
    const secure = options.secure ?? true
    const branded = company === undefined ? greeting : `${greeting.trimEnd()} Welcome to ${company}.`
    const prompt = P.pom(
      ["Personality", { body: "You are a friendly, professional receptionist: clear, efficient and warm." }],
      ["Goal", { body: "Greet callers, note who they are and why they call, and transfer them to the right department." }],
      ["Instructions", {
        bullets: [
          `Greet the caller with: '${branded}'`,
          "Ask for their name and a short description of what they need.",
          "Call collect_caller_info once you have both.",
          "Choose the department that fits; ask follow-up questions when it is unclear.",
          "Confirm the department with the caller, then call transfer_call.",
          ...(checkIn ? ["A visitor who wants to check in: ask for their full name, the purpose of the visit and whom they are visiting, then call check_in_visitor."] : [])
        ]
      }],
      ["Available Departments", { bullets: departments.map((d) => `${d.name}: ${d.description}`) }]
    )

    let agent: AgentBase.AgentBase<R> = P.base(options, { name: "receptionist", route: "/receptionist" }, prompt).pipe(
      AgentBase.postPrompt(
        "Return a JSON summary of the call: {\"caller_name\": \"…\", \"reason\": \"…\", \"department\": \"<department transferred to>\", " +
          "\"satisfaction\": \"high\", \"medium\" or \"low\"}"
      ),
      AgentBase.withAi((ai) =>
        Ai.withGlobalData(
          Ai.addHints(
            Ai.addLanguage(Ai.withParams(ai, { end_of_speech_timeout: 700, speech_event_timeout: 1000, transfer_summary: true }), {
              name: "English",
              code: "en-US",
              voice: config.voice ?? "rime.spore"
            }),
            [...(company === undefined ? [] : [company]), ...names]
          ),
          { departments, caller_info: {} }
        )
      ),
      AgentBase.tool({
        name: "collect_caller_info",
        description: "Note the caller's name and the reason for the call",
        parameters: Schema.Struct({
          name: Schema.NonEmptyString.annotations({ description: "The caller's name" }),
          reason: Schema.NonEmptyString.annotations({ description: "Why they are calling" })
        }),
        secure,
        handler: ({ name, reason }) =>
          Effect.succeed(
            FunctionResult.make(`Thank you, ${name}. Noted: you are calling about ${reason}.`).pipe(
              FunctionResult.updateGlobalData({ caller_info: { name, reason } })
            )
          )
      }),
      AgentBase.tool({
        name: "transfer_call",
        description: "Transfer the caller to a department",
        parameters: Schema.Struct({
          department: Schema.Literal(...(names as [string, ...Array<string>])).annotations({ description: `The department to transfer to: ${names.join(", ")}` })
        }),
        secure,
        handler: ({ department }, call) => {
          const target = departments.find((d) => d.name === department)!
          const info = P.globalData(call)["caller_info"]
          const who = typeof info === "object" && info !== null && typeof (info as { name?: unknown }).name === "string"
            ? (info as { name: string }).name
            : "the caller"
          return Effect.succeed(
            FunctionResult.make(`Transferring you to ${department} now. Thank you for calling, ${who}!`, { postProcess: true }).pipe(
              FunctionResult.connect(target.number, { final: true })
            )
          )
        }
      })
    )
    if (checkIn) {
      const hook = options.onVisitorCheckIn
      agent = agent.pipe(AgentBase.tool({
        name: "check_in_visitor",
        description: "Check in a visitor: their name, the purpose of the visit, whom they are visiting",
        parameters: Schema.Struct({
          visitor_name: Schema.NonEmptyString.annotations({ description: "The visitor's full name" }),
          purpose: Schema.NonEmptyString.annotations({ description: "The purpose of the visit" }),
          visiting: Schema.NonEmptyString.annotations({ description: "The person or department they are visiting" })
        }),
        secure,
        handler: (args, call) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const visitor: Visitor = { ...args, checked_in_at: new Date(now).toISOString() }
            const earlier = Schema.decodeUnknownOption(VisitorList)(P.globalData(call)["visitors"])
            if (hook !== undefined) {
              yield* hook(visitor).pipe(Effect.catchAllCause((cause) => Effect.logError("Receptionist: onVisitorCheckIn failed", cause)))
            }
            return FunctionResult.make(
              `${args.visitor_name} is checked in to see ${args.visiting} (${args.purpose}).${company === undefined ? "" : ` Welcome to ${company}!`}`
            ).pipe(FunctionResult.updateGlobalData({ visitors: [...(earlier._tag === "Some" ? earlier.value : []), visitor] }))
          })
      }))
    }
    return agent
  })
