import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase } from "../../src/index.js"
import { GoogleMaps } from "../../src/skills/GoogleMaps.js"
import { base, served, withConfig } from "../fixtures/knowledge.js"
import { type Received, loopbackApi } from "../fixtures/loopbackApi.js"
import { functionsOf, live } from "../fixtures/skills.js"

const directions = {
  status: "OK",
  routes: [{
    summary: "I-90 W",
    warnings: ["Tolls ahead."],
    legs: [{
      distance: { text: "10.2 mi" },
      duration: { text: "18 mins" },
      start_address: "Chicago, IL, USA",
      end_address: "Evanston, IL, USA",
      steps: Array.from({ length: 12 }, (_, i) => ({
        html_instructions: `Turn <b>left</b>&nbsp;onto Street ${i + 1}`,
        distance: { text: "1 mi" },
        duration: { text: "2 mins" }
      }))
    }]
  }]
}

const fakeMaps = () =>
  loopbackApi((r: Received) => {
    const url = new URL(r.path, "http://x")
    const q = url.searchParams
    if (url.pathname === "/maps/api/directions/json") {
      if (q.get("origin") === "Nowhere") return { json: { status: "NOT_FOUND", routes: [] } }
      if (q.get("origin") === "Crash") return { status: 500, text: "oops" }
      if (q.get("origin") === "Slow") return "hang"
      return { json: directions }
    }
    if (url.pathname === "/maps/api/place/findplacefromtext/json") {
      if (q.get("input") === "nothing") return { json: { status: "ZERO_RESULTS", candidates: [] } }
      return {
        json: {
          status: "OK",
          candidates: [{
            name: "Blue Door Pharmacy",
            formatted_address: "1 Main St, Chicago",
            geometry: { location: { lat: 41.88, lng: -87.63 } },
            rating: 4.5,
            user_ratings_total: 120,
            opening_hours: { open_now: true },
            business_status: "CLOSED_TEMPORARILY",
            types: ["pharmacy", "point_of_interest", "health", "establishment"]
          }]
        }
      }
    }
    if (url.pathname === "/maps/api/geocode/json") {
      return { json: { status: "OK", results: [{ formatted_address: "1600 Amphitheatre Pkwy", geometry: { location: { lat: 37.42, lng: -122.08 } } }] } }
    }
    if (url.pathname === "/directions/v2:computeRoutes") return { json: { routes: [{ distanceMeters: 16093, duration: "1260s" }] } }
    return { status: 404, text: "" }
  })

