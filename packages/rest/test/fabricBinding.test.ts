import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const swml = JSON.stringify({ version: "1.0.0", sections: { main: [{ play: { url: "say:Hello" } }] } })

describe("the phone-number binding model", () => {
  it.scoped("setSwmlWebhook materialises one swml_webhook per URL, bound to the number and listed among its addresses", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [a, b] = (yield* rest.phoneNumbers.list()).data
          const bound = yield* rest.phoneNumbers.setSwmlWebhook(a!.id, "https://agent.example.com/swml")
          yield* rest.phoneNumbers.setSwmlWebhook(b!.id, "https://agent.example.com/swml")
          const webhooks = (yield* rest.fabric.swmlWebhooks.list()).data
          expect(webhooks).toHaveLength(1)
          expect(webhooks[0]).toMatchObject({ type: "swml_webhook", swml_webhook: { primary_request_url: "https://agent.example.com/swml" } })
          expect(bound.calling_handler_resource_id).toBe(webhooks[0]!.id)
          const addresses = (yield* rest.fabric.resources.listAddresses(webhooks[0]!.id)).data.map((x) => x.name)
          expect(addresses).toEqual(expect.arrayContaining([a!.number.slice(1), b!.number.slice(1)]))
          // Renaming the number keeps its binding.
          expect((yield* rest.phoneNumbers.update(a!.id, { name: "Support" })).calling_handler_resource_id).toBe(webhooks[0]!.id)
          // The platform binds webhooks through the number only.
          expect(yield* Effect.flip(rest.fabric.resources.assignPhoneRoute(webhooks[0]!.id, { phone_route_id: a!.id, handler: "calling" })))
            .toMatchObject({ status: 422, body: { errors: [{ detail: expect.stringContaining("phone number") }] } })
        }))
    }))

  it.scoped("a SWML script bound through Fabric is the number's binding through phoneNumbers, and the other way round for an AI agent", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list()).data
          const script = yield* rest.fabric.swmlScripts.create({ name: "hello", contents: swml })
          const address = yield* rest.fabric.resources.assignPhoneRoute(script.id, { phone_route_id: number!.id, handler: "calling" })
          expect(address).toMatchObject({ id: number!.id, name: number!.number.slice(1), type: "app" })
          expect(yield* rest.phoneNumbers.get(number!.id)).toMatchObject({
            call_handler: "relay_script",
            calling_handler_resource_id: script.id
          })
          expect((yield* rest.fabric.swmlScripts.listAddresses(script.id)).data.map((x) => x.id)).toContain(number!.id)

          const agent = yield* rest.fabric.aiAgents.create({ name: "Front desk", prompt: { text: "Greet callers." } })
          const viaNumber = yield* rest.phoneNumbers.setAiAgent(number!.id, agent.id)
          expect(viaNumber).toMatchObject({ call_handler: "ai_agent", call_ai_agent_id: agent.id, calling_handler_resource_id: agent.id })
          expect((yield* rest.fabric.aiAgents.listAddresses(agent.id)).data.map((x) => x.id)).toContain(number!.id)
          expect((yield* rest.fabric.swmlScripts.listAddresses(script.id)).data.map((x) => x.id)).not.toContain(number!.id)
          expect(yield* Effect.flip(rest.fabric.resources.assignPhoneRoute(agent.id, { phone_route_id: number!.id, handler: "calling" })))
            .toMatchObject({ status: 422 })
          // Deleting the resource unbinds the number.
          yield* rest.fabric.resources.delete(agent.id)
          expect(yield* rest.phoneNumbers.get(number!.id)).toMatchObject({ call_handler: null, calling_handler_resource_id: null })
        }))
      const routes = (yield* sandbox.rest.journal).filter((r) => r.operation === "fabric.resources.assignPhoneRoute")
      expect(routes.map((r) => [r.method, r.path.replace(/[0-9a-f-]{36}/, ":id"), r.status])).toEqual([
        ["POST", "/api/fabric/resources/:id/phone_routes", 200],
        ["POST", "/api/fabric/resources/:id/phone_routes", 422]
      ])
      expect(routes[0]!.body).toEqual({ phone_route_id: expect.any(String), handler: "calling" })
    }))

  it.scoped("a RELAY application: by name through phoneNumbers (materialised once), by resource through Fabric, for calls and messages", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [a, b] = (yield* rest.phoneNumbers.list()).data
          yield* rest.phoneNumbers.setRelayApplication(a!.id, "reception")
          const [app] = (yield* rest.fabric.relayApplications.list()).data
          expect(app).toMatchObject({ relay_application: { name: "reception", topic: "reception" } })
          expect((yield* rest.phoneNumbers.get(a!.id)).calling_handler_resource_id).toBe(app!.id)

          yield* rest.fabric.resources.assignPhoneRoute(app!.id, { phone_route_id: b!.id, handler: "calling" })
          yield* rest.fabric.resources.assignPhoneRoute(app!.id, { phone_route_id: b!.id, handler: "messaging" })
          expect(yield* rest.phoneNumbers.get(b!.id)).toMatchObject({
            call_handler: "relay_application",
            call_relay_application: "reception",
            message_handler: "relay_application",
            message_relay_application: "reception",
            calling_handler_resource_id: app!.id
          })
          expect((yield* rest.fabric.relayApplications.list()).data).toHaveLength(1)
          expect((yield* rest.fabric.relayApplications.listAddresses(app!.id)).data.map((x) => x.id)).toEqual(
            expect.arrayContaining([a!.id, b!.id])
          )
          expect(yield* Effect.flip(rest.fabric.resources.assignPhoneRoute(app!.id, { phone_route_id: "missing", handler: "calling" })))
            .toMatchObject({ status: 404 })
        }))
    }))

  it.scoped("cXML webhooks, call flows and the other handlers resolve to their resources; unknown ids resolve to none", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list()).data
          const cxml = yield* rest.phoneNumbers.setCxmlWebhook(number!.id, { url: "https://example.com/voice.xml", fallbackUrl: "https://example.com/f.xml" })
          const [hook] = (yield* rest.fabric.cxmlWebhooks.list()).data
          expect(hook).toMatchObject({ cxml_webhook: { primary_request_url: "https://example.com/voice.xml", fallback_request_url: "https://example.com/f.xml" } })
          expect(cxml.calling_handler_resource_id).toBe(hook!.id)
          const flow = yield* rest.fabric.callFlows.create({ title: "IVR" })
          expect((yield* rest.phoneNumbers.setCallFlow(number!.id, { flowId: flow.id })).calling_handler_resource_id).toBe(flow.id)
          expect((yield* rest.phoneNumbers.setAiAgent(number!.id, "not-an-agent")).calling_handler_resource_id).toBeNull()
          expect((yield* rest.phoneNumbers.setRelayContext(number!.id, "office")).calling_handler_resource_id).toBeNull()
        }))
    }))
})
