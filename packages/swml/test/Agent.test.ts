import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { pipe } from "effect/Function"
import * as Schema from "effect/Schema"
import { Ai, ContextBuilder, DataMap, FunctionResult, Pom, Swml, SwaigFunction, SwmlBuilder, Verb } from "@signalwire-effect/swml"
import { makeValidator, wire } from "./fixtures/validator.js"

const validator = makeValidator(Swml.jsonSchema())

/** A document with one `ai` verb, as the platform receives it. */
const agentDocument = (config: Ai.Config) =>
  wire(SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Ai.toInstruction(config)), SwmlBuilder.build))

const aiOf = (doc: unknown) => (doc as { sections: { main: Array<{ ai?: unknown }> } }).sections.main[1]?.ai

describe("POM", () => {
  const pom = Pom.make().pipe(
    Pom.addSection("Role", { body: "You are a support agent for Acme." }),
    Pom.addSection("Rules", { bullets: ["Be brief", "Never guess prices"], numberedBullets: true }),
    Pom.addSubsection("Rules", "Refunds", { body: "Within 30 days." }),
    Pom.addToSection("Rules", { bullets: ["Stay polite"] })
  )

  it("renders the prompt.pom structure and validates inside an ai verb", () => {
    const sections = [
      { title: "Role", body: "You are a support agent for Acme." },
      {
        title: "Rules",
        bullets: ["Be brief", "Never guess prices", "Stay polite"],
        numberedBullets: true,
        subsections: [{ title: "Refunds", body: "Within 30 days." }]
      }
    ]
    expect(Pom.toSections(pom)).toEqual(sections)
    const doc = agentDocument(Ai.make(pom))
    expect(aiOf(doc)).toEqual({ prompt: { pom: sections } })
    validator.expectValid(doc)
    expect(Pom.toSections(Pom.fromWire(Pom.toSections(pom)))).toEqual(sections)
  })

  it("renders Markdown and XML", () => {
    expect(Pom.toMarkdown(pom)).toBe(
      [
        "## Role\n",
        "You are a support agent for Acme.\n",
        "## Rules\n",
        "1. Be brief",
        "2. Never guess prices",
        "3. Stay polite",
        "",
        "### Refunds\n",
        "Within 30 days.\n"
      ].join("\n")
    )
    const numbered = Pom.make().pipe(
      Pom.addSection("One", { body: "a", numbered: true }),
      Pom.addSection("Two", { body: "b", numbered: true })
    )
    expect(Pom.toMarkdown(numbered)).toBe("## 1. One\n\na\n\n## 2. Two\n\nb\n")
    expect(Pom.toXml(Pom.make().pipe(Pom.addSection("A & B", { bullets: ["<x>"] })))).toBe(
      [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<prompt>",
        "  <section>",
        "    <title>A &amp; B</title>",
        "    <bullets>",
        "      <bullet>&lt;x&gt;</bullet>",
        "    </bullets>",
        "  </section>",
        "</prompt>"
      ].join("\n")
    )
  })

  it("a section holding only subsections still has the body the schema requires", () => {
    const only = Pom.make().pipe(Pom.addSubsection("Policies", "Returns", { body: "30 days" }))
    expect(Pom.toSections(only)).toEqual([{ title: "Policies", body: "", subsections: [{ title: "Returns", body: "30 days" }] }])
    validator.expectValid(agentDocument(Ai.make(only)))
  })
})