describe("google_maps", () => {
  it.scopedLive("four tools (renamable) against a fake Google: directions, places, geocoding, routes by coordinates", () =>
    Effect.gen(function*() {
      const api = yield* fakeMaps()
      const agent = yield* base().pipe(
        AgentBase.addSkill(GoogleMaps, { route_tool_name: "get_directions", default_mode: "walking" }),
        withConfig({ GOOGLE_MAPS_API_KEY: "maps-key-1", GOOGLE_MAPS_BASE_URL: api.origin, GOOGLE_ROUTES_BASE_URL: `${api.origin}/` })
      )
      const { call, document } = yield* live(agent, served())
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual([
        "get_directions",
        "lookup_address",
        "geocode_address",
        "compute_route_by_coords"
      ])
      const route = yield* call("get_directions", { origin: " Chicago ", destination: "Evanston", mode: "teleport" })
      const text: string = route.body["response"]
      expect(text.split("\n").slice(0, 8)).toEqual([
        "Directions from Chicago, IL, USA to Evanston, IL, USA:",
        "Mode: walking",
        "Distance: 10.2 mi",
        "Estimated duration: 18 mins",
        "Route: via I-90 W",
        "",
        "Steps:",
        "1. Turn left onto Street 1 (1 mi, 2 mins)"
      ])
      expect(text).toContain("10. Turn left onto Street 10")
      expect(text).toContain("... and 2 more steps.\n\nNote: Tolls ahead.")
      const sent = new URL(api.received[0]!.path, "http://x").searchParams
      expect(Object.fromEntries(sent)).toEqual({ origin: "Chicago", destination: "Evanston", mode: "walking", key: "maps-key-1" })

      const place = yield* call("lookup_address", { query: "pharmacy in Chicago" })
      expect(place.body["response"]).toBe([
        "Place found: Blue Door Pharmacy",
        "Address: 1 Main St, Chicago",
        "Rating: 4.5/5 (120 reviews)",
        "Currently open: Yes",
        "Status: closed temporarily",
        "Type: pharmacy, health",
        "Coordinates: 41.88, -87.63"
      ].join("\n"))
      expect((yield* call("lookup_address", { query: "nothing" })).body["response"]).toBe(
        "No places found for \"nothing\". Try a different search term."
      )

      const geo = yield* call("geocode_address", { address: "Googleplex", bias_lat: 37.4, bias_lng: -122 })
      expect(geo.body["response"]).toBe("Address: 1600 Amphitheatre Pkwy\nCoordinates: 37.42, -122.08")
      const geoQuery = new URL(api.received.at(-1)!.path, "http://x").searchParams
      expect(geoQuery.get("bounds")).toBe(`${37.4 - 0.45},${-122 - 0.45}|${37.4 + 0.45},${-122 + 0.45}`)

      const coords = yield* call("compute_route_by_coords", { origin_lat: 41.88, origin_lng: -87.63, dest_lat: 42.04, dest_lng: -87.69 })
      expect(coords.body["response"]).toBe("Distance: 10.0 miles\nEstimated travel time: 21 minutes")
      const post = api.received.at(-1)!
      expect(post.method).toBe("POST")
      expect(post.headers["x-goog-api-key"]).toBe("maps-key-1")
      expect(post.headers["x-goog-fieldmask"]).toBe("routes.distanceMeters,routes.duration")
      expect(post.json).toEqual({
        origin: { location: { latLng: { latitude: 41.88, longitude: -87.63 } } },
        destination: { location: { latLng: { latitude: 42.04, longitude: -87.69 } } },
        travelMode: "DRIVE",
        routingPreference: "TRAFFIC_AWARE"
      })
    }))

  it.scopedLive("API errors, failures and timeouts are answered gracefully; input is checked", () =>
    Effect.gen(function*() {
      const api = yield* fakeMaps()
      const agentWith = (params: Record<string, unknown>) =>
        base().pipe(AgentBase.addSkill(GoogleMaps, params), withConfig({ GOOGLE_MAPS_BASE_URL: api.origin }))
      const { call } = yield* live(yield* agentWith({ api_key: "param-key" }), served())
      const route = (origin: string) => Effect.map(call("compute_route", { origin, destination: "Evanston" }), (r) => r.body["response"])
      expect(yield* route("Nowhere")).toBe("Could not get directions from \"Nowhere\" to \"Evanston\". Please check the locations and try again.")
      expect(yield* route("Crash")).toBe("The request could not be completed. Please try again.")
      const impatient = yield* live(yield* agentWith({ api_key: "param-key", timeout: 0.2 }), served())
      const slow = yield* impatient.call("compute_route", { origin: "Slow", destination: "Evanston" })
      expect(slow.body["response"]).toBe("The request could not be completed. Please try again.")
      expect(api.received.filter((r) => r.path.includes("origin=Slow"))).toHaveLength(1)
      expect(yield* route("  ")).toBe("Please provide a starting location (origin).")
      expect(yield* route("x".repeat(1001))).toBe("Input is too long.")
      expect(new URL(api.received[0]!.path, "http://x").searchParams.get("key")).toBe("param-key")
    }))

  it.scopedLive("no key is a ConfigError when added; private addresses are refused unless allowed", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(base().pipe(AgentBase.addSkill(GoogleMaps), withConfig({})))
      expect(missing._tag).toBe("ConfigError")
      expect(String(missing)).toContain("GOOGLE_MAPS_API_KEY")
      const api = yield* fakeMaps()
      const agent = yield* base().pipe(AgentBase.addSkill(GoogleMaps, { api_key: "k" }), withConfig({ GOOGLE_MAPS_BASE_URL: api.origin }))
      const { call } = yield* live(agent, served({}))
      const refused = yield* call("lookup_address", { query: "pharmacy" })
      expect(refused.body["response"]).toBe("The request could not be completed. Please try again.")
      expect(api.received).toHaveLength(0)
    }))
})
