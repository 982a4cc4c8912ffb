import { describe, expect, it } from "vitest"
import { filterSensitiveHeaders, isPrivateIp, MAX_SKILL_INPUT_LENGTH, redactUrl, validateUrl } from "../src/index.js"

describe("security helpers under the reference's names", () => {
  it("MAX_SKILL_INPUT_LENGTH, filterSensitiveHeaders, redactUrl, isPrivateIp", () => {
    expect(MAX_SKILL_INPUT_LENGTH).toBe(1000)
    expect(filterSensitiveHeaders({ Authorization: "x", Cookie: "c", "x-api-key": "k", Accept: "a" })).toEqual({ Accept: "a" })
    expect(redactUrl("https://user:secret@host.example/path")).toBe("https://user:****@host.example/path")
    expect(isPrivateIp("192.168.0.10")).toBe(true)
    expect(isPrivateIp("93.184.216.34")).toBe(false)
  })

  it("validateUrl resolves a boolean and never rejects", async () => {
    expect(await validateUrl("http://169.254.169.254/latest/meta-data")).toBe(false)
    expect(await validateUrl("http://localhost:8080/")).toBe(false)
    expect(await validateUrl("ftp://example.com/")).toBe(false)
    expect(await validateUrl("not a url")).toBe(false)
    expect(await validateUrl("https://93.184.216.34/")).toBe(true)
    expect(await validateUrl("http://127.0.0.1:3000/", true)).toBe(true)
  })
})
