/**
 * The `datetime` skill: `get_current_time` and `get_current_date`, in UTC or any IANA time zone.
 * An unknown zone is answered with a reply asking for a valid one.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"

const Zone = Schema.Struct({
  timezone: Schema.optional(Schema.String.annotations({
    description: "IANA time zone, e.g. America/New_York or Europe/London (default UTC)"
  }))
})

const formatIn = (timezone: string, options: Intl.DateTimeFormatOptions, at: Date): string | undefined => {
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: timezone }).format(at)
  } catch {
    return undefined
  }
}

const answer = (timezone: string | undefined, options: Intl.DateTimeFormatOptions, sentence: (formatted: string) => string) =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const zone = timezone === undefined || timezone.trim() === "" ? "UTC" : timezone.trim()
    const formatted = formatIn(zone, options, new Date(now))
    return FunctionResult.make(
      formatted === undefined
        ? `"${zone.slice(0, 64)}" is not a time zone I know. Ask for a city or an IANA time zone such as America/New_York.`
        : sentence(formatted)
    )
  })

/**
 * The `datetime` skill (single instance, no parameters of its own).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Datetime } from "@signalwire-effect/agents/skills/Datetime"
 *
 * const agent = AgentBase.make({ name: "clock", route: "/clock", prompt: "You tell the time." }).pipe(AgentBase.addSkill(Datetime))
 * ```
 * @since 0.1.0
 */
export const Datetime = Skill.make({
  name: "datetime",
  description: "Get current date, time, and timezone information",
  parameters: Schema.Struct({}),
  setup: () =>
    Effect.succeed({
      tools: [
        Skill.tool({
          name: "get_current_time",
          description: "Get the current time, optionally in a specific timezone",
          parameters: Zone,
          handler: ({ timezone }) =>
            answer(
              timezone,
              { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: true, timeZoneName: "short" },
              (t) => `The current time is ${t}`
            )
        }),
        Skill.tool({
          name: "get_current_date",
          description: "Get the current date, optionally in a specific timezone",
          parameters: Zone,
          handler: ({ timezone }) =>
            answer(timezone, { weekday: "long", year: "numeric", month: "long", day: "numeric" }, (d) => `Today's date is ${d}`)
        })
      ],
      promptSections: [{
        title: "Date and Time Information",
        body: "You can provide current date and time information.",
        bullets: [
          "Use get_current_time to tell users what time it is.",
          "Use get_current_date to tell users today's date.",
          "Both accept an IANA time zone (America/New_York, Europe/London, Asia/Tokyo); the default is UTC."
        ],
        subsections: []
      }]
    })
})
