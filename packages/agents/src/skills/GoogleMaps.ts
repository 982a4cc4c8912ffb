/**
 * The `google_maps` skill: four tools over Google Maps — `compute_route` (Directions API: distance,
 * duration and the first steps between two places), `lookup_address` (Places "find place from
 * text"), `geocode_address` (Geocoding API, optionally biased toward a point) and
 * `compute_route_by_coords` (Routes API v2 between two coordinates). Each tool can be renamed.
 * The key comes from `api_key` or `GOOGLE_MAPS_API_KEY` (missing: a `ConfigError` when the skill is
 * added); `GOOGLE_MAPS_BASE_URL` / `GOOGLE_ROUTES_BASE_URL` point the skill elsewhere (a test at a
 * loopback fake). Failures are answered gracefully, the key never logged.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

const Name = Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/))
const Mode = Schema.Literal("driving", "walking", "bicycling", "transit")

/**
 * The parameters of `google_maps`.
 *
 * @example
 * ```ts
 * import * as GoogleMaps from "@signalwire-effect/agents/skills/GoogleMaps"
 *
 * const params: typeof GoogleMaps.Parameters.Encoded = { default_mode: "walking", route_tool_name: "get_directions" }
 * ```
 * @since 0.1.0
 */
export const Parameters = Schema.Struct({
  api_key: Schema.optional(Schema.Redacted(Schema.String)).annotations({ description: "Google Maps API key (else GOOGLE_MAPS_API_KEY)" }),
  lookup_tool_name: Schema.optionalWith(Name, { default: () => "lookup_address" }),
  route_tool_name: Schema.optionalWith(Name, { default: () => "compute_route" }),
  geocode_tool_name: Schema.optionalWith(Name, { default: () => "geocode_address" }),
  route_by_coords_tool_name: Schema.optionalWith(Name, { default: () => "compute_route_by_coords" }),
  default_mode: Schema.optionalWith(Mode, { default: () => "driving" as const }).annotations({ description: "Default travel mode" }),
  timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 30 }).annotations({
    description: "Timeout of one request to Google, in seconds"
  })
})

const Text = Schema.Struct({ text: Schema.String })
const Directions = Schema.Struct({
  status: Schema.String,
  routes: Schema.optionalWith(
    Schema.Array(Schema.Struct({
      summary: Schema.optionalWith(Schema.String, { default: () => "" }),
      warnings: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
      legs: Schema.Array(Schema.Struct({
        distance: Text,
        duration: Text,
        start_address: Schema.String,
        end_address: Schema.String,
        steps: Schema.optionalWith(
          Schema.Array(Schema.Struct({ html_instructions: Schema.String, distance: Text, duration: Text })),
          { default: () => [] }
        )
      }))
    })),
    { default: () => [] }
  )
})
const LatLng = Schema.Struct({ lat: Schema.Number, lng: Schema.Number })
const Places = Schema.Struct({
  status: Schema.String,
  candidates: Schema.optionalWith(
    Schema.Array(Schema.Struct({
      name: Schema.String,
      formatted_address: Schema.String,
      geometry: Schema.optional(Schema.Struct({ location: LatLng })),
      rating: Schema.optional(Schema.Number),
      user_ratings_total: Schema.optional(Schema.Number),
      opening_hours: Schema.optional(Schema.Struct({ open_now: Schema.optional(Schema.Boolean) })),
      business_status: Schema.optional(Schema.String),
      types: Schema.optional(Schema.Array(Schema.String))
    })),
    { default: () => [] }
  )
})
const Geocoding = Schema.Struct({
  status: Schema.String,
  results: Schema.optionalWith(
    Schema.Array(Schema.Struct({ formatted_address: Schema.String, geometry: Schema.Struct({ location: LatLng }) })),
    { default: () => [] }
  )
})
const Routes = Schema.Struct({
  routes: Schema.optionalWith(
    Schema.Array(Schema.Struct({ distanceMeters: Schema.optional(Schema.Number), duration: Schema.optional(Schema.String) })),
    { default: () => [] }
  )
})

const UNAVAILABLE = "The request could not be completed. Please try again."
const TOO_LONG = "Input is too long."

const stripHtml = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").trim()

const graceful = <R>(effect: Effect.Effect<FunctionResult.FunctionResult, SkillHttp.SkillHttpError, R>) =>
  Effect.catchTag(effect, "SkillHttpError", (e) => SkillHttp.logFailure("google_maps", e).pipe(Effect.as(FunctionResult.make(UNAVAILABLE))))

/** The capped, trimmed text, or the reply to give instead. */
const input = (text: string | undefined, empty: string): Either.Either<string, FunctionResult.FunctionResult> => {
  if (text === undefined || text.trim().length === 0) return Either.left(FunctionResult.make(empty))
  return Either.mapLeft(SkillHttp.capInput(text), () => FunctionResult.make(TOO_LONG))
}

