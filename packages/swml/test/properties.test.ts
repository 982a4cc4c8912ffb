import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import { FunctionResult, Swml, SwmlBuilder, Verb } from "@signalwire-effect/swml"
import { makeValidator, wire } from "./fixtures/validator.js"

const validator = makeValidator(Swml.jsonSchema())
const replyValidator = makeValidator(FunctionResult.jsonSchema())

/**
 * Verbs whose configuration holds no instructions: their configs come from the schema itself.
 * `ai_sidecar` is left out: Effect's generic generator for its recursive POM and parameter
 * schemas can take seconds per value (its goldens cover it).
 */
const leaves = Swml.verbNames.filter((name) =>
  !["ai", "ai_sidecar", "amazon_bedrock", "cond", "connect", "execute", "join_conference", "switch"].includes(name)
)

const leafInstruction: FastCheck.Arbitrary<Swml.Instruction> = FastCheck.oneof(
  ...leaves.map((name) => Arbitrary.make(Swml.verbSchema(name)).map((config) => Verb.make(name, config)))
)

const sectionName = FastCheck.constantFrom("main", "sales", "support", "voicemail")

/** A nested instruction: a leaf, or a `cond` / `switch` / `execute` around a few of them. */
const instruction: FastCheck.Arbitrary<Swml.Instruction> = FastCheck.oneof(
  { weight: 4, arbitrary: leafInstruction },
  {
    weight: 1,
    arbitrary: FastCheck.tuple(FastCheck.string(), FastCheck.array(leafInstruction, { maxLength: 3 })).map(([when, then]) =>
      Verb.cond([{ when, then }, { else: [Verb.hangup()] }])
    )
  },
  {
    weight: 1,
    arbitrary: FastCheck.array(leafInstruction, { maxLength: 3 }).map((list) =>
      Verb.switchOn({ variable: "prompt_value", case: { "1": list }, default: [Verb.hangup()] })
    )
  },
  {
    weight: 1,
    arbitrary: sectionName.map((dest) => Verb.execute({ dest, on_return: [Verb.say("back")] }))
  }
)

/** One step of a builder program. */
const step: FastCheck.Arbitrary<(builder: SwmlBuilder.SwmlBuilder) => SwmlBuilder.SwmlBuilder> = FastCheck.oneof(
  instruction.map((i) => SwmlBuilder.add(i)),
  FastCheck.tuple(sectionName, instruction).map(([section, i]) => SwmlBuilder.addTo(section, i)),
  FastCheck.string().map((text) => SwmlBuilder.say(text.replace(/\n/g, " "))),
  FastCheck.tuple(sectionName, FastCheck.array(instruction, { maxLength: 3 })).map(([name, list]) =>
    SwmlBuilder.section(name, list)
  )
)

const program = FastCheck.array(step, { maxLength: 8 }).map((steps) =>
  steps.reduce((builder, f) => f(builder), SwmlBuilder.make())
)

describe("random builder programs", () => {
  it.prop("render → decode gives the same document, which validates", [program], ([builder]) => {
    const doc = SwmlBuilder.build(builder)
    const decoded = Either.getOrThrow(Swml.decodeJsonEither(SwmlBuilder.render(builder)))
    expect(decoded).toEqual(wire(doc))
    validator.expectValid(wire(doc))
  }, { fastCheck: { numRuns: 60 } })

  const reply = FastCheck.array(
    FastCheck.oneof(
      FastCheck.string().map((s) => FunctionResult.say(s)),
      FastCheck.integer({ min: -100, max: 2000 }).map((t) => FunctionResult.hold({ timeout: t })),
      FastCheck.dictionary(FastCheck.string({ maxLength: 5 }), FastCheck.integer()).map((d) => FunctionResult.updateGlobalData(d)),
      FastCheck.boolean().map((b) => FunctionResult.connect("+15551234567", { final: b })),
      leafInstruction.map((i) => FunctionResult.executeSwml({ sections: { main: [i] } })),
      FastCheck.constant(FunctionResult.hangup())
    ),
    { maxLength: 5 }
  ).map((ops) => ops.reduce((result, f) => f(result), FunctionResult.make("ok")))

  it.prop("tool replies built from random helpers round-trip and validate", [reply], ([result]) => {
    const json = wire(FunctionResult.toJson(result))
    expect(Either.getOrThrow(FunctionResult.decodeReply(json))).toEqual(json)
    replyValidator.expectValid(json)
  }, { fastCheck: { numRuns: 60 } })
})
