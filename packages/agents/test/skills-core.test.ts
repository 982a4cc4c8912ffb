import { describe, expect, it } from "@effect/vitest"
import { FunctionResult, Pom } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AgentBase, Skill, SkillRegistry, ToolToken } from "../src/index.js"
import { Datetime } from "../src/skills/Datetime.js"
import { Joke } from "../src/skills/Joke.js"
import { MathSkill } from "../src/skills/Math.js"
import { basicAuth } from "./fixtures/server.js"
import { aiOf, functionsOf, live } from "./fixtures/skills.js"

const base = () => AgentBase.make({ name: "helper", route: "/helper", basicAuth, prompt: "You are helpful." })

/** A multi-instance skill of the test: one `lookup` tool per instance, named by `tool_name`. */
const Lookup = Skill.make({
  name: "lookup",
  description: "Look things up",
  multipleInstances: true,
  parameters: Schema.Struct({
    tool_name: Schema.optionalWith(Schema.String, { default: () => "lookup" }),
    answer: Schema.String
  }),
  setup: ({ answer, tool_name }, context) =>
    Effect.succeed({
      tools: [Skill.tool({
        name: tool_name,
        description: "Look up",
        parameters: Schema.Struct({ q: Schema.String }),
        handler: ({ q }) => Effect.succeed(FunctionResult.make(`${context.instanceKey}: ${q} -> ${answer}`))
      })],
      hints: [answer],
      globalData: { [`skill:${context.instanceKey}`]: { answer } },
      promptSections: [Pom.section(`Lookup ${tool_name}`, { body: `Use ${tool_name}.` })],
      swml: { before: [{ play: { url: `say:${tool_name}` } }] }
    })
})

/** A skill whose API key comes from its parameters or else from the configuration. */
const Keyed = Skill.make({
  name: "keyed",
  description: "Needs a key",
  parameters: Schema.Struct({ api_key: Schema.optional(Schema.Redacted(Schema.String)) }),
  setup: ({ api_key }) =>
    Effect.gen(function*() {
      const key = api_key ?? (yield* Config.redacted("KEYED_API_KEY"))
      return {
        tools: [Skill.tool({
          name: "keyed_tool",
          description: "Uses the key",
          parameters: Schema.Struct({}),
          handler: () => Effect.succeed(FunctionResult.make(`key length ${Redacted.value(key).length}`))
        })]
      }
    })
})

/** The fields of a failure, for assertions (vitest cannot print Effect's error objects). */
const fieldsOf = (e: unknown) => {
  const { _tag, message, reason, skill } = e as { _tag: string; message: string; reason?: string; skill?: string }
  return { _tag, message, reason, skill }
}

const withConfig = (map: ReadonlyArray<readonly [string, string]>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(map)))