/**
 * The `google_maps` skill (single instance). Its tools need an `HttpClient`.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { GoogleMaps } from "@signalwire-effect/agents/skills/GoogleMaps"
 *
 * const agent = AgentBase.make({ name: "dispatch", route: "/dispatch", prompt: "You plan deliveries." }).pipe(
 *   AgentBase.addSkill(GoogleMaps, { default_mode: "driving" })
 * )
 * ```
 * @since 0.1.0
 */
export const GoogleMaps: Skill.Skill<typeof Parameters.Type, HttpClient.HttpClient> = Skill.make({
  name: "google_maps",
  description: "Validate addresses and compute driving routes using Google Maps",
  parameters: Parameters,
  setup: (params) =>
    Effect.gen(function*() {
      const key = params.api_key ?? (yield* Config.redacted("GOOGLE_MAPS_API_KEY"))
      const maps = yield* SkillHttp.baseUrl("GOOGLE_MAPS_BASE_URL", "https://maps.googleapis.com")
      const routes = yield* SkillHttp.baseUrl("GOOGLE_ROUTES_BASE_URL", "https://routes.googleapis.com")
      const timeout = Duration.seconds(params.timeout)
      const get = <A, I>(path: string, schema: Schema.Schema<A, I>, query: Record<string, string | undefined>) =>
        SkillHttp.getJson(`${maps}${path}`, schema, { timeout, query: { ...query, key: Redacted.value(key) } })

      const computeRoute = Skill.tool({
        name: params.route_tool_name,
        description: "Get directions between two locations. Returns distance, duration, and step-by-step directions summary.",
        parameters: Schema.Struct({
          origin: Schema.String.annotations({ description: "Starting location (address, city name, or place name)." }),
          destination: Schema.String.annotations({ description: "Destination location (address, city name, or place name)." }),
          mode: Schema.optional(Schema.String.annotations({
            description: `Travel mode: "driving", "walking", "bicycling", or "transit". Defaults to "${params.default_mode}".`
          }))
        }),
        handler: (args) => {
          const origin = input(args.origin, "Please provide a starting location (origin).")
          if (Either.isLeft(origin)) return Effect.succeed(origin.left)
          const destination = input(args.destination, "Please provide a destination.")
          if (Either.isLeft(destination)) return Effect.succeed(destination.left)
          const mode = Schema.is(Mode)(args.mode) ? args.mode : params.default_mode
          return graceful(
            get("/maps/api/directions/json", Directions, { origin: origin.right, destination: destination.right, mode }).pipe(
              Effect.map((data) => {
                const route = data.routes[0]
                const leg = route?.legs[0]
                if (data.status !== "OK" && data.status !== "ZERO_RESULTS") {
                  return FunctionResult.make(
                    `Could not get directions from "${origin.right}" to "${destination.right}". Please check the locations and try again.`
                  )
                }
                if (route === undefined || leg === undefined) {
                  return FunctionResult.make(`No routes found from "${origin.right}" to "${destination.right}".`)
                }
                const lines = [
                  `Directions from ${leg.start_address} to ${leg.end_address}:`,
                  `Mode: ${mode}`,
                  `Distance: ${leg.distance.text}`,
                  `Estimated duration: ${leg.duration.text}`,
                  ...(route.summary.length > 0 ? [`Route: via ${route.summary}`] : []),
                  "",
                  "Steps:",
                  ...leg.steps.slice(0, 10).map((s, i) => `${i + 1}. ${stripHtml(s.html_instructions)} (${s.distance.text}, ${s.duration.text})`),
                  ...(leg.steps.length > 10 ? [`... and ${leg.steps.length - 10} more steps.`] : []),
                  ...(route.warnings.length > 0 ? ["", `Note: ${route.warnings.join(" ")}`] : [])
                ]
                return FunctionResult.make(lines.join("\n"))
              })
            )
          )
        }
      })

      const lookupAddress = Skill.tool({
        name: params.lookup_tool_name,
        description: "Search for a place by name or description. Returns the place name, address, rating, and whether it is currently open.",
        parameters: Schema.Struct({
          query: Schema.String.annotations({ description: "The place to search for (e.g. \"pharmacy in Chicago\", \"Eiffel Tower\")." })
        }),
        handler: (args) => {
          const query = input(args.query, "Please provide a place to search for.")
          if (Either.isLeft(query)) return Effect.succeed(query.left)
          return graceful(
            get("/maps/api/place/findplacefromtext/json", Places, {
              input: query.right,
              inputtype: "textquery",
              fields: "name,formatted_address,geometry,rating,user_ratings_total,opening_hours,business_status,types"
            }).pipe(
              Effect.map((data) => {
                const place = data.candidates[0]
                if (data.status !== "OK" && data.status !== "ZERO_RESULTS") {
                  return FunctionResult.make("The place search service encountered an error. Please try again later.")
                }
                if (place === undefined) return FunctionResult.make(`No places found for "${query.right}". Try a different search term.`)
                const types = (place.types ?? [])
                  .filter((t) => !t.startsWith("point_of_interest") && !t.startsWith("establishment"))
                  .slice(0, 5)
                  .map((t) => t.replace(/_/g, " "))
                const lines = [
                  `Place found: ${place.name}`,
                  `Address: ${place.formatted_address}`,
                  ...(place.rating === undefined
                    ? []
                    : [`Rating: ${place.rating}/5${place.user_ratings_total === undefined ? "" : ` (${place.user_ratings_total} reviews)`}`]),
                  ...(place.opening_hours?.open_now === undefined ? [] : [`Currently open: ${place.opening_hours.open_now ? "Yes" : "No"}`]),
                  ...(place.business_status === undefined || place.business_status === "OPERATIONAL"
                    ? []
                    : [`Status: ${place.business_status.toLowerCase().replace(/_/g, " ")}`]),
                  ...(types.length > 0 ? [`Type: ${types.join(", ")}`] : []),
                  ...(place.geometry === undefined ? [] : [`Coordinates: ${place.geometry.location.lat}, ${place.geometry.location.lng}`])
                ]
                return FunctionResult.make(lines.join("\n"))
              })
            )
          )
        }
      })

      const geocodeAddress = Skill.tool({
        name: params.geocode_tool_name,
        description: "Geocode an address or business name to latitude and longitude, optionally biased toward a known location.",
        parameters: Schema.Struct({
          address: Schema.String.annotations({ description: "The address or business name to geocode." }),
          bias_lat: Schema.optional(Schema.Number.annotations({ description: "Latitude to bias results toward." })),
          bias_lng: Schema.optional(Schema.Number.annotations({ description: "Longitude to bias results toward." }))
        }),
        handler: (args) => {
          const address = input(args.address, "Please provide an address or business name to look up.")
          if (Either.isLeft(address)) return Effect.succeed(address.left)
          const d = 0.45 // about 50 km
          const bounds = args.bias_lat !== undefined && args.bias_lng !== undefined
            ? `${args.bias_lat - d},${args.bias_lng - d}|${args.bias_lat + d},${args.bias_lng + d}`
            : undefined
          return graceful(
            get("/maps/api/geocode/json", Geocoding, { address: address.right, bounds }).pipe(
              Effect.map((data) => {
                const result = data.results[0]
                if (data.status !== "OK" || result === undefined) {
                  return FunctionResult.make("I couldn't find that address. Could you provide a more specific address?")
                }
                const { lat, lng } = result.geometry.location
                return FunctionResult.make(`Address: ${result.formatted_address}\nCoordinates: ${lat}, ${lng}`)
              })
            )
          )
        }
      })

      const routeByCoords = Skill.tool({
        name: params.route_by_coords_tool_name,
        description: "Compute a driving route between two coordinates (Google Routes API): distance and estimated travel time.",
        parameters: Schema.Struct({
          origin_lat: Schema.Number.annotations({ description: "Origin latitude." }),
          origin_lng: Schema.Number.annotations({ description: "Origin longitude." }),
          dest_lat: Schema.Number.annotations({ description: "Destination latitude." }),
          dest_lng: Schema.Number.annotations({ description: "Destination longitude." })
        }),
        handler: (args) =>
          graceful(
            SkillHttp.postJson(`${routes}/directions/v2:computeRoutes`, {
              origin: { location: { latLng: { latitude: args.origin_lat, longitude: args.origin_lng } } },
              destination: { location: { latLng: { latitude: args.dest_lat, longitude: args.dest_lng } } },
              travelMode: "DRIVE",
              routingPreference: "TRAFFIC_AWARE"
            }, Routes, {
              timeout,
              headers: { "X-Goog-Api-Key": Redacted.value(key), "X-Goog-FieldMask": "routes.distanceMeters,routes.duration" }
            }).pipe(
              Effect.map((data) => {
                const route = data.routes[0]
                if (route === undefined) {
                  return FunctionResult.make("I couldn't compute a route between those locations. Please verify the coordinates.")
                }
                const miles = (route.distanceMeters ?? 0) / 1609.344
                const minutes = Math.floor((route.duration === undefined ? 0 : parseInt(route.duration.replace(/s$/, ""), 10)) / 60)
                return FunctionResult.make(`Distance: ${miles.toFixed(1)} miles\nEstimated travel time: ${minutes} minutes`)
              })
            )
          )
      })

      return {
        tools: [computeRoute, lookupAddress, geocodeAddress, routeByCoords],
        hints: ["address", "location", "route", "directions", "miles", "distance"],
        promptSections: [{
          title: "Google Maps & Directions",
          body: "You can look up directions between locations and search for places.",
          bullets: [
            `Use the ${params.route_tool_name} tool for driving, walking, bicycling, or transit directions between two locations.`,
            `The default travel mode is ${params.default_mode}. The user can request a different mode.`,
            `Use the ${params.lookup_tool_name} tool to search for businesses, landmarks, or any point of interest.`,
            `Use the ${params.geocode_tool_name} tool to turn an address or business name into latitude and longitude.`,
            `Use the ${params.route_by_coords_tool_name} tool for driving distance and travel time between two sets of coordinates.`,
            "Summarize directions naturally rather than reading each step verbatim unless the user asks for details."
          ],
          subsections: []
        }]
      }
    })
})
