/**
 * The `weather_api` skill (the TypeScript reference's variant): `get_weather(location)` asks
 * OpenWeatherMap's current-weather API (`/data/2.5/weather`, key in `appid`) and answers the
 * conditions in words. `units` is metric, imperial or standard (`celsius` and `fahrenheit`
 * accepted as aliases, default fahrenheit). The key is `api_key` or `WEATHER_API_KEY`, read when
 * the skill is added; `WEATHER_API_BASE_URL` replaces `https://api.openweathermap.org`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as outbound from "../internal/skills/outbound.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

const Units = Schema.Literal("metric", "imperial", "standard", "celsius", "fahrenheit")

const Current = Schema.Struct({
  name: Schema.String,
  sys: Schema.optional(Schema.Struct({ country: Schema.optional(Schema.String) })),
  main: Schema.Struct({
    temp: Schema.Number,
    feels_like: Schema.Number,
    temp_min: Schema.optional(Schema.Number),
    temp_max: Schema.optional(Schema.Number),
    humidity: Schema.Number,
    pressure: Schema.optional(Schema.Number)
  }),
  weather: Schema.Array(Schema.Struct({ description: Schema.String })),
  wind: Schema.optional(Schema.Struct({ speed: Schema.Number })),
  clouds: Schema.optional(Schema.Struct({ all: Schema.Number })),
  visibility: Schema.optional(Schema.Number)
})

/** The reply text for a decoded OpenWeatherMap answer. */
const describe = (w: typeof Current.Type, units: "metric" | "imperial" | "standard"): string => {
  const deg = units === "imperial" ? "°F" : units === "standard" ? " K" : "°C"
  const speed = units === "imperial" ? "miles per hour" : "meters per second"
  const place = w.sys?.country === undefined ? w.name : `${w.name}, ${w.sys.country}`
  const sky = w.weather.length === 0 ? "unknown conditions" : w.weather.map((x) => x.description).join(", ")
  const parts = [
    `Current weather in ${place}: ${sky}.`,
    `Temperature ${w.main.temp}${deg}, feels like ${w.main.feels_like}${deg}.`
  ]
  if (w.main.temp_max !== undefined && w.main.temp_min !== undefined) {
    parts.push(`High ${w.main.temp_max}${deg}, low ${w.main.temp_min}${deg}.`)
  }
  parts.push(`Humidity ${w.main.humidity}%.`)
  if (w.wind !== undefined) parts.push(`Wind ${w.wind.speed} ${speed}.`)
  if (w.clouds !== undefined) parts.push(`Cloud cover ${w.clouds.all}%.`)
  if (w.visibility !== undefined) parts.push(`Visibility ${(w.visibility / 1000).toFixed(1)} km.`)
  return parts.join(" ")
}

/**
 * The `weather_api` skill (single instance; `tool_name` renames `get_weather`). Its tool needs an
 * `HttpClient` (e.g. `FetchHttpClient.layer`) where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { WeatherApi } from "@signalwire-effect/agents/skills/WeatherApi"
 *
 * const agent = AgentBase.make({ name: "wx", route: "/wx", prompt: "You report the weather." }).pipe(
 *   AgentBase.addSkill(WeatherApi, { units: "metric" })
 * )
 * ```
 * @since 0.1.0
 */
export const WeatherApi = Skill.make({
  name: "weather_api",
  description: "Get current weather information from OpenWeatherMap",
  parameters: Schema.Struct({
    api_key: outbound.apiKeyParam("WEATHER_API_KEY"),
    tool_name: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/)), {
      default: () => "get_weather"
    }).annotations({ description: "The name of the weather tool" }),
    units: Schema.optionalWith(Units, { default: () => "fahrenheit" as const }).annotations({
      description: "metric (Celsius), imperial (Fahrenheit) or standard (Kelvin); celsius and fahrenheit are aliases"
    }),
    timeout: outbound.timeoutParam(10)
  }),
  setup: (params) =>
    Effect.gen(function*() {
      const key = yield* outbound.secret(params.api_key, "WEATHER_API_KEY")
      const api = yield* outbound.endpoint("WEATHER_API_BASE_URL", "https://api.openweathermap.org", params.timeout)
      const units = params.units === "fahrenheit" ? "imperial" : params.units === "celsius" ? "metric" : params.units
      const unitName = units === "imperial" ? "Fahrenheit" : units === "standard" ? "Kelvin" : "Celsius"
      const lookup = (location: string) =>
        SkillHttp.getJson(`${api.base}/data/2.5/weather`, Current, {
          query: { q: location, appid: Redacted.value(key), units },
          allowPrivate: api.allowPrivate,
          timeout: api.timeout
        }).pipe(
          Effect.map((w) => FunctionResult.make(describe(w, units))),
          outbound.gracefully("weather_api", (e) =>
            e.reason === "status" && e.status === 404
              ? `I couldn't find a place called "${location}". Try a city name, optionally with a country code.`
              : outbound.unreachable("weather service")(e))
        )
      return {
        tools: [Skill.tool({
          name: params.tool_name,
          description: "Get the current weather for a location: conditions, temperature, humidity and wind",
          parameters: Schema.Struct({
            location: Schema.String.annotations({
              description: "The city, optionally with a country code (\"London\", \"Paris,FR\", \"New York,US\")"
            })
          }),
          handler: ({ location }): Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient> =>
            Either.match(SkillHttp.capInput(location), {
              onLeft: () => Effect.succeed(outbound.tooLong("location")),
              onRight: (place) =>
                place === ""
                  ? Effect.succeed(FunctionResult.make("Which location would you like the weather for?"))
                  : lookup(place)
            })
        })],
        promptSections: [{
          title: "Weather Information",
          body: "You can look up the current weather anywhere in the world.",
          bullets: [
            `Use the ${params.tool_name} tool when the caller asks about the current weather.`,
            "Give a city, optionally with a country code (\"Paris,FR\").",
            `Temperatures are in ${unitName}.`,
            "Only current conditions are available, not forecasts."
          ],
          subsections: []
        }]
      }
    })
})
