import { createHmac } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import {
  SIGNALWIRE_SIGNATURE_HEADER,
  TWILIO_COMPAT_SIGNATURE_HEADER,
  validateRequest,
  validateWebhookSignature
} from "@signalwire-effect/sdk"
import { withSandbox } from "./fixtures/sandbox.js"

const KEY = "PSK_facade_key"
const URL_ = "https://app.example.com/voice"

describe("validateWebhookSignature / validateRequest (the reference's names)", () => {
  it("accept both schemes and parsed params; refuse tampering; throw as the reference does", () => {
    expect(SIGNALWIRE_SIGNATURE_HEADER).toBe("x-signalwire-signature")
    expect(TWILIO_COMPAT_SIGNATURE_HEADER).toBe("x-twilio-signature")
    const compat = createHmac("sha1", KEY).update(`${URL_}CallSidCA1Digits42`).digest("base64")
    expect(validateRequest(KEY, compat, URL_, { Digits: "42", CallSid: "CA1" })).toBe(true)
    expect(validateRequest(KEY, compat, URL_, new Map<string, unknown>([["Digits", 42], ["CallSid", "CA1"]]))).toBe(true)
    expect(validateRequest(KEY, compat, URL_, [["CallSid", "CA1"], ["Digits", "42"]])).toBe(true)
    expect(validateRequest(KEY, compat, URL_, "CallSid=CA1&Digits=42")).toBe(true)
    expect(validateRequest(KEY, compat, URL_, { Digits: "43", CallSid: "CA1" })).toBe(false)
    expect(validateWebhookSignature(KEY, compat, URL_, "CallSid=CA1&Digits=42")).toBe(true)
    const json = "{\"call\":{}}"
    expect(validateWebhookSignature(KEY, createHmac("sha1", KEY).update(URL_ + json).digest("hex"), URL_, json)).toBe(true)
    expect(validateWebhookSignature(KEY, "", URL_, json)).toBe(false)
    expect(() => validateWebhookSignature("", compat, URL_, json)).toThrow("signingKey is required")
    expect(() => validateWebhookSignature(KEY, compat, URL_, {} as unknown as string)).toThrow(TypeError)
  })

  it("a cXML application checks what the sandbox sends with validateRequest", async () => {
    const seen: Array<boolean> = []
    let key = ""
    const app = http.createServer((request, response) => {
      let body = ""
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
      request.on("end", () => {
        const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}${request.url}`
        const params = Object.fromEntries(new URLSearchParams(body))
        const signature = String(request.headers[TWILIO_COMPAT_SIGNATURE_HEADER] ?? "")
        const ok = validateRequest(key, signature, url, params) && !validateRequest(key, signature, url, { ...params, From: "+1" })
        seen.push(ok)
        response.writeHead(ok ? 200 : 403, { "content-type": "text/xml" }).end("<Response><Hangup/></Response>")
      })
    })
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve))
    try {
      await withSandbox(async (t) => {
        key = "PSK_sandbox_facade"
        const client = t.rest()
        const call = await client.compat.calls.create({ To: "+15550001111", From: "+15551234567", Url: `http://127.0.0.1:${(app.address() as AddressInfo).port}/cxml?x=1` })
        const entries = await t.run(t.sandbox.swml.waitForEnd(call.sid))
        expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })
        expect(seen).toEqual([true])
      }, { signingKey: "PSK_sandbox_facade" })
    } finally {
      app.closeAllConnections()
      app.close()
    }
  })
})
