/**
 * The builders' output against what SignalWire's TypeScript SDK produces for the same calls
 * (expected JSON written from the reference's code, as literals). Where the facade deviates on
 * purpose (DIFFERENCES.md #16–#19), the reference's literal is kept and the deviation applied
 * visibly.
 */
import { describe, expect, it } from "vitest"
import { ContextBuilder, createExpressionTool, createSimpleApiTool, DataMap, FunctionResult, SwmlBuilder } from "../src/index.js"

describe("FunctionResult: same output as the reference", () => {
  it("response, actions and post_process", () => {
    expect(new FunctionResult().toDict()).toEqual({ response: "Action completed." })
    expect(new FunctionResult("Hi").say("Hello").hangup().toDict()).toEqual({
      response: "Hi",
      action: [{ say: "Hello" }, { hangup: true }]
    })
    expect(new FunctionResult("Wait", true).hold(1000).toDict()).toEqual({
      response: "Wait",
      action: [{ hold: 900 }],
      post_process: true
    })
    // post_process only with actions.
    expect(new FunctionResult("Only text", true).toDict()).toEqual({ response: "Only text" })
    expect(
      new FunctionResult()
        .updateGlobalData({ a: 1 })
        .removeGlobalData(["b"])
        .setMetadata({ m: 1 })
        .toggleFunctions([{ function: "refund", active: false }])
        .setEndOfSpeechTimeout(500)
        .waitForUser({ answerFirst: true })
        .swmlChangeStep("next")
        .swmlChangeContext("billing")
        .simulateUserInput("yes")
        .addDynamicHints(["Acme"])
        .stopBackgroundFile()
        .toDict()
    ).toEqual({
      action: [
        { set_global_data: { a: 1 } },
        { unset_global_data: ["b"] },
        { set_meta_data: { m: 1 } },
        { toggle_functions: [{ function: "refund", active: false }] },
        { end_of_speech_timeout: 500 },
        { wait_for_user: "answer_first" },
        { change_step: "next" },
        { change_context: "billing" },
        { user_input: "yes" },
        { add_dynamic_hints: ["Acme"] },
        { stop_playback_bg: true }
      ]
    })
    expect(new FunctionResult().switchContext({ systemPrompt: "Be a billing expert" }).toDict()).toEqual({
      action: [{ context_switch: "Be a billing expert" }]
    })
    expect(new FunctionResult().switchContext({ systemPrompt: "Be brief", consolidate: true }).toDict()).toEqual({
      action: [{ context_switch: { system_prompt: "Be brief", consolidate: true } }]
    })
  })

  it("SWML actions: SMS, recording, RPC", () => {
    expect(new FunctionResult("Sent").sendSms({ toNumber: "+15551110000", fromNumber: "+15552220000", body: "Hi" }).toDict())
      .toEqual({
        response: "Sent",
        action: [{
          SWML: {
            version: "1.0.0",
            sections: { main: [{ send_sms: { to_number: "+15551110000", from_number: "+15552220000", body: "Hi" } }] }
          }
        }]
      })
    expect(() => new FunctionResult().sendSms({ toNumber: "+1", fromNumber: "+2" })).toThrow("Either body or media must be provided")
    expect(new FunctionResult().recordCall().toDict()).toEqual({
      action: [{
        SWML: {
          version: "1.0.0",
          sections: {
            main: [{ record_call: { stereo: false, format: "wav", direction: "both", beep: false, input_sensitivity: 44 } }]
          }
        }
      }]
    })
    expect(new FunctionResult().rpcAiUnhold("call-2").toDict()).toEqual({
      action: [{
        SWML: {
          version: "1.0.0",
          sections: { main: [{ execute_rpc: { method: "ai_unhold", call_id: "call-2", params: {} } }] }
        }
      }]
    })
  })

  it("deviations: transfer is a boolean, playBackgroundFile sends {file}", () => {
    const reference = {
      response: "Transferring",
      action: [{
        SWML: { sections: { main: [{ connect: { to: "+15551234567", from: "+15550000000" } }] }, version: "1.0.0" },
        transfer: "true"
      }]
    }
    expect(new FunctionResult("Transferring").connect("+15551234567", true, "+15550000000").toDict()).toEqual({
      ...reference,
      action: [{ ...reference.action[0], transfer: true }]
    })
    const referenceTransfer = {
      SWML: { version: "1.0.0", sections: { main: [{ set: { ai_response: "Bye" } }, { transfer: { dest: "https://x.example.com/swml" } }] } },
      transfer: "false"
    }
    expect(new FunctionResult().swmlTransfer("https://x.example.com/swml", "Bye", false).toDict()).toEqual({
      action: [{ ...referenceTransfer, transfer: false }]
    })
    const referenceBg = { action: [{ playback_bg: "music.mp3" }] }
    expect(new FunctionResult().playBackgroundFile("music.mp3").toDict()).toEqual({
      action: [{ playback_bg: { file: referenceBg.action[0]!.playback_bg } }]
    })
    expect(new FunctionResult().playBackgroundFile("music.mp3", true).toDict()).toEqual({
      action: [{ playback_bg: { file: "music.mp3", wait: true } }]
    })
  })
})