describe("ContextBuilder", () => {
  const workflow = ContextBuilder.make().pipe(
    ContextBuilder.addContext("default", {
      steps: [
        ContextBuilder.step("greet", {
          text: "Greet the caller and ask what they need",
          criteria: "The caller said why they call",
          validSteps: ["next"],
          functions: []
        }),
        ContextBuilder.step("route", {
          pom: Pom.make().pipe(Pom.addSection("Task", { body: "Send billing questions to billing" })),
          validContexts: ["billing"]
        })
      ]
    }),
    ContextBuilder.addContext("billing", { isolated: true, text: "You handle invoices.", enterFillers: { "en-US": ["Let me get billing"] } }),
    ContextBuilder.addStep("billing", ContextBuilder.step("invoice", { text: "Ask for the invoice number", end: true }))
  )

  it("renders under ai.prompt.contexts with the schema's keys only, and validates", () => {
    const contexts = Either.getOrThrow(ContextBuilder.build(workflow))
    expect(contexts).toEqual({
      default: {
        steps: [
          {
            name: "greet",
            text: "Greet the caller and ask what they need",
            step_criteria: "The caller said why they call",
            valid_steps: ["next"],
            functions: []
          },
          { name: "route", pom: [{ title: "Task", body: "Send billing questions to billing" }], valid_contexts: ["billing"] }
        ]
      },
      billing: {
        steps: [{ name: "invoice", text: "Ask for the invoice number", end: true }],
        isolated: true,
        text: "You handle invoices.",
        enter_fillers: { "en-US": ["Let me get billing"] }
      }
    })
    const doc = agentDocument(pipe(Ai.make("You are Acme's phone agent."), Ai.withContexts(contexts)))
    expect((aiOf(doc) as { prompt: { contexts: unknown } }).prompt.contexts).toEqual(contexts)
    expect(aiOf(doc)).not.toHaveProperty("contexts")
    validator.expectValid(doc)
  })

  it("renders a step's gather mode (gather_info) and checks it", () => {
    const gathering = ContextBuilder.make().pipe(
      ContextBuilder.addContext("default", {
        steps: [
          ContextBuilder.step("intake", {
            text: "Help the caller with the trip.",
            gatherInfo: {
              outputKey: "profile",
              completionAction: "next_step",
              prompt: "Introduce yourself first.",
              questions: [
                { key: "name", question: "What is your name?" },
                { key: "age", question: "How old are you?", type: "integer", confirm: true, functions: ["check_age"] }
              ]
            }
          }),
          ContextBuilder.step("plan", { text: "Plan the trip." })
        ]
      })
    )
    const contexts = Either.getOrThrow(ContextBuilder.build(gathering))
    expect(contexts.default.steps[0]).toEqual({
      name: "intake",
      text: "Help the caller with the trip.",
      gather_info: {
        questions: [
          { key: "name", question: "What is your name?" },
          { key: "age", question: "How old are you?", type: "integer", confirm: true, functions: ["check_age"] }
        ],
        prompt: "Introduce yourself first.",
        output_key: "profile",
        completion_action: "next_step"
      }
    })
    validator.expectValid(agentDocument(pipe(Ai.make("You plan trips."), Ai.withContexts(contexts))))

    const broken = ContextBuilder.make().pipe(
      ContextBuilder.addContext("default", {
        steps: [
          ContextBuilder.step("a", {
            text: "x",
            gatherInfo: { completionAction: "nowhere", questions: [{ key: "k", question: "?" }, { key: "k", question: "again?" }] }
          }),
          ContextBuilder.step("b", { text: "y", gatherInfo: { completionAction: "next_step", questions: [] } })
        ]
      })
    )
    const error = Either.getOrThrow(Either.flip(ContextBuilder.build(broken)))
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "contexts.default.steps[0].gatherInfo: the key \"k\" is asked twice",
      "contexts.default.steps[0].gatherInfo: completionAction names an unknown step \"nowhere\"",
      "contexts.default.steps[1].gatherInfo: gather mode needs at least one question",
      "contexts.default.steps[1].gatherInfo: completionAction \"next_step\" on the last step of its context"
    ])
  })

  it("reports every inconsistency with its path", () => {
    const broken = ContextBuilder.make().pipe(
      ContextBuilder.addStep("sales", ContextBuilder.step("a", { text: "x", validSteps: ["nowhere"], validContexts: ["gone"] })),
      ContextBuilder.addStep("sales", ContextBuilder.step("b", {})),
      ContextBuilder.addContext("empty")
    )
    const error = Either.getOrThrow(Either.flip(ContextBuilder.build(broken)))
    expect(error._tag).toBe("ContextError")
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "contexts: a context named \"default\" is required (the conversation starts there)",
      "contexts.sales.steps[0]: unknown step \"nowhere\"",
      "contexts.sales.steps[0]: unknown context \"gone\"",
      "contexts.sales.steps[1]: a step needs either text or a POM",
      "contexts.empty: a context needs at least one step"
    ])
    expect(Either.isLeft(ContextBuilder.build(ContextBuilder.make()))).toBe(true)
    const moved = workflow.pipe(ContextBuilder.moveStep("default", "route", 0), ContextBuilder.removeStep("billing", "invoice"))
    expect(moved.contexts[0]?.steps.map((s) => s.name)).toEqual(["route", "greet"])
    expect(moved.contexts[1]?.steps).toEqual([])
  })
})

