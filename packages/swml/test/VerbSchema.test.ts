import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { Swml } from "@signalwire-effect/swml"

describe("Swml verb schema utilities", () => {
  it("names the verbs and tells verbs from other words", () => {
    expect(Swml.verbNames).toHaveLength(43)
    expect(Swml.verbNames.every(Swml.isVerbName)).toBe(true)
    expect(Swml.isVerbName("dance")).toBe(false)
    expect(Swml.isVerbName("toString")).toBe(false)
  })

  it("checks one verb's configuration with the document's own schema", () => {
    expect(Swml.validateVerb("hangup", { reason: "busy" })).toEqual(Either.right({ reason: "busy" }))
    const missing = Swml.validateVerb("goto", {})
    expect(Either.isLeft(missing) && missing.left.issues.map((i) => i.path)).toEqual(["label"])
    const range = Swml.validateVerb("play", { url: "say:Hi", volume: 99 })
    expect(Either.isLeft(range) && range.left.issues[0]!.path).toBe("volume")
    const unknownKey = Swml.validateVerb("hangup", { reason: "busy", colour: "red" })
    expect(Either.isLeft(unknownKey)).toBe(true)
    const unknown = Swml.validateVerb("dance", {})
    expect(Either.isLeft(unknown) && unknown.left.message).toContain('unknown verb "dance"')
    expect(Either.isRight(Swml.validateVerb("label", "top"))).toBe(true)
    expect(Either.isRight(Swml.validateVerb("sleep", 500))).toBe(true)
  })

  it("lists a verb's properties and required properties, across alternative forms", () => {
    expect(Object.keys(Swml.verbProperties("goto"))).toEqual(["label", "when", "max"])
    expect(Swml.verbRequiredProperties("goto")).toEqual(["label"])
    expect(Swml.verbRequiredProperties("request")).toEqual(["url", "method"])
    expect(Swml.verbRequiredProperties("send_sms")).toEqual(["to_number", "from_number"])
    expect(Object.keys(Swml.verbProperties("play"))).toEqual(expect.arrayContaining(["url", "urls", "volume"]))
    expect(Swml.verbRequiredProperties("play")).toEqual([])
    expect(Object.keys(Swml.verbProperties("connect"))).toEqual(expect.arrayContaining(["to", "serial", "parallel", "serial_parallel"]))
    expect(Swml.verbProperties("label")).toEqual({})
    expect(Swml.verbProperties("dance")).toEqual({})
    expect(Swml.verbRequiredProperties("dance")).toEqual([])
    expect(Swml.verbJsonSchema("dance")).toBeUndefined()
    // Every verb's required properties are among its properties.
    for (const verb of Swml.verbNames) {
      const properties = Object.keys(Swml.verbProperties(verb))
      expect(Swml.verbRequiredProperties(verb).filter((r) => !properties.includes(r))).toEqual([])
    }
  })
})
