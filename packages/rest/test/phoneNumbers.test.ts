import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

describe("phoneNumbers", () => {
  it.scoped("lists the project's numbers, searches, purchases, binds to a context, releases", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const owned = yield* rest.phoneNumbers.list()
          expect(owned.data.map((n) => n.number).sort()).toEqual(["+15551234567", "+15552220000", "+15559870000"])
          const found = yield* rest.phoneNumbers.search({ areacode: "555", max_results: 2 })
          expect(found.data).toHaveLength(2)
          const bought = yield* rest.phoneNumbers.purchase(found.data[0]!.number)
          expect(bought.number).toBe(found.data[0]!.number)
          expect(yield* sandbox.messages.numbers).toContain(bought.number)
          const bound = yield* rest.phoneNumbers.setRelayContext(bought.id, "office")
          expect(bound).toMatchObject({ call_handler: "relay_context", call_relay_context: "office" })
          expect((yield* rest.phoneNumbers.get(bought.id)).call_relay_context).toBe("office")
          yield* rest.phoneNumbers.release(bought.id)
          expect(yield* sandbox.messages.numbers).not.toContain(bought.number)
          const gone = yield* Effect.either(rest.phoneNumbers.get(bought.id))
          expect(Either.isLeft(gone) && gone.left._tag === "RestHttpError" && gone.left.status).toBe(404)
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
        "GET phoneNumbers.list 200",
        "GET phoneNumbers.search 200",
        "POST phoneNumbers.purchase 200",
        "PUT phoneNumbers.update 200",
        "GET phoneNumbers.get 200",
        "DELETE phoneNumbers.release 204",
        "GET phoneNumbers.get 404"
      ])
      expect(journal[2]!.body).toEqual({ number: expect.stringMatching(/^\+1555/) })
      expect(journal[3]!.body).toEqual({ call_handler: "relay_context", call_relay_context: "office" })
      expect(journal.every((r) => r.auth === "ok")).toBe(true)
    }))

  it.scoped("every binding helper sends its call_handler and companion fields", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const bodies = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list()).data
          const id = number!.id
          yield* rest.phoneNumbers.setSwmlWebhook(id, "https://example.com/swml")
          yield* rest.phoneNumbers.setAiAgent(id, "agent-1")
          yield* rest.phoneNumbers.setCxmlWebhook(id, { url: "https://example.com/cxml", fallbackUrl: "https://example.com/f" })
          yield* rest.phoneNumbers.setCxmlApplication(id, "app-1")
          yield* rest.phoneNumbers.setRelayApplication(id, "my-app")
          yield* rest.phoneNumbers.setRelayTopic(id, { topic: "t" })
          yield* rest.phoneNumbers.setCallFlow(id, { flowId: "flow-1", version: "working_copy" })
          const renamed = yield* rest.phoneNumbers.update(id, { name: "Support" })
          expect(renamed.name).toBe("Support")
          return (yield* sandbox.rest.journal).filter((r) => r.method === "PUT").map((r) => r.body)
        }))
      expect(bodies).toEqual([
        { call_handler: "relay_script", call_relay_script_url: "https://example.com/swml" },
        { call_handler: "ai_agent", call_ai_agent_id: "agent-1" },
        { call_handler: "laml_webhooks", call_request_url: "https://example.com/cxml", call_fallback_url: "https://example.com/f" },
        { call_handler: "laml_application", call_laml_application_id: "app-1" },
        { call_handler: "relay_application", call_relay_application: "my-app" },
        { call_handler: "relay_topic", call_relay_topic: "t" },
        { call_handler: "call_flow", call_flow_id: "flow-1", call_flow_version: "working_copy" },
        { name: "Support" }
      ])
    }))

  it.scoped("errors: an unknown id is a 404 with the platform's body; a bad number or empty id sends nothing", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const missing = yield* Effect.flip(rest.phoneNumbers.update("nope", { name: "x" }))
          expect(missing).toMatchObject({ _tag: "RestHttpError", status: 404, method: "PUT", body: { error: "Not Found" } })
          const requestId = missing._tag === "RestHttpError" ? missing.requestId : undefined
          expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
          expect(missing.message).toBe(
            `PUT ${sandbox.rest.baseUrl}/api/relay/rest/phone_numbers/nope returned 404: {"error":"Not Found"} (request-id: ${requestId})`
          )
          expect((yield* Effect.flip(rest.phoneNumbers.release("nope")))._tag).toBe("RestHttpError")
          const taken = yield* Effect.flip(rest.phoneNumbers.purchase("+15551234567"))
          expect(taken).toMatchObject({ status: 422, body: { errors: [{ code: "invalid_parameter" }] } })
          expect((yield* Effect.flip(rest.phoneNumbers.purchase("5551234567")))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(rest.phoneNumbers.get("")))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(rest.importedNumbers.create({ number: "12" })))._tag).toBe("RestValidationError")
        }))
      expect((yield* sandbox.rest.journal).map((r) => r.operation)).toEqual([
        "phoneNumbers.update",
        "phoneNumbers.release",
        "phoneNumbers.purchase"
      ])
    }))

  it.scoped("importedNumbers.create registers a number the project can send from", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const created = yield* withRest(sandbox, (rest) =>
        rest.importedNumbers.create({ number: "+15550009999", number_type: "longcode", capabilities: ["sms"] }))
      expect(created).toMatchObject({ number: "+15550009999", number_type: "longcode" })
      expect(yield* sandbox.messages.numbers).toContain("+15550009999")
      const [request] = yield* sandbox.rest.journal
      expect(request).toMatchObject({ method: "POST", path: "/api/relay/rest/imported_phone_numbers", status: 201 })
    }))
})