describe("DataMap: same definition as the reference", () => {
  it("a webhook tool with a fallback", () => {
    const map = new DataMap("get_weather")
      .description("Weather for a city")
      .parameter("city", "string", "City name", { required: true })
      .parameter("units", "string", "Units", { enum: ["c", "f"] })
      .webhook("get", "https://api.example.com/w?q=${args.city}", { headers: { "X-Key": "k" } })
      .output(new FunctionResult("It is ${response.temp} in ${args.city}"))
      .fallbackOutput(new FunctionResult("Weather is unavailable"))
    expect(map.toSwaigFunction()).toEqual({
      function: "get_weather",
      description: "Weather for a city",
      parameters: {
        type: "object",
        properties: {
          city: { type: "string", description: "City name" },
          units: { type: "string", description: "Units", enum: ["c", "f"] }
        },
        required: ["city"]
      },
      data_map: {
        webhooks: [{
          url: "https://api.example.com/w?q=${args.city}",
          method: "GET",
          headers: { "X-Key": "k" },
          output: { response: "It is ${response.temp} in ${args.city}" }
        }],
        output: { response: "Weather is unavailable" }
      }
    })
  })

  it("an expression tool, the default description, the helpers", () => {
    expect(createExpressionTool({
      name: "route",
      patterns: { "${args.dept}": ["^sales$", new FunctionResult("Routing to sales")] },
      parameters: { dept: { description: "Department", required: true } }
    }).toSwaigFunction()).toEqual({
      function: "route",
      description: "Execute route",
      parameters: { type: "object", properties: { dept: { type: "string", description: "Department" } }, required: ["dept"] },
      data_map: { expressions: [{ string: "${args.dept}", pattern: "^sales$", output: { response: "Routing to sales" } }] }
    })
    expect(createSimpleApiTool({
      name: "joke",
      url: "https://api.example.com/joke",
      responseTemplate: "${response.joke}",
      errorKeys: ["error"]
    }).toSwaigFunction()).toEqual({
      function: "joke",
      description: "Execute joke",
      parameters: { type: "object", properties: {} },
      data_map: {
        webhooks: [{ url: "https://api.example.com/joke", method: "GET", error_keys: ["error"], output: { response: "${response.joke}" } }]
      }
    })
    expect(() => new DataMap("x").output(new FunctionResult("y"))).toThrow("Must add webhook before setting output")
  })

  it("deviation: body() is sent as the webhook's params", () => {
    const reference = { url: "https://api.example.com/orders", method: "POST", body: { id: "${args.id}" } }
    const { body, ...rest } = reference
    const map = new DataMap("order").webhook("POST", reference.url).body(body).output(new FunctionResult("ok"))
    expect((map.toSwaigFunction()["data_map"] as any)["webhooks"][0]).toEqual({ ...rest, params: body, output: { response: "ok" } })
  })
})

