import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { Messaging } from "@signalwire-effect/swml"
import { makeValidator, wire } from "./fixtures/validator.js"

const validator = makeValidator(Messaging.jsonSchema())

/** One golden per messaging verb (SignalWire's messaging SWML reference, our own values). */
const goldens: ReadonlyArray<Messaging.Instruction> = [
  { reply: { body: "Thanks for your message!", media: ["https://example.com/logo.png"] } },
  { receive: {} },
  { request: { url: "https://example.com/crm", method: "POST", body: { from: "%{message.from}" }, timeout: 3, save_variables: true } },
  { execute: { dest: "auto_reply", params: { lang: "en" } } },
  { transfer: { dest: "https://example.com/next", method: "POST" } },
  {
    switch: {
      variable: "message.body",
      transform: "lowercase_trim",
      case: { stop: [{ reply: "You are unsubscribed." }] },
      default: [{ reply: { switch: { variable: "message.from", case: { "+15551234567": "Hi boss" }, default: "Hello" } } }]
    }
  },
  { goto: { label: "top", max: 2 } },
  { return: "done" },
  { label: "top" }
]

describe("Messaging SWML", () => {
  it("covers its nine verbs", () => {
    expect(new Set(goldens.map((i) => Object.keys(i)[0]))).toEqual(new Set(Messaging.verbNames))
  })

  for (const instruction of goldens) {
    it(`${Object.keys(instruction)[0]} round-trips and validates`, () => {
      const doc: Messaging.Document = { version: "1.0.0", sections: { main: [instruction] } }
      const json = JSON.parse(Messaging.render(doc))
      expect(json).toEqual(wire(doc))
      expect(Either.getOrThrow(Messaging.decodeEither(json))).toEqual(json)
      validator.expectValid(json)
    })
  }

  it("rejects calling verbs and bad values with paths", () => {
    const paths = (input: unknown) =>
      Either.match(Messaging.decodeEither(input), { onLeft: (e) => e.issues.map((i) => i.path), onRight: () => [] })
    expect(paths({ sections: { main: [{ answer: {} }] } })).toEqual(["sections.main[0].answer"])
    expect(paths({ sections: { main: [{ reply: { body: "" } }] } })).toEqual(["sections.main[0].reply.body"])
    expect(paths({ sections: { main: [{ request: { url: "u", timeout: 9 } }] } })).toEqual(["sections.main[0].request.timeout"])
    expect(validator.isValid({ sections: { main: [{ answer: {} }] } })).toBe(false)
  })
})
