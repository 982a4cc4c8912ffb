/**
 * A prefab concierge for a venue: its services, amenities and hours are in the prompt and in
 * global data; `check_availability(service, date, time)` answers from them, computed locally and
 * deterministically (the service must be offered, the date a real `YYYY-MM-DD` date, the time a
 * 24-hour `HH:MM` within the service's hours when those read as "9 AM - 5 PM"); and
 * `get_directions(location)` answers from the amenity's `location`.
 *
 * ```ts
 * import { Concierge } from "@signalwire-effect/agents"
 *
 * const hotel = Concierge.make({
 *   venueName: "The Park Hotel",
 *   services: ["spa", "restaurant", "valet parking"],
 *   amenities: { pool: { location: "Rooftop", hours: "6 AM - 10 PM" }, gym: { location: "Floor 2" } },
 *   hoursOfOperation: { spa: "9 AM - 9 PM", restaurant: "7 AM - 10 PM", default: "24 hours" }
 * })
 * ```
 *
 * Default route `/concierge`.
 *
 * @since 0.1.0
 */
import { Ai, FunctionResult, Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import type { PrefabConfigError } from "../AgentError.js"
import * as P from "../internal/prefab.js"

/**
 * The options: the venue's name, its services, its amenities (`{ pool: { location: "Rooftop" } }`),
 * its hours by service (`default` for the rest; default `{ default: "9 AM - 5 PM" }`), special
 * instructions (added to the prompt's instructions), and a welcome message (a static greeting the
 * caller cannot interrupt), plus the options of every prefab (`name`, `route`, `agentOptions`, `secure`).
 *
 * @example
 * ```ts
 * import type { Concierge } from "@signalwire-effect/agents"
 *
 * const options: Concierge.Options = { venueName: "Spa Bella", services: ["massage"], amenities: {} }
 * ```
 * @since 0.1.0
 */
export interface Options extends P.Common {
  readonly venueName: string
  readonly services: ReadonlyArray<string>
  readonly amenities: { readonly [name: string]: { readonly [key: string]: string } }
  readonly hoursOfOperation?: { readonly [service: string]: string } | undefined
  readonly specialInstructions?: ReadonlyArray<string> | undefined
  readonly welcomeMessage?: string | undefined
}

const Config = Schema.Struct({
  venueName: Schema.NonEmptyString,
  services: Schema.NonEmptyArray(Schema.NonEmptyString),
  amenities: Schema.Record({ key: Schema.String, value: Schema.Record({ key: Schema.String, value: Schema.String }) }),
  hoursOfOperation: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  specialInstructions: Schema.optional(Schema.Array(Schema.String)),
  welcomeMessage: Schema.optional(Schema.NonEmptyString)
})

const minutesOf = (hour: string, minute: string | undefined, meridiem: string): number =>
  ((Number(hour) % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0)) * 60 + Number(minute ?? "0")

/**
 * Opening hours read from text such as "9 AM - 5 PM" or "7:30am-10pm" as minutes since midnight
 * (`[open, close]`; a close at or before the open runs past midnight); "24 hours" is all day;
 * anything else is not understood (undefined).
 *
 * @example
 * ```ts
 * import { Concierge } from "@signalwire-effect/agents"
 *
 * Concierge.parseHours("9 AM - 5 PM") // [540, 1020]
 * ```
 * @since 0.1.0
 */
export const parseHours = (text: string): readonly [number, number] | undefined => {
  if (/24\s*(hours|h|\/7)/i.test(text)) return [0, 24 * 60]
  const m = /(\d{1,2})(?::(\d{2}))?\s*(AM|PM)\s*(?:-|–|to)\s*(\d{1,2})(?::(\d{2}))?\s*(AM|PM)/i.exec(text)
  return m === null ? undefined : [minutesOf(m[1]!, m[2], m[3]!), minutesOf(m[4]!, m[5], m[6]!)]
}

const isDate = (date: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (m === null) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

const within = ([open, close]: readonly [number, number], t: number) => close > open ? t >= open && t < close : t >= open || t < close

/**
 * The concierge agent: validates the options (a `PrefabConfigError` names the bad field), then
 * builds the agent (POM prompt with services, amenities and hours, JSON summary post-prompt,
 * hints, `local_tz` America/New_York, the venue in global data, `check_time`, the two tools).
 *
 * @example
 * ```ts
 * import { Concierge } from "@signalwire-effect/agents"
 *
 * const agent = Concierge.make({ venueName: "Spa Bella", services: ["massage", "facial"], amenities: { sauna: { location: "Basement" } } })
 * ```
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<AgentBase.AgentBase<never>, PrefabConfigError> =>
  Effect.gen(function*() {
    const config = yield* P.decode("Concierge", Config, {
      venueName: options.venueName,
      services: options.services,
      amenities: options.amenities,
      hoursOfOperation: options.hoursOfOperation,
      specialInstructions: options.specialInstructions,
      welcomeMessage: options.welcomeMessage
    })
    const venue = config.venueName
    const hours = config.hoursOfOperation ?? { default: "9 AM - 5 PM" }
    const secure = options.secure ?? true
    const lower = (s: string) => s.trim().toLowerCase()
    const hoursFor = (service: string) => Object.entries(hours).find(([k]) => lower(k) === lower(service))?.[1] ?? hours["default"]
    const prompt = P.pom(
      ["Personality", { body: `You are the professional, helpful virtual concierge of ${venue}.` }],
      ["Goal", { body: "Help callers with information, recommendations and bookings." }],
      ["Instructions", {
        bullets: [
          "Be warm and welcoming, and professional.",
          "Give accurate information about the amenities, services and hours below.",
          "Offer reservations when they fit; check availability with check_availability.",
          "Answer briefly with the specific details asked for.",
          ...(config.specialInstructions ?? [])
        ]
      }],
      ["Available Services", { body: `Services: ${config.services.join(", ")}` }],
      ["Amenities", {
        body: "The amenities:",
        subsections: Object.entries(config.amenities).map(([name, details]) =>
          Pom.section(P.titleCase(name), { body: Object.entries(details).map(([k, v]) => `${P.titleCase(k)}: ${v}`).join("\n") })
        )
      }],
      ["Hours of Operation", { body: Object.entries(hours).map(([k, v]) => `${P.titleCase(k)}: ${v}`).join("\n") }]
    )
    return P.base(options, { name: "concierge", route: "/concierge" }, prompt).pipe(
      AgentBase.postPrompt(
        "Return a JSON summary of the conversation: {\"topic\": \"…\", \"service_requested\": \"<service, or null>\", " +
          "\"questions_answered\": [\"…\"], \"follow_up_needed\": true or false}"
      ),
      AgentBase.withAi((ai) =>
        Ai.addNativeFunctions(
          Ai.withGlobalData(
            Ai.withParams(Ai.addHints(ai, [...new Set([venue, ...config.services, ...Object.keys(config.amenities)])]), {
              wait_for_user: false,
              end_of_speech_timeout: 1000,
              ai_volume: 5,
              local_tz: "America/New_York",
              ...(config.welcomeMessage === undefined ? {} : { static_greeting: config.welcomeMessage, static_greeting_no_barge: true })
            }),
            { venue_name: venue, services: config.services, amenities: config.amenities, hours }
          ),
          ["check_time"]
        )
      ),
      AgentBase.tool({
        name: "check_availability",
        description: "Check whether a service is available on a date at a time",
        parameters: Schema.Struct({
          service: Schema.NonEmptyString.annotations({ description: "The service, e.g. spa or restaurant" }),
          date: Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({ description: "The date, YYYY-MM-DD" }),
          time: Schema.String.pipe(Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$/)).annotations({ description: "The time, HH:MM (24-hour)" })
        }),
        secure,
        handler: ({ date, service, time }) => {
          const offered = config.services.find((s) => lower(s) === lower(service))
          if (offered === undefined) {
            return Effect.succeed(FunctionResult.make(`${venue} does not offer ${service}. The services are: ${config.services.join(", ")}.`))
          }
          if (!isDate(date)) return Effect.succeed(FunctionResult.make(`${date} is not a date on the calendar; ask the caller for the date again.`))
          const text = hoursFor(offered)
          const open = text === undefined ? undefined : parseHours(text)
          const [h, m] = time.split(":").map(Number) as [number, number]
          if (open !== undefined && !within(open, h * 60 + m)) {
            return Effect.succeed(FunctionResult.make(`${offered} is closed at ${time}; its hours are ${text}. Suggest another time.`))
          }
          return Effect.succeed(FunctionResult.make(`${offered} is available on ${date} at ${time}. Ask whether the caller wants to book it.`))
        }
      }),
      AgentBase.tool({
        name: "get_directions",
        description: "Directions to an amenity or a place in the venue",
        parameters: Schema.Struct({ location: Schema.NonEmptyString.annotations({ description: "The amenity or place" }) }),
        secure,
        handler: ({ location }) => {
          const found = Object.entries(config.amenities).find(([name]) => lower(name) === lower(location))
          const where = found?.[1]["location"]
          return Effect.succeed(FunctionResult.make(
            found === undefined || where === undefined
              ? `There are no directions for ${location} on file; the front desk staff can help.`
              : `The ${found[0]} is at ${where}. From the main entrance, follow the signs to ${where}.`
          ))
        }
      })
    )
  })
