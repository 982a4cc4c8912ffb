import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { RestApi } from "@signalwire-effect/rest"

describe("OpenAPI document", () => {
  it("openapi.json is what the definition generates (regenerate with npm run rest:openapi)", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "openapi.json"), "utf8")) as unknown
    expect(JSON.parse(JSON.stringify(RestApi.openApi()))).toEqual(committed)
  })

  it("the calling command answers a call leg as JSON, and the ai_sidecar.status line as text/plain", () => {
    const operation = (RestApi.openApi().paths["/api/calling/calls"] as Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>).post!
    const content = operation.responses["200"]!.content
    expect(Object.keys(content)).toEqual(["application/json", "text/plain"])
    expect(content["text/plain"]).toEqual({ schema: { type: "string" } })
    expect(content["application/json"]).toMatchObject({ schema: { type: "object", properties: { id: { type: "string" } } } })
  })

  it("every operation has Basic auth and the platform's paths", () => {
    const doc = RestApi.openApi()
    expect(doc.components.securitySchemes).toEqual({ basic: { type: "http", scheme: "basic" } })
    expect(Object.keys(doc.paths)).toContain("/api/relay/rest/phone_numbers/{id}")
    expect(Object.keys(doc.paths)).toContain("/api/messaging/messages/{message_id}")
    for (const item of Object.values(doc.paths)) {
      for (const operation of Object.values(item as Record<string, { security?: unknown }>)) {
        expect(operation.security).toEqual([{ basic: [] }])
      }
    }
  })
})