describe("DataMap", () => {
  it("renders a webhook tool with error keys on the webhook, and validates", () => {
    const weather = DataMap.make("get_weather", { description: "Current weather for a city" }).pipe(
      DataMap.parameter("city", { type: "string", description: "City name", required: true }),
      DataMap.webhook({
        method: "GET",
        url: "https://api.example.com/weather?q=${enc:args.city}",
        headers: { "X-Key": "k" },
        errorKeys: ["error"],
        output: FunctionResult.make("It is ${response.current.temp_f} degrees in ${args.city}")
      }),
      DataMap.fallbackOutput(FunctionResult.make("The weather service is unavailable"))
    )
    const definition = Either.getOrThrow(DataMap.toDefinition(weather))
    expect(definition).toEqual({
      function: "get_weather",
      description: "Current weather for a city",
      parameters: {
        type: "object",
        properties: { city: { type: "string", description: "City name" } },
        required: ["city"]
      },
      data_map: {
        webhooks: [{
          url: "https://api.example.com/weather?q=${enc:args.city}",
          method: "GET",
          headers: { "X-Key": "k" },
          error_keys: ["error"],
          output: { response: "It is ${response.current.temp_f} degrees in ${args.city}" }
        }],
        output: { response: "The weather service is unavailable" }
      }
    })
    validator.expectValid(agentDocument(pipe(Ai.make("Weather bot"), Ai.addFunction(definition))))
  })

  it("renders expressions, foreach and actions", () => {
    const tool = DataMap.expressionTool({
      name: "traffic_light",
      parameters: { color: { type: "string", description: "Light color", enum: ["red", "green"], required: true } },
      patterns: [
        { string: "${args.color}", pattern: /^red$/i, output: FunctionResult.make("Stop").pipe(FunctionResult.say("Red light")) },
        { string: "${args.color}", pattern: "^green$", output: FunctionResult.make("Go") }
      ]
    }).pipe(DataMap.webhook({
      url: "https://api.example.com/lights",
      method: "POST",
      params: { color: "${args.color}" },
      foreach: { input_key: "lights", output_key: "summary", append: "${this.name} is ${this.state}. ", max: 5 },
      output: FunctionResult.make("${summary}")
    }))
    const definition = Either.getOrThrow(DataMap.toDefinition(tool))
    expect(definition.data_map).toEqual({
      expressions: [
        { string: "${args.color}", pattern: "^red$", output: { response: "Stop", action: [{ say: "Red light" }] } },
        { string: "${args.color}", pattern: "^green$", output: { response: "Go" } }
      ],
      webhooks: [{
        url: "https://api.example.com/lights",
        method: "POST",
        params: { color: "${args.color}" },
        foreach: { input_key: "lights", output_key: "summary", append: "${this.name} is ${this.state}. ", max: 5 },
        output: { response: "${summary}" }
      }]
    })
    validator.expectValid(agentDocument(pipe(Ai.make("Lights"), Ai.addFunction(definition))))
    const simple = Either.getOrThrow(DataMap.toDefinition(DataMap.simpleApiTool({
      name: "joke",
      url: "https://api.example.com/joke",
      responseTemplate: "${response.joke}",
      errorKeys: ["error"]
    })))
    expect(simple.data_map?.webhooks?.[0]).toEqual({
      url: "https://api.example.com/joke",
      method: "GET",
      error_keys: ["error"],
      output: { response: "${response.joke}" }
    })
  })

  it("an output action a data_map cannot carry is a typed error", () => {
    const tool = DataMap.make("x").pipe(DataMap.fallbackOutput(FunctionResult.make().pipe(FunctionResult.updateSettings({ a: 1 }))))
    const error = Either.getOrThrow(Either.flip(DataMap.toDefinition(tool)))
    expect(error.issues[0]?.path).toBe("data_map.output.action[0].settings")
  })
})

