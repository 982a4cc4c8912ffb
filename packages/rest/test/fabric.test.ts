import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { FabricNamespaces, RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

type Rest = RestClient.RestClient["Type"]
type AnyCrud = FabricNamespaces.CrudResourceApi<{ readonly id: string; readonly [k: string]: unknown }, never, never>

/** Each typed resource type with create: its namespace, path, verbs, a valid body, an update, a body only the server refuses. */
interface Case {
  readonly name: keyof Rest["fabric"]
  readonly path: string
  readonly update: "PUT" | "PATCH"
  readonly create: Readonly<Record<string, unknown>>
  readonly change: Readonly<Record<string, unknown>>
  /** Where the type's own fields are (empty: at the top, as the platform shows SIP endpoints). */
  readonly key: string
  /** A body that passes the client's checks and that the server answers 422 (or undefined). */
  readonly refused?: Readonly<Record<string, unknown>>
  /** A body the client refuses before sending. */
  readonly invalid: Readonly<Record<string, unknown>>
  readonly addresses?: string
}

const swml = JSON.stringify({ version: "1.0.0", sections: { main: [{ play: { url: "say:Hello" } }] } })
const cases: ReadonlyArray<Case> = [
  { name: "swmlScripts", path: "swml_scripts", update: "PUT", key: "swml_script", create: { name: "hello", contents: swml }, change: { contents: "version: 1.0.0" }, invalid: { name: "x" } },
  { name: "swmlWebhooks", path: "swml_webhooks", update: "PATCH", key: "swml_webhook", create: { primary_request_url: "https://example.com/swml" }, change: { fallback_request_url: "https://example.com/f" }, invalid: { name: "x" } },
  { name: "cxmlScripts", path: "cxml_scripts", update: "PUT", key: "cxml_script", create: { display_name: "hi", contents: "<Response/>" }, change: { contents: "<Response><Hangup/></Response>" }, invalid: { contents: "x" } },
  { name: "cxmlWebhooks", path: "cxml_webhooks", update: "PATCH", key: "cxml_webhook", create: { primary_request_url: "https://example.com/cxml" }, change: { status_callback_url: "https://example.com/s" }, invalid: { used_for: "calling" } },
  { name: "aiAgents", path: "ai_agents", update: "PATCH", key: "ai_agent", create: { name: "Front desk", prompt: { text: "Greet callers." } }, change: { post_prompt_url: "https://example.com/summary" }, invalid: { prompt: "x" } },
  { name: "callFlows", path: "call_flows", update: "PUT", key: "call_flow", create: { title: "IVR" }, change: { title: "IVR v2" }, invalid: { flow_data: {} }, addresses: "call_flow" },
  { name: "conferenceRooms", path: "conference_rooms", update: "PUT", key: "conference_room", create: { name: "standup", enable_room_previews: false }, change: { max_members: 10 }, refused: { name: "standup", enable_room_previews: true }, invalid: { name: "x" }, addresses: "conference_room" },
  { name: "relayApplications", path: "relay_applications", update: "PUT", key: "relay_application", create: { name: "reception", topic: "office" }, change: { topic: "front-desk" }, refused: { name: "reception", topic: "other" }, invalid: { name: "x" } },
  { name: "subscribers", path: "subscribers", update: "PUT", key: "subscriber", create: { email: "ada@example.com", first_name: "Ada" }, change: { email: "ada@example.com", last_name: "Lovelace" }, refused: { email: "ada@example.com" }, invalid: { first_name: "x" } },
  { name: "sipEndpoints", path: "sip_endpoints", update: "PUT", key: "", create: { username: "desk-1", password: "s3cret!" }, change: { caller_id: "Desk" }, refused: { username: "desk-1", password: "other" }, invalid: { username: "x" } },
  { name: "sipGateways", path: "sip_gateways", update: "PATCH", key: "sip_gateway", create: { name: "pbx", uri: "sip:pbx.example.com", encryption: "optional", ciphers: [], codecs: ["PCMU"] }, change: { uri: "sip:pbx2.example.com" }, refused: { name: "pbx", uri: "http://nope", encryption: "optional", ciphers: [], codecs: [] }, invalid: { name: "x", uri: "sip:a" } },
  { name: "freeswitchConnectors", path: "freeswitch_connectors", update: "PUT", key: "freeswitch_connector", create: { name: "lab", token: "fs-token" }, change: { caller_id: "Lab" }, invalid: { name: "lab" } }
]

describe("fabric resource types", () => {
  for (const c of cases) {
    it.scoped(`${c.name}: create, get, update (${c.update}), list and paginate, addresses, delete; 404, 422 and refused bodies`, () =>
      Effect.gen(function*() {
        const sandbox = yield* RelaySandbox.make()
        const base = `/api/fabric/resources/${c.path}`
        yield* withRest(sandbox, (rest) =>
          Effect.gen(function*() {
            const api = rest.fabric[c.name] as unknown as AnyCrud
            const created = yield* api.create(c.create as never)
            expect(created).toMatchObject(
              c.key === "" ? { id: expect.any(String), type: "sip_endpoint", username: "desk-1" } : { id: expect.any(String), project_id: "sandbox-project", [c.key]: expect.any(Object) }
            )
            expect(created).not.toHaveProperty("password")
            const second = yield* api.create({ ...c.create, name: "second", username: "desk-2", email: "grace@example.com", title: "Other" } as never)
            expect(yield* api.get(created.id)).toMatchObject({ id: created.id })
            const updated = yield* api.update(created.id, c.change as never)
            expect(c.key === "" ? updated : updated[c.key]).toMatchObject(Object.fromEntries(Object.entries(c.change).filter(([k]) => k !== "title")))
            expect((yield* api.list({ page_size: 1 })).data).toHaveLength(1)
            const all = yield* Stream.runCollect(api.paginate({ page_size: 1 }))
            expect(Chunk.toReadonlyArray(all).map((r) => r.id)).toEqual([created.id, second.id])
            const addresses = yield* api.listAddresses(created.id)
            expect(addresses.data[0]).toMatchObject({ channels: { audio: expect.stringMatching(/^\/public\/.+\?channel=audio$/) } })
            expect(Chunk.size(yield* Stream.runCollect(api.paginateAddresses(created.id)))).toBe(1)
            yield* api.delete(created.id)
            for (const failure of [api.get(created.id), api.update(created.id, c.change as never), api.delete(created.id), api.listAddresses(created.id)]) {
              expect(yield* Effect.flip(failure)).toMatchObject({ _tag: "RestHttpError", status: 404, body: { error: "Not Found" } })
            }
            if (c.refused !== undefined) {
              expect(yield* Effect.flip(api.create({ ...c.refused, ...(c.name === "subscribers" ? { email: "grace@example.com" } : {}), ...(c.name === "sipEndpoints" ? { username: "desk-2" } : {}), ...(c.name === "relayApplications" || c.name === "conferenceRooms" ? { name: "second" } : {}) } as never)))
                .toMatchObject({ _tag: "RestHttpError", status: 422, body: { errors: [{ code: "invalid_parameter" }] } })
            }
            expect((yield* Effect.flip(api.create(c.invalid as never)))._tag).toBe("RestValidationError")
            expect((yield* Effect.flip(api.get("")))._tag).toBe("RestValidationError")
          }))
        const journal = yield* sandbox.rest.journal
        const id = journal[2]!.path.split("/").at(-1)!
        expect(journal.slice(0, 4).map((r) => `${r.method} ${r.path}`)).toEqual([
          `POST ${base}`,
          `POST ${base}`,
          `GET ${base}/${id}`,
          `${c.update} ${base}/${id}`
        ])
        expect(journal[0]!.body).toEqual(c.create)
        expect(journal[3]!.body).toEqual(c.change)
        expect(journal[3]!.operation).toBe(`fabric.${c.name}.update`)
        expect(journal.find((r) => r.operation === `fabric.${c.name}.listAddresses`)?.path).toBe(
          `/api/fabric/resources/${c.addresses ?? c.path}/${id}/addresses`
        )
        expect(journal.filter((r) => r.operation === `fabric.${c.name}.list`).map((r) => r.query.page_token !== undefined)).toEqual([
          false,
          false,
          true
        ])
        // The client refused the invalid bodies and the empty id: nothing of them reached the server.
        expect(journal.every((r) => r.auth === "ok" && !r.path.endsWith("/"))).toBe(true)
        expect(journal.filter((r) => r.method === "POST").length).toBe(c.refused === undefined ? 2 : 3)
      }))
  }

  it.scoped("cxmlApplications and dialogflowAgents have no create: materialised by a number binding, or seeded", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list()).data
          yield* rest.phoneNumbers.setCxmlApplication(number!.id, "app-1")
          const app = yield* rest.fabric.cxmlApplications.get("app-1")
          expect(app).toMatchObject({ id: "app-1", type: "cxml_application" })
          const updated = yield* rest.fabric.cxmlApplications.update("app-1", { voice_url: "https://example.com/voice.xml" })
          expect(updated.cxml_application?.voice_url).toBe("https://example.com/voice.xml")
          expect((yield* rest.fabric.cxmlApplications.listAddresses("app-1")).data.map((a) => a.name)).toContain(number!.number.slice(1))
          expect((yield* rest.fabric.cxmlApplications.list()).data.map((a) => a.id)).toEqual(["app-1"])
          yield* rest.fabric.cxmlApplications.delete("app-1")
          expect((yield* rest.phoneNumbers.get(number!.id)).call_handler).toBeNull()
          expect(yield* Effect.flip(rest.fabric.cxmlApplications.get("app-1"))).toMatchObject({ status: 404 })

          const [agent] = (yield* rest.fabric.dialogflowAgents.list()).data
          expect(agent).toMatchObject({ type: "dialogflow_agent", display_name: "Sandbox Dialogflow agent" })
          const said = yield* rest.fabric.dialogflowAgents.update(agent!.id, { say_enabled: true, say: "Welcome" })
          expect(said.dialogflow_agent).toMatchObject({ say_enabled: true, say: "Welcome" })
          expect(Chunk.size(yield* Stream.runCollect(rest.fabric.dialogflowAgents.paginate()))).toBe(1)
          expect((yield* rest.fabric.dialogflowAgents.listAddresses(agent!.id)).data).toHaveLength(1)
          yield* rest.fabric.dialogflowAgents.delete(agent!.id)
          expect(yield* Effect.flip(rest.fabric.dialogflowAgents.update(agent!.id, { say: "x" }))).toMatchObject({ status: 404 })
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.operation?.startsWith("fabric.dialogflowAgents")).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, ":id")} ${r.status}`)).toEqual([
        "GET /api/fabric/resources/dialogflow_agents 200",
        "PUT /api/fabric/resources/dialogflow_agents/:id 200",
        "GET /api/fabric/resources/dialogflow_agents 200",
        "GET /api/fabric/resources/dialogflow_agents/:id/addresses 200",
        "DELETE /api/fabric/resources/dialogflow_agents/:id 204",
        "PUT /api/fabric/resources/dialogflow_agents/:id 404"
      ])
      expect(journal.find((r) => r.operation === "fabric.cxmlApplications.update")).toMatchObject({
        method: "PUT",
        path: "/api/fabric/resources/cxml_applications/app-1",
        body: { voice_url: "https://example.com/voice.xml" }
      })
    }))
})