describe("skills: the core", () => {
  it.scopedLive("datetime: time and date in a zone; an unknown zone is answered gracefully", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(Datetime))
      const { call, document } = yield* live(agent, Layer.empty)
      const names = functionsOf(yield* document()).map((f) => f["function"])
      expect(names).toEqual(["get_current_time", "get_current_date"])
      const time = yield* call("get_current_time", { timezone: "Asia/Tokyo" })
      expect(time.status).toBe(200)
      expect(time.body["response"]).toMatch(/^The current time is \d\d:\d\d:\d\d [AP]M GMT\+9$/)
      const date = yield* call("get_current_date", {})
      expect(date.body["response"]).toMatch(/^Today's date is [A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/)
      const bad = yield* call("get_current_time", { timezone: "Mars/Olympus" })
      expect(bad.status).toBe(200)
      expect(bad.body["response"]).toContain("\"Mars/Olympus\" is not a time zone I know")
    }))

  it.scopedLive("math: arithmetic without eval; division by zero and garbage answered gracefully", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(MathSkill))
      const { call } = yield* live(agent, Layer.empty)
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["2 + 3 * 4", "The result of 2 + 3 * 4 is 14."],
        ["(10 - 4) ** 2", "The result of (10 - 4) ** 2 is 36."],
        ["-2 ^ 2", "The result of -2 ^ 2 is -4."],
        ["2 ** 3 ** 2", "The result of 2 ** 3 ** 2 is 512."],
        ["17 % 5 - -1", "The result of 17 % 5 - -1 is 3."],
        ["1 / 3", "The result of 1 / 3 is 0.333333333333."],
        ["1 / (2 - 2)", "That expression divides by zero, which has no answer."],
        ["process.exit(1)", "I could not evaluate that expression. Use numbers, + - * / % ** and parentheses."],
        ["(1 + 2", "I could not evaluate that expression. Use numbers, + - * / % ** and parentheses."],
        ["10 ** 400", "The result is too large to compute."],
        ["   ", "Please give me a mathematical expression to evaluate."]
      ]
      for (const [expression, response] of cases) {
        const reply = yield* call("calculate", { expression })
        expect(reply.status).toBe(200)
        expect(reply.body["response"]).toBe(response)
      }
      const deep = yield* call("calculate", { expression: "(".repeat(200) + "1" + ")".repeat(200) })
      expect(deep.body["response"]).toBe("That expression is nested too deeply for me to evaluate.")
    }))

  it.scopedLive("joke: a joke of the category asked; an unknown category is answered; tool_name renames the tool", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(Joke, { tool_name: "pun" }))
      const { call, document } = yield* live(agent, Layer.empty)
      const ai = aiOf(yield* document())
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual(["pun"])
      expect(ai["global_data"]).toEqual({ joke_skill_enabled: true })
      const dad = yield* call("pun", { category: "Dad" })
      expect([
        "I'm reading a book about anti-gravity. ... It's impossible to put down.",
        "What did the ocean say to the beach? ... Nothing, it just waved.",
        "Why don't skeletons fight each other? ... They don't have the guts."
      ]).toContain(dad.body["response"])
      const unknown = yield* call("pun", { category: "knock-knock" })
      expect(unknown.body["response"]).toBe("I have no knock-knock jokes. I know general, programming, dad jokes.")
    }))

  it.effect("common params: swaig_fields join each tool definition; skip_prompt leaves the prompt alone", () =>
    Effect.gen(function*() {
      const plain = yield* base().pipe(AgentBase.addSkill(Datetime))
      const withFields = yield* base().pipe(
        AgentBase.addSkill(Datetime, { swaig_fields: { fillers: { "en-US": ["Checking the clock"] }, wait_for_fillers: true }, skip_prompt: true })
      )
      const secret = yield* ToolToken.randomSecret
      const render = (agent: AgentBase.AgentBase<never>) =>
        AgentBase.render(agent, { baseUrl: "https://u:p@agent.example.com/helper", callId: "c-1", secret })
      const shown = aiOf(yield* render(plain))
      expect(shown["prompt"]["text"]).toBe(
        "You are helpful.\n\n## Date and Time Information\n\nYou can provide current date and time information.\n\n" +
          "- Use get_current_time to tell users what time it is.\n- Use get_current_date to tell users today's date.\n" +
          "- Both accept an IANA time zone (America/New_York, Europe/London, Asia/Tokyo); the default is UTC.\n"
      )
      const hidden = aiOf(yield* render(withFields))
      expect(hidden["prompt"]).toEqual({ text: "You are helpful." })
      for (const fn of hidden["SWAIG"]["functions"]) {
        expect(fn["fillers"]).toEqual({ "en-US": ["Checking the clock"] })
        expect(fn["wait_for_fillers"]).toBe(true)
      }
      // A POM prompt gains the sections as POM sections.
      const pom = yield* AgentBase.make({ name: "p", route: "/p", prompt: Pom.make().pipe(Pom.addSection("Role", { body: "Be kind." })) })
        .pipe(AgentBase.addSkill(MathSkill))
      expect(aiOf(yield* render(pom))["prompt"]["pom"].map((s: { title: string }) => s.title)).toEqual(["Role", "Mathematical Calculations"])
    }))

  it.scopedLive("multi-instance: two instances by tool_name; the same key twice and a second single-instance skill are SkillErrors", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(
        AgentBase.addSkill(Lookup, { answer: "red" }),
        Effect.flatMap(AgentBase.addSkill(Lookup, { tool_name: "colour", answer: "blue" }))
      )
      expect(AgentBase.skillsOf(agent)).toEqual(["lookup", "lookup_colour"])
      expect(AgentBase.hasSkill(agent, "lookup")).toBe(true)
      expect(AgentBase.hasSkill(agent, "lookup_colour")).toBe(true)
      const { call, document } = yield* live(agent, Layer.empty)
      const doc = yield* document()
      expect(aiOf(doc)["hints"]).toEqual(["red", "blue"])
      expect(aiOf(doc)["global_data"]).toEqual({ "skill:lookup": { answer: "red" }, "skill:lookup_colour": { answer: "blue" } })
      const main = (doc as { sections: { main: Array<object> } }).sections.main
      expect(main.slice(0, 3)).toEqual([{ answer: {} }, { play: { url: "say:lookup" } }, { play: { url: "say:colour" } }])
      expect((yield* call("colour", { q: "sky" })).body["response"]).toBe("lookup_colour: sky -> blue")
      expect((yield* call("lookup", { q: "rose" })).body["response"]).toBe("lookup: rose -> red")

      const again = yield* Effect.flip(AgentBase.addSkill(Lookup, { tool_name: "colour", answer: "green" })(agent))
      expect(fieldsOf(again)).toMatchObject({ _tag: "SkillError", reason: "duplicate", skill: "lookup" })
      const twice = yield* base().pipe(AgentBase.addSkill(MathSkill), Effect.flatMap(AgentBase.addSkill(MathSkill)), Effect.flip)
      expect(fieldsOf(twice)).toMatchObject({ _tag: "SkillError", reason: "single-instance", skill: "math" })
      // tool_name of a single-instance skill does not make a second instance.
      const single = yield* base().pipe(
        AgentBase.addSkill(Joke),
        Effect.flatMap(AgentBase.addSkill(Joke, { tool_name: "pun" })),
        Effect.flip
      )
      expect(fieldsOf(single).reason).toBe("single-instance")
    }))

  it.effect("a tool name the agent already has is a SkillError at add time", () =>
    Effect.gen(function*() {
      const taken = base().pipe(AgentBase.tool({
        name: "calculate",
        description: "Mine",
        parameters: Schema.Struct({}),
        handler: () => Effect.succeed(FunctionResult.make("mine"))
      }))
      const error = yield* Effect.flip(AgentBase.addSkill(MathSkill)(taken))
      expect(fieldsOf(error)).toMatchObject({ reason: "tool-clash", message: "math: the agent helper already has a tool named calculate" })
    }))

  it.effect("required configuration: missing is a ConfigError when the skill is added; given, the skill works", () =>
    Effect.gen(function*() {
      const missing = yield* AgentBase.addSkill(Keyed)(base()).pipe(Effect.flip, withConfig([]))
      expect(missing._tag).toBe("ConfigError")
      expect(String(missing)).toContain("KEYED_API_KEY")
      const fromEnv = yield* AgentBase.addSkill(Keyed)(base()).pipe(withConfig([["KEYED_API_KEY", "k-123456"]]))
      expect(AgentBase.toolNames(fromEnv)).toEqual(["keyed_tool"])
      const fromParams = yield* AgentBase.addSkill(Keyed, { api_key: "from-params" })(base()).pipe(withConfig([]))
      expect(AgentBase.skillsOf(fromParams)).toEqual(["keyed"])
    }))

  it.effect("bad parameters are a SkillError naming the field, without the value given", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(AgentBase.addSkill(Lookup, { answer: 4242, tool_name: "bad name" })(base()))
      expect(fieldsOf(error).reason).toBe("invalid-params")
      expect(error.message).toContain("tool_name")
      expect(error.message).not.toContain("bad name")
      const own = yield* Effect.flip(AgentBase.addSkill(Lookup, { answer: 4242 })(base()))
      expect(own.message).toBe("lookup: answer: Expected string")
      const notObject = yield* Effect.flip(AgentBase.addSkill(Lookup, ["x"] as never)(base()))
      expect(notObject.message).toBe("lookup: parameters must be an object")
    }))

  it.scopedLive("removeSkill takes back exactly what the instance gave: tools (404 after), hints, data, sections, SWML", () =>
    Effect.gen(function*() {
      const both = yield* base().pipe(
        AgentBase.addSkill(Lookup, { answer: "red" }),
        Effect.flatMap(AgentBase.addSkill(Lookup, { tool_name: "colour", answer: "blue" })),
        Effect.flatMap(AgentBase.addSkill(MathSkill))
      )
      const agent = both.pipe(AgentBase.removeSkill("lookup"), AgentBase.removeSkill("math"), AgentBase.removeSkill("nothing"))
      expect(AgentBase.skillsOf(agent)).toEqual(["lookup_colour"])
      expect(AgentBase.hasSkill(agent, "math")).toBe(false)
      const { call, document, origin } = yield* live(agent, Layer.empty)
      const doc = yield* document()
      const ai = aiOf(doc)
      expect(functionsOf(doc).map((f) => f["function"])).toEqual(["colour"])
      expect(ai["hints"]).toEqual(["blue"])
      expect(ai["global_data"]).toEqual({ "skill:lookup_colour": { answer: "blue" } })
      expect(ai["prompt"]["text"]).toBe("You are helpful.\n\n## Lookup colour\n\nUse colour.\n")
      expect((doc as { sections: { main: Array<object> } }).sections.main.slice(0, 2)).toEqual([{ answer: {} }, { play: { url: "say:colour" } }])
      const gone = yield* call("calculate", { expression: "1+1" })
      expect(gone.status).toBe(404)
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      // Removing everything gives the agent back as it was.
      const empty = agent.pipe(AgentBase.removeSkill("lookup_colour"))
      const secret = yield* ToolToken.randomSecret
      const before = yield* AgentBase.render(base(), { baseUrl: "https://u:p@a.example.com/helper", callId: "c", secret })
      const after = yield* AgentBase.render(empty, { baseUrl: "https://u:p@a.example.com/helper", callId: "c", secret })
      expect(after).toEqual(before)
    }))
})