describe("SwaigFunction", () => {
  const Args = Schema.Struct({
    city: Schema.String.annotations({ description: "City name" }),
    units: Schema.optional(Schema.Literal("C", "F")),
    days: Schema.Int.pipe(Schema.between(1, 7)).annotations({ description: "How many days" }),
    tags: Schema.Array(Schema.String)
  })
  const forecast = SwaigFunction.make({
    name: "forecast",
    description: "Weather forecast",
    parameters: Args,
    fillers: { "en-US": ["Checking the sky"] },
    webHookUrl: "https://agent.example.com/swaig"
  })

  it("a tool without arguments (Schema.Struct({})) has an empty object of parameters, options kept", () => {
    const ping = SwaigFunction.make({
      name: "ping",
      description: "Check the line",
      parameters: Schema.Struct({}),
      webHookUrl: "https://agent.example.com/swaig"
    })
    const definition = Either.getOrThrow(SwaigFunction.toDefinition(ping))
    expect(definition).toEqual({
      function: "ping",
      description: "Check the line",
      parameters: { type: "object", properties: {} },
      web_hook_url: "https://agent.example.com/swaig"
    })
    validator.expectValid(agentDocument(pipe(Ai.make("Ping"), Ai.addFunction(definition))))
  })

  it("turns the Effect Schema into the platform's parameters, and validates", () => {
    const definition = Either.getOrThrow(SwaigFunction.toDefinition(forecast))
    expect(definition).toEqual({
      function: "forecast",
      description: "Weather forecast",
      parameters: {
        type: "object",
        properties: {
          city: { type: "string", description: "City name" },
          units: { type: "string", enum: ["C", "F"] },
          days: { type: "integer", description: "How many days" },
          tags: { type: "array", items: { type: "string" } }
        },
        required: ["city", "days", "tags"]
      },
      web_hook_url: "https://agent.example.com/swaig",
      fillers: { "en-US": ["Checking the sky"] }
    })
    validator.expectValid(agentDocument(pipe(Ai.make("Weather"), Ai.addFunction(definition))))
    expect(SwaigFunction.isSendable(Schema.String)).toBe(false)
    interface Tree {
      readonly children: ReadonlyArray<Tree>
    }
    const Tree: Schema.Schema<Tree> = Schema.Struct({
      children: Schema.Array(Schema.suspend((): Schema.Schema<Tree> => Tree))
    }).annotations({ identifier: "Tree" })
    const recursive = SwaigFunction.make({ name: "tree", description: "d", parameters: Tree })
    expect(Either.getOrThrow(Either.flip(SwaigFunction.toDefinition(recursive)))._tag).toBe("SwaigDefinitionError")
  })

  it.effect("hands the handler typed arguments; a malformed call is a typed error", () =>
    Effect.gen(function*() {
      const body = { function: "forecast", argument: { parsed: [{ city: "Paris", days: 3, tags: [] }], raw: "{}" } }
      const reply = yield* SwaigFunction.run(
        forecast,
        SwaigFunction.argumentsOf(body),
        (args) => Effect.succeed(FunctionResult.make(`${args.city} for ${args.days} days`))
      )
      expect(FunctionResult.toJson(reply)).toEqual({ response: "Paris for 3 days" })
      const error = yield* Effect.flip(SwaigFunction.decodeArguments(forecast, { city: "Paris", days: 9, tags: "x" }))
      expect(error._tag).toBe("SwaigArgumentError")
      expect(error.issues.map((i) => i.path)).toEqual(["days", "tags"])
      expect(SwaigFunction.argumentsOf({ argument: { raw: "{\"city\":\"Rome\"}" } })).toEqual({ city: "Rome" })
      expect(SwaigFunction.argumentsOf({ arguments: { city: "Oslo" } })).toEqual({ city: "Oslo" })
    }))
})

