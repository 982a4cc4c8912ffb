import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import { RelayFrame } from "@signalwire-effect/relay"

const decodeOk = (text: string) => Either.getOrThrow(RelayFrame.decode(text))

describe("RelayFrame.decode", () => {
  it("classifies requests, results and errors (PROTOCOL.md §2.2)", () => {
    expect(decodeOk(`{"jsonrpc":"2.0","id":"p-1","method":"signalwire.ping","params":{}}`)).toEqual({
      _tag: "Request",
      id: "p-1",
      method: "signalwire.ping",
      params: {}
    })
    expect(decodeOk(`{"jsonrpc":"2.0","id":"r-1","result":{"code":"200"}}`)).toEqual({
      _tag: "ResultReply",
      id: "r-1",
      result: { code: "200" }
    })
    expect(decodeOk(`{"jsonrpc":"2.0","id":"r-2","error":{"code":-32602,"message":"Invalid parameters","data":{"x":1}}}`))
      .toEqual({ _tag: "ErrorReply", id: "r-2", error: { code: -32602, message: "Invalid parameters", data: { x: 1 } } })
  })

  it("normalises what PROTOCOL.md §2.2 and §7.3 normalise", () => {
    expect(decodeOk(`{"jsonrpc":"2.0","id":"7","result":true}`)).toEqual({ _tag: "ResultReply", id: "7", result: { raw: true } })
    expect(decodeOk(`{"jsonrpc":"2.0","id":"8","error":"boom"}`)).toEqual({
      _tag: "ErrorReply",
      id: "8",
      error: { code: -1, message: "boom" }
    })
    expect(decodeOk(`{"jsonrpc":"2.0","id":"9","error":{}}`)).toEqual({
      _tag: "ErrorReply",
      id: "9",
      error: { code: -1, message: "Unknown error" }
    })
    expect(decodeOk(`{"jsonrpc":"2.0","method":"signalwire.event"}`)).toEqual({
      _tag: "Request",
      id: undefined,
      method: "signalwire.event",
      params: {}
    })
  })

  it("rejects malformed frames with a reason, never a defect", () => {
    const reason = (text: string) => Either.flip(RelayFrame.decode(text)).pipe(Either.getOrThrow).reason
    expect(reason("{not json")).toBe("NotJson")
    expect(reason("[1,2]")).toBe("NotAnObject")
    expect(reason("42")).toBe("NotAnObject")
    expect(reason(`{"jsonrpc":"2.0","id":"1","method":"x","params":[]}`)).toBe("InvalidEnvelope")
    expect(reason(`{"jsonrpc":"1.0","id":"1","method":"x"}`)).toBe("InvalidEnvelope")
    expect(reason(`{"jsonrpc":"2.0","id":{"a":1},"result":{}}`)).toBe("InvalidEnvelope")
    expect(reason(`{"jsonrpc":"2.0","id":"1"}`)).toBe("InvalidEnvelope")
    expect(reason(`{"jsonrpc":"2.0","id":"1","method":""}`)).toBe("InvalidEnvelope")
  })

  it("keeps a __proto__ key in params as data, never as a prototype", () => {
    const frame = decodeOk(`{"jsonrpc":"2.0","id":"1","method":"m","params":{"__proto__":{"polluted":true}}}`)
    if (frame._tag !== "Request") throw new Error("not a request")
    expect(Object.getPrototypeOf(frame.params)).toBe(Object.prototype)
    expect((frame.params as { polluted?: unknown }).polluted).toBeUndefined()
    expect(Object.keys(frame.params)).toEqual(["__proto__"])
  })

  it("applies the code rule of PROTOCOL.md §7.1", () => {
    expect(RelayFrame.failingCode({})).toBeUndefined()
    for (const ok of ["200", "201", "204", "299", 200]) expect(RelayFrame.failingCode({ code: ok })).toBeUndefined()
    expect(RelayFrame.failingCode({ code: "100" })).toBe(100)
    expect(RelayFrame.failingCode({ code: "404" })).toBe(404)
    expect(RelayFrame.failingCode({ code: "2000" })).toBe(2000)
    expect(RelayFrame.failingCode({ code: "bad_code" })).toBe(-1)
  })

  it("redacts every credential at any depth", () => {
    const text = JSON.stringify({
      params: {
        authentication: { project: "p-secret", token: "t-secret", jwt_token: "j-secret" },
        authorization_state: "a-secret",
        nested: [{ token: "t2-secret" }]
      }
    })
    const redacted = RelayFrame.redactText(text)
    expect(redacted).not.toMatch(/secret/)
    expect(redacted).toContain("<redacted>")
  })

  it.prop("never fails with a defect on arbitrary text", [FastCheck.string()], ([text]) => {
    const decoded = RelayFrame.decode(text)
    expect(Either.isLeft(decoded) || Either.isRight(decoded)).toBe(true)
  })

  it.prop("never fails with a defect on arbitrary JSON values", [FastCheck.jsonValue()], ([value]) => {
    const decoded = RelayFrame.decode(JSON.stringify(value))
    if (Either.isRight(decoded)) expect(["Request", "ResultReply", "ErrorReply"]).toContain(decoded.right._tag)
    else expect(["NotJson", "NotAnObject", "InvalidEnvelope"]).toContain(decoded.left.reason)
  })

  const frameLike = FastCheck.record(
    {
      jsonrpc: FastCheck.constantFrom("2.0", "1.0", 2),
      id: FastCheck.oneof(FastCheck.string(), FastCheck.integer(), FastCheck.constant(null), FastCheck.object()),
      method: FastCheck.oneof(FastCheck.string(), FastCheck.integer()),
      params: FastCheck.oneof(FastCheck.object(), FastCheck.array(FastCheck.anything()), FastCheck.string()),
      result: FastCheck.anything(),
      error: FastCheck.anything()
    },
    { requiredKeys: [] }
  )

  it.prop("classifies near-miss envelopes without a defect", [frameLike], ([value]) => {
    const decoded = RelayFrame.decode(JSON.stringify(value))
    if (Either.isRight(decoded)) {
      const frame = decoded.right
      if (frame._tag === "Request") {
        expect(typeof frame.method).toBe("string")
        expect(typeof frame.params).toBe("object")
      } else {
        expect(["string", "number"]).toContain(typeof frame.id)
      }
    }
  })

  const requestArbitrary = FastCheck.record({
    id: FastCheck.oneof(FastCheck.uuid(), FastCheck.integer()),
    method: FastCheck.string({ minLength: 1 }),
    params: FastCheck.dictionary(FastCheck.string(), FastCheck.jsonValue())
  })

  it.prop("round-trips requests: encode then decode gives the same request", [requestArbitrary], ([r]) => {
    const frame = RelayFrame.request(r.id, r.method, r.params)
    expect(decodeOk(RelayFrame.encode(frame))).toEqual(JSON.parse(JSON.stringify(frame)))
  })

  it.prop(
    "round-trips replies",
    [FastCheck.uuid(), FastCheck.dictionary(FastCheck.string(), FastCheck.jsonValue())],
    ([id, result]) => {
      expect(decodeOk(RelayFrame.encode(RelayFrame.reply(id, result)))).toEqual(
        JSON.parse(JSON.stringify(RelayFrame.reply(id, result)))
      )
    }
  )
})
