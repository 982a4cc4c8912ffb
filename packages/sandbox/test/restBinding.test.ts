import { describe, expect, it } from "@effect/vitest"
import * as FabricState from "../src/internal/rest/fabricState.js"
import { Collection } from "../src/internal/rest/store.js"

/** `bindingOf` is the lookup inbound calls will follow (issue 19); the REST tests drive the same state over HTTP. */
describe("bindingOf", () => {
  const setup = () => {
    const numbers = new Collection()
    numbers.put({ id: "pn-1", number: "+15551230001", call_handler: null })
    numbers.put({ id: "pn-2", number: "+15551230002", call_handler: null })
    const state = FabricState.make({ project: "p", iso: () => "2026-01-01T00:00:00.000Z", numbers })
    const update = (id: string, fields: Record<string, unknown>) => numbers.put(state.bindNumber({ ...numbers.get(id)!, ...fields, id }))
    return { numbers, state, update }
  }

  it("follows a SWML URL, a SWML script's document, an AI agent; nothing for an unbound or unknown number", () => {
    const { state, update } = setup()
    expect(state.bindingOf("+15551230001")).toBeUndefined()
    expect(state.bindingOf("+15550000000")).toBeUndefined()

    update("pn-1", { call_handler: "relay_script", call_relay_script_url: "https://agent.example.com/swml" })
    const byUrl = state.bindingOf("+15551230001")!
    expect(byUrl).toMatchObject({ phoneNumberId: "pn-1", callHandler: "relay_script", swml: { url: "https://agent.example.com/swml" } })
    expect(byUrl.resource).toMatchObject({ type: "swml_webhook", swml_webhook: { primary_request_url: "https://agent.example.com/swml" } })

    const script = state.create(FabricState.TYPES.swmlScripts, "hello", { contents: "version: 1.0.0" })
    expect(state.assignPhoneRoute(String(script.id), { phone_route_id: "pn-2", handler: "calling" })).toMatchObject({ id: "pn-2" })
    expect(state.bindingOf("+15551230002")).toMatchObject({ callHandler: "relay_script", swml: { contents: "version: 1.0.0" }, resource: { id: script.id } })

    const agent = state.create(FabricState.TYPES.aiAgents, "Front desk", { prompt: { text: "Hi" } })
    update("pn-2", { call_handler: "ai_agent", call_ai_agent_id: agent.id })
    const bound = state.bindingOf("+15551230002")
    expect(bound).toMatchObject({ callHandler: "ai_agent", resource: { id: agent.id } })
    // The agent runs as its ai verb, after answer.
    const document = bound?.swml !== undefined && "contents" in bound.swml ? JSON.parse(bound.swml.contents) : undefined
    expect(document).toEqual({ version: "1.0.0", sections: { main: [{ answer: {} }, { ai: { prompt: { text: "Hi" } } }] } })
    state.remove(String(agent.id))
    expect(state.bindingOf("+15551230002")).toBeUndefined()
  })
})
