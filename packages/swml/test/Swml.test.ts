import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Swml } from "@signalwire-effect/swml"
import { makeValidator } from "./fixtures/validator.js"

const validator = makeValidator(Swml.jsonSchema())

describe("Swml document schema", () => {
  it("knows the 43 calling verbs of SignalWire's schema", () => {
    expect(Swml.verbNames.length).toBe(43)
    expect(new Set(Swml.verbNames).size).toBe(43)
  })

  it("decodes a document and renders it unchanged", () => {
    const doc = { version: "1.0.0", sections: { main: [{ answer: {} }, { play: { url: "say:Hello" } }, { hangup: {} }] } }
    const decoded = Either.getOrThrow(Swml.decodeEither(doc))
    expect(decoded).toEqual(doc)
    expect(JSON.parse(Swml.render(decoded))).toEqual(doc)
    validator.expectValid(doc)
  })

  it.effect("a bad value deep in a document is a typed error naming its path", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Swml.decode({
        sections: { main: [{ answer: {} }, { play: { url: "say:Hi", volume: 300 } }] }
      }))
      expect(error._tag).toBe("SwmlDecodeError")
      expect(error.issues.map((issue) => issue.path)).toEqual(["sections.main[1].play.volume"])
      expect(error.message).toContain("sections.main[1].play.volume")
    }))

  it("an unknown verb, two verbs in one instruction, unknown keys and bad JSON are errors", () => {
    const paths = (input: unknown) =>
      Either.match(Swml.decodeEither(input), { onLeft: (e) => e.issues.map((i) => i.path), onRight: () => [] })
    expect(paths({ sections: { main: [{ plya: { url: "say:x" } }] } })).toEqual(["sections.main[0].plya"])
    expect(paths({ sections: { main: [{ answer: {}, hangup: {} }] } })).toEqual(["sections.main[0]"])
    expect(paths({ sections: { main: [{ hangup: { reason: "busy", extra: 1 } }] } })).toEqual([
      "sections.main[0].hangup.extra"
    ])
    expect(paths({ version: "2", sections: { main: [] } })).toEqual(["version"])
    expect(paths({ sections: {} })).toEqual(["sections.main"])
    expect(Either.isLeft(Swml.decodeJsonEither("{not json"))).toBe(true)
    for (
      const bad of [
        { sections: { main: [{ plya: { url: "say:x" } }] } },
        { sections: { main: [{ answer: {}, hangup: {} }] } },
        { sections: { main: [{ hangup: { reason: "busy", extra: 1 } }] } }
      ]
    ) expect(validator.isValid(bad)).toBe(false)
  })
})