describe("ContextBuilder: same contexts as the reference", () => {
  it("steps with text, criteria, functions and navigation", () => {
    const contexts = new ContextBuilder()
    const main = contexts.addContext("default")
    main.addStep("greet").setText("Greet the caller").setStepCriteria("The caller was greeted").setValidSteps(["help"])
    main.addStep("help").setText("Help the caller").setFunctions(["get_weather"]).setValidContexts(["billing"]).setEnd(true)
    contexts.addContext("billing").setIsolated(true).setEnterFillers({ "en-US": ["One moment"] }).addStep("invoice").setText("Find the invoice").setSkipUserTurn(true)
    expect(contexts.toDict()).toEqual({
      default: {
        steps: [
          { name: "greet", text: "Greet the caller", step_criteria: "The caller was greeted", valid_steps: ["help"] },
          { name: "help", text: "Help the caller", functions: ["get_weather"], valid_contexts: ["billing"], end: true }
        ]
      },
      billing: {
        steps: [{ name: "invoice", text: "Find the invoice", skip_user_turn: true }],
        isolated: true,
        enter_fillers: { "en-US": ["One moment"] }
      }
    })
  })

  it("gather mode: setGatherInfo and addGatherQuestion render gather_info as the reference does", () => {
    const contexts = new ContextBuilder()
    const main = contexts.addContext("default")
    main.addStep("intake").setText("Help with the trip")
      .setGatherInfo({ outputKey: "profile", completionAction: "next_step", prompt: "Introduce yourself" })
      .addGatherQuestion({ key: "name", question: "What is your name?" })
      .addGatherQuestion({ key: "age", question: "How old are you?", type: "integer", confirm: true, functions: ["check_age"] })
    main.addStep("plan").setText("Plan the trip")
    expect((contexts.toDict() as any)["default"]["steps"][0]).toEqual({
      name: "intake",
      text: "Help with the trip",
      gather_info: {
        output_key: "profile",
        completion_action: "next_step",
        prompt: "Introduce yourself",
        questions: [
          { key: "name", question: "What is your name?" },
          { key: "age", question: "How old are you?", type: "integer", confirm: true, functions: ["check_age"] }
        ]
      }
    })
    expect(() => new ContextBuilder().addContext("default").addStep("x").addGatherQuestion({ key: "k", question: "?" })).toThrow(/setGatherInfo/)
    const last = new ContextBuilder()
    last.addContext("default").addStep("only").setText("x").setGatherInfo({ completionAction: "next_step" }).addGatherQuestion({ key: "k", question: "?" })
    expect(() => last.toDict()).toThrow(/next_step/)
  })

  it("deviation: sections are sent as a POM, not as Markdown text", () => {
    const contexts = new ContextBuilder()
    contexts.addContext("default").addStep("help", { task: "Help the caller", bullets: ["Listen", "Answer"] })
    const reference = { name: "help", text: "## Task\nHelp the caller\n\n## Process\n- Listen\n- Answer" }
    const { text: _markdown, ...rest } = reference
    expect((contexts.toDict() as any)["default"]["steps"][0]).toEqual({
      ...rest,
      pom: [{ title: "Task", body: "Help the caller" }, { title: "Process", bullets: ["Listen", "Answer"] }]
    })
    expect(() => new ContextBuilder().addContext("default").addStep("x").setText("a").addSection("T", "b")).toThrow()
    expect(() => new ContextBuilder().toDict()).toThrow()
  })
})

describe("SwmlBuilder: same document as the reference", () => {
  it("verbs, say, sections; invalid documents throw", () => {
    const builder = new SwmlBuilder()
    builder.addVerb("answer", {})
    builder.say("Hello", { voice: "inworld.Mark" })
    builder.addVerbToSection("goodbye", "hangup", {})
    expect(builder.getDocument()).toEqual({
      version: "1.0.0",
      sections: { main: [{ answer: {} }, { play: { url: "say:Hello", say_voice: "inworld.Mark" } }], goodbye: [{ hangup: {} }] }
    })
    expect(JSON.parse(builder.renderDocument())).toEqual(builder.getDocument())
    expect(() => new SwmlBuilder().addVerb("teleport", { to: "mars" }).getDocument()).toThrow(/Invalid SWML/)
    expect(new SwmlBuilder({ enableValidation: false }).addVerb("teleport", {}).getDocument()).toEqual({
      version: "1.0.0",
      sections: { main: [{ teleport: {} }] }
    })
  })
})