describe("Ai", () => {
  it("renders a full agent: post-prompt, params, languages, hints, pronounce, SWAIG with every part", () => {
    const config = pipe(Ai.make("You are Acme's receptionist.", { temperature: 0.3 }), 
      Ai.withPostPrompt("Summarise the call as JSON", "https://agent.example.com/post_prompt"),
      Ai.withParams({ end_of_speech_timeout: 600, ai_model: "gpt-4.1-mini", swaig_allow_swml: true }),
      Ai.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark", speech_fillers: ["um"], function_fillers: ["one moment"] }),
      Ai.addHints(["Acme", { hint: "SignalWire", pattern: "signal wire", replace: "SignalWire", ignore_case: true }]),
      Ai.addPronunciation({ replace: "SQL", with: "sequel" }),
      Ai.withGlobalData({ tier: "gold" }),
      Ai.withDefaultWebhook("https://agent.example.com/swaig"),
      Ai.addFunction({ function: "transfer_to_sales", description: "Transfer the caller to sales" }),
      Ai.addNativeFunctions(["check_time"]),
      Ai.addInclude({ url: "https://tools.example.com/swaig", functions: ["lookup_order"] }),
      Ai.addMcpServer({ url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer t" } }),
      Ai.withInternalFillers({ check_time: { "en-US": ["Let me look at the clock"] } })
    )
    const doc = agentDocument(config)
    expect(aiOf(doc)).toEqual({
      prompt: { temperature: 0.3, text: "You are Acme's receptionist." },
      post_prompt: { text: "Summarise the call as JSON" },
      post_prompt_url: "https://agent.example.com/post_prompt",
      params: { end_of_speech_timeout: 600, ai_model: "gpt-4.1-mini", swaig_allow_swml: true },
      languages: [{ name: "English", code: "en-US", voice: "inworld.Mark", speech_fillers: ["um"], function_fillers: ["one moment"] }],
      hints: ["Acme", { hint: "SignalWire", pattern: "signal wire", replace: "SignalWire", ignore_case: true }],
      pronounce: [{ replace: "SQL", with: "sequel" }],
      global_data: { tier: "gold" },
      SWAIG: {
        defaults: { web_hook_url: "https://agent.example.com/swaig" },
        functions: [{ function: "transfer_to_sales", description: "Transfer the caller to sales" }],
        native_functions: ["check_time"],
        includes: [{ url: "https://tools.example.com/swaig", functions: ["lookup_order"] }],
        mcp_servers: [{ url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer t" } }],
        internal_fillers: { check_time: { "en-US": ["Let me look at the clock"] } }
      }
    })
    validator.expectValid(doc)
    expect(Either.isRight(Swml.decodeEither(doc))).toBe(true)
  })

  it("a bad param is reported at its path; prompt text and pom together are rejected", () => {
    const bad = agentDocument(pipe(Ai.make("x"), Ai.withParams({ end_of_speech_timeout: 50 })))
    const error = Either.getOrThrow(Either.flip(Swml.decodeEither(bad)))
    expect(error.issues.map((i) => i.path)).toEqual(["sections.main[1].ai.params.end_of_speech_timeout"])
    expect(validator.isValid(bad)).toBe(false)
    const both = { sections: { main: [{ ai: { prompt: { text: "a", pom: [{ body: "b" }] } } }] } }
    expect(Either.isLeft(Swml.decodeEither(both))).toBe(true)
    expect(validator.isValid(both)).toBe(false)
  })
})
