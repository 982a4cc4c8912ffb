/**
 * weather_api, api_ninjas_trivia, wikipedia_search, ask_claude: each against a loopback fake of
 * its API, called the way SignalWire calls a tool (over HTTP, through the agent).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { ApiNinjasTrivia } from "../../src/skills/ApiNinjasTrivia.js"
import { AskClaude } from "../../src/skills/AskClaude.js"
import { WeatherApi } from "../../src/skills/WeatherApi.js"
import { WikipediaSearch } from "../../src/skills/WikipediaSearch.js"
import { fakeApi } from "../fixtures/fakeApi.js"
import { addFails, responseOf, serveSkill } from "../fixtures/outbound.js"
import { functionsOf } from "../fixtures/skills.js"

const paris = {
  name: "Paris",
  sys: { country: "FR" },
  main: { temp: 18.5, feels_like: 17.9, temp_min: 16, temp_max: 20, humidity: 71, pressure: 1012 },
  weather: [{ main: "Rain", description: "light rain" }],
  wind: { speed: 4.1, deg: 250 },
  clouds: { all: 75 },
  visibility: 10000,
  cod: 200
}

describe("weather_api", () => {
  it.scopedLive("asks OpenWeatherMap (path, q, appid, units) and answers the conditions", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi(() => ({ json: paris }))
      const { call, document } = yield* serveSkill(WeatherApi, { units: "celsius" }, {
        WEATHER_API_KEY: "wk-123",
        WEATHER_API_BASE_URL: api.origin,
        SWML_ALLOW_PRIVATE_URLS: "true"
      })
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual(["get_weather"])
      const reply = yield* call("get_weather", { location: " Paris,FR " })
      expect(reply.status).toBe(200)
      expect(responseOf(reply)).toBe(
        "Current weather in Paris, FR: light rain. Temperature 18.5°C, feels like 17.9°C. High 20°C, low 16°C. " +
          "Humidity 71%. Wind 4.1 meters per second. Cloud cover 75%. Visibility 10.0 km."
      )
      const [req] = api.received
      expect(req!.path).toBe("/data/2.5/weather")
      expect(Object.fromEntries(req!.query)).toEqual({ q: "Paris,FR", appid: "wk-123", units: "metric" })
    }))

  it.scopedLive("API 500, unknown place (404), timeout, over-long input: graceful answers", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) =>
        r.query.get("q") === "Atlantis"
          ? { status: 404, json: { cod: "404", message: "city not found" } }
          : r.query.get("q") === "Slow"
          ? "hang"
          : { status: 500, json: { message: "boom" } }
      )
      const env = { WEATHER_API_BASE_URL: api.origin, SWML_ALLOW_PRIVATE_URLS: "true" }
      const { call } = yield* serveSkill(WeatherApi, { api_key: "param-key", tool_name: "wx" }, env)
      expect(responseOf(yield* call("wx", { location: "Rome" }))).toBe(
        "I couldn't reach the weather service right now. Please try again later."
      )
      expect(responseOf(yield* call("wx", { location: "Atlantis" }))).toContain("couldn't find a place called \"Atlantis\"")
      // a short timeout only where the API never answers (the machine may be slow)
      const impatient = yield* serveSkill(WeatherApi, { api_key: "param-key", tool_name: "wx", timeout: 0.3 }, env)
      expect(responseOf(yield* impatient.call("wx", { location: "Slow" }))).toBe(
        "The weather service did not answer in time. Please try again in a moment."
      )
      expect(responseOf(yield* call("wx", { location: "x".repeat(1001) }))).toContain("too long")
      expect(api.received.map((r) => r.query.get("appid"))).toEqual(["param-key", "param-key", "param-key"])
    }))

  it.effect("a missing key is a ConfigError when the skill is added", () =>
    Effect.gen(function*() {
      const failure = yield* addFails(WeatherApi, {}, {})
      expect(failure.tag).toBe("ConfigError")
      expect(failure.message).toContain("WEATHER_API_KEY")
    }))

  it.scopedLive("a private base address is refused unless SWML_ALLOW_PRIVATE_URLS=true: nothing is sent", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi(() => ({ json: paris }))
      const { call } = yield* serveSkill(WeatherApi, {}, { WEATHER_API_KEY: "k", WEATHER_API_BASE_URL: api.origin })
      expect(responseOf(yield* call("get_weather", { location: "Paris" }))).toBe(
        "I can't reach the weather service: its address is not allowed."
      )
      expect(api.received).toHaveLength(0)
    }))
})

describe("api_ninjas_trivia", () => {
  const question = [{ category: "music", question: "Who wrote Bolero?", answer: "Ravel" }]

  it.scopedLive("category, X-Api-Key header, quiz mode by default; reveal_answer; two instances", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi(() => ({ json: question }))
      const env = { API_NINJAS_KEY: "nk-1", API_NINJAS_BASE_URL: api.origin, SWML_ALLOW_PRIVATE_URLS: "true" }
      const quiz = yield* serveSkill(ApiNinjasTrivia, { categories: ["music", "geography"] }, env)
      const asked = responseOf(yield* quiz.call("get_trivia", { category: "Music" }))
      expect(asked).toContain("Who wrote Bolero?")
      expect(asked).toContain("[The answer is: Ravel.")
      const [req] = api.received
      expect(req!.path).toBe("/v1/trivia")
      expect(req!.query.get("category")).toBe("music")
      expect(req!.headers["x-api-key"]).toBe("nk-1")
      expect(responseOf(yield* quiz.call("get_trivia", { category: "sports" }))).toBe(
        "I have no \"sports\" trivia. Categories: music, geography."
      )
      expect(api.received).toHaveLength(1)
      const open = yield* serveSkill(ApiNinjasTrivia, { tool_name: "music_quiz", reveal_answer: true, default_category: "music" }, env)
      expect(functionsOf(yield* open.document()).map((f) => f["function"])).toEqual(["music_quiz"])
      expect(responseOf(yield* open.call("music_quiz", {}))).toBe("Trivia (music): Who wrote Bolero? Answer: Ravel")
      expect(api.received[1]!.query.get("category")).toBe("music")
    }))

  it.scopedLive("API 500 and timeout answered gracefully; missing key at add time; private refused", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) => (r.query.get("category") === "music" ? "hang" : { status: 500, json: {} }))
      const env = { API_NINJAS_KEY: "nk", API_NINJAS_BASE_URL: api.origin, SWML_ALLOW_PRIVATE_URLS: "true" }
      const { call } = yield* serveSkill(ApiNinjasTrivia, {}, env)
      expect(responseOf(yield* call("get_trivia", {}))).toBe("I couldn't reach the trivia service right now. Please try again later.")
      const impatient = yield* serveSkill(ApiNinjasTrivia, { timeout: 0.3 }, env)
      expect(responseOf(yield* impatient.call("get_trivia", { category: "music" }))).toContain("did not answer in time")
      const missing = yield* addFails(ApiNinjasTrivia, {}, {})
      expect([missing.tag, missing.message.includes("API_NINJAS_KEY")]).toEqual(["ConfigError", true])
      const closed = yield* serveSkill(ApiNinjasTrivia, {}, { API_NINJAS_KEY: "nk", API_NINJAS_BASE_URL: api.origin })
      expect(responseOf(yield* closed.call("get_trivia", {}))).toContain("address is not allowed")
      expect(api.received).toHaveLength(2)
    }))
})

describe("wikipedia_search", () => {
  it.scopedLive("searches, then fetches each article's extract (snippet as fallback); no results message", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) => {
        if (r.query.get("list") === "search") {
          return r.query.get("srsearch") === "nothing"
            ? { json: { query: { search: [] } } }
            : {
              json: {
                query: {
                  search: [
                    { title: "Ada Lovelace", snippet: "an <span class=\"searchmatch\">English</span> mathematician" },
                    { title: "Analytical Engine", snippet: "a <b>proposed</b> computer" }
                  ]
                }
              }
            }
        }
        return r.query.get("titles") === "Ada Lovelace"
          ? { json: { query: { pages: { "1": { title: "Ada Lovelace", extract: "Ada was a mathematician." } } } } }
          : { status: 500, json: {} }
      })
      const { call } = yield* serveSkill(WikipediaSearch, { num_results: 2, no_results_message: "Nothing on {query}." }, {
        WIKIPEDIA_BASE_URL: api.origin,
        SWML_ALLOW_PRIVATE_URLS: "true"
      })
      const reply = responseOf(yield* call("search_wiki", { query: "Ada Lovelace" }))
      expect(reply).toBe(`**Ada Lovelace**\n\nAda was a mathematician.\n\n${"=".repeat(50)}\n\n**Analytical Engine**\n\na proposed computer`)
      const [search, ...extracts] = api.received
      expect(search!.path).toBe("/api.php")
      expect(Object.fromEntries(search!.query)).toEqual({
        action: "query", list: "search", format: "json", srsearch: "Ada Lovelace", srlimit: "2"
      })
      expect(search!.headers["user-agent"]).toContain("signalwire-effect")
      expect(extracts.map((r) => [r.query.get("prop"), r.query.get("titles")]).sort()).toEqual([
        ["extracts", "Ada Lovelace"],
        ["extracts", "Analytical Engine"]
      ])
      expect(responseOf(yield* call("search_wiki", { query: "nothing" }))).toBe("Nothing on nothing.")
    }))

  it.scopedLive("API 500, timeout, private refused", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) => (r.query.get("srsearch") === "slow" ? "hang" : { status: 500, json: {} }))
      const env = { WIKIPEDIA_BASE_URL: api.origin, SWML_ALLOW_PRIVATE_URLS: "true" }
      const { call } = yield* serveSkill(WikipediaSearch, {}, env)
      expect(responseOf(yield* call("search_wiki", { query: "x" }))).toContain("couldn't reach the Wikipedia service")
      const impatient = yield* serveSkill(WikipediaSearch, { timeout: 0.3 }, env)
      expect(responseOf(yield* impatient.call("search_wiki", { query: "slow" }))).toContain("did not answer in time")
      const closed = yield* serveSkill(WikipediaSearch, {}, { WIKIPEDIA_BASE_URL: api.origin })
      expect(responseOf(yield* closed.call("search_wiki", { query: "x" }))).toContain("address is not allowed")
      expect(api.received).toHaveLength(2)
    }))
})

describe("ask_claude", () => {
  it.scopedLive("POSTs to /v1/messages with the key, version, model, max_tokens, system; answers the text", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) =>
        JSON.parse(r.body).messages[0].content === "slow"
          ? "hang"
          : JSON.parse(r.body).messages[0].content === "fail"
          ? { status: 529, json: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }
          : { json: { id: "msg_1", type: "message", role: "assistant", content: [{ type: "text", text: "42." }] } }
      )
      const env = { ANTHROPIC_API_KEY: "sk-ant-1", ANTHROPIC_BASE_URL: api.origin, SWML_ALLOW_PRIVATE_URLS: "true" }
      const { call } = yield* serveSkill(AskClaude, { model: "claude-test", max_tokens: 64 }, env)
      expect(responseOf(yield* call("ask_claude", { prompt: "The answer?", system_prompt: "Be brief." }))).toBe("42.")
      const [req] = api.received
      expect([req!.method, req!.path]).toEqual(["POST", "/v1/messages"])
      expect(req!.headers["x-api-key"]).toBe("sk-ant-1")
      expect(req!.headers["anthropic-version"]).toBe("2023-06-01")
      expect(JSON.parse(req!.body)).toEqual({
        model: "claude-test",
        max_tokens: 64,
        messages: [{ role: "user", content: "The answer?" }],
        system: "Be brief."
      })
      expect(responseOf(yield* call("ask_claude", { prompt: "fail" }))).toContain("couldn't reach the Claude service")
      const impatient = yield* serveSkill(AskClaude, { timeout: 0.3 }, env)
      expect(responseOf(yield* impatient.call("ask_claude", { prompt: "slow" }))).toContain("did not answer in time")
      const missing = yield* addFails(AskClaude, {}, {})
      expect([missing.tag, missing.message.includes("ANTHROPIC_API_KEY")]).toEqual(["ConfigError", true])
      const closed = yield* serveSkill(AskClaude, {}, { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: api.origin })
      expect(responseOf(yield* closed.call("ask_claude", { prompt: "hi" }))).toContain("address is not allowed")
      expect(api.received).toHaveLength(3)
    }))
})