describe("skills: the registry", () => {
  it.effect("lists the built-ins with their parameters; a name clash is a SkillError; user skills join and add by name", () =>
    Effect.gen(function*() {
      const names = (yield* SkillRegistry.list).map((s) => s.name)
      expect(names).toContain("datetime")
      expect(names).toContain("math")
      expect(names).toContain("joke")
      const withParams = yield* SkillRegistry.listWithParams
      const joke = withParams.find((s) => s.name === "joke")!
      expect(joke).toMatchObject({ name: "joke", version: "1.0.0", multipleInstances: false, builtin: true })
      expect(Object.keys((joke.parameters as { properties: object }).properties).sort()).toEqual(["skip_prompt", "swaig_fields", "tool_name"])

      const clash = yield* Effect.flip(SkillRegistry.register(Skill.make({ ...MathSkill, name: "math" })))
      expect(fieldsOf(clash)).toMatchObject({ reason: "name-clash", skill: "math", message: "a skill named math is already registered (built-in)" })
      yield* SkillRegistry.register(Lookup)
      const again = yield* Effect.flip(SkillRegistry.register(Lookup))
      expect(again.reason).toBe("name-clash")
      const listed = (yield* SkillRegistry.listWithParams).find((s) => s.name === "lookup")!
      expect(listed.builtin).toBe(false)
      expect((listed.parameters as { required: Array<string> }).required).toEqual(["answer"])
      expect(Object.keys((listed.parameters as { properties: object }).properties).sort()).toEqual(
        ["answer", "skip_prompt", "swaig_fields", "tool_name"]
      )

      const agent = yield* SkillRegistry.addByName(base(), "lookup", { tool_name: "thing", answer: "42" })
      expect(AgentBase.skillsOf(agent)).toEqual(["lookup_thing"])
      const withJoke = yield* SkillRegistry.addByName(agent, "joke")
      expect(AgentBase.toolNames(withJoke)).toEqual(["thing", "tell_joke"])
      const unknown = yield* Effect.flip(SkillRegistry.addByName(agent, "nope"))
      expect(fieldsOf(unknown)).toMatchObject({ reason: "unknown-skill", message: "no skill named nope" })
      const decode = yield* Effect.flip(SkillRegistry.addByName(agent, "joke", { tool_name: 12 }))
      expect(fieldsOf(decode)).toMatchObject({ reason: "invalid-params", message: "joke: tool_name: Expected string" })
    }).pipe(Effect.provide(SkillRegistry.layer)))
})
