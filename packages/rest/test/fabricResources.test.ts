import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

/** The claims of a JWT (its middle part). */
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>

describe("fabric: resources, addresses, SIP addresses, subscribers' SIP endpoints, call flow versions, tokens", () => {
  it.scoped("resources of any type: list, paginate, get, addresses, delete; domain application and SIP endpoint assignment", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const app = yield* rest.fabric.relayApplications.create({ name: "reception", topic: "office" })
          const room = yield* rest.fabric.conferenceRooms.create({ name: "standup", enable_room_previews: false })
          const all = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.fabric.resources.paginate({ page_size: 2 })))
          expect(all.map((r) => r.type)).toEqual(["dialogflow_agent", "relay_application", "video_room"])
          expect((yield* rest.fabric.resources.list()).data).toHaveLength(3)
          expect(yield* rest.fabric.resources.get(room.id)).toMatchObject({ type: "video_room", conference_room: { name: "standup" } })
          const [own] = (yield* rest.fabric.resources.listAddresses(room.id)).data
          expect(own).toMatchObject({ name: "standup", type: "room" })
          expect(Chunk.size(yield* Stream.runCollect(rest.fabric.resources.paginateAddresses(room.id)))).toBe(1)

          const domain = yield* rest.domainApplications.create({ name: "Office", identifier: "office" })
          const assigned = yield* rest.fabric.resources.assignDomainApplication(app.id, { domain_application_id: domain.id })
          expect(assigned).toMatchObject({ id: domain.id, call_handler: "relay_application", call_relay_application: "reception", calling_handler_resource_id: app.id })
          expect((yield* rest.domainApplications.get(domain.id)).calling_handler_resource_id).toBe(app.id)
          const endpoint = yield* rest.sipEndpoints.create({ username: "desk-1", password: "s3cret!" })
          const callAddress = yield* rest.fabric.resources.assignSipEndpoint(app.id, { sip_endpoint_id: endpoint.id })
          expect(callAddress).toMatchObject({ id: endpoint.id, name: "desk-1", type: "call" })
          expect(yield* rest.sipEndpoints.get(endpoint.id)).toMatchObject({ call_handler: "relay_application", calling_handler_resource_id: app.id })

          expect(yield* Effect.flip(rest.fabric.resources.assignDomainApplication(app.id, { domain_application_id: "missing" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.resources.assignSipEndpoint("missing", { sip_endpoint_id: endpoint.id }))).toMatchObject({ status: 404 })
          yield* rest.fabric.resources.delete(room.id)
          for (const failure of [rest.fabric.resources.get(room.id), rest.fabric.resources.delete(room.id), rest.fabric.resources.listAddresses(room.id)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          expect(yield* Effect.flip(rest.fabric.conferenceRooms.get(room.id))).toMatchObject({ status: 404 })
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "fabric.resources.assignDomainApplication")).toMatchObject({
        method: "POST",
        path: expect.stringMatching(/^\/api\/fabric\/resources\/[^/]+\/domain_applications$/),
        body: { domain_application_id: expect.any(String) },
        status: 200
      })
      expect(journal.find((r) => r.operation === "fabric.resources.assignSipEndpoint")?.body).toEqual({ sip_endpoint_id: expect.any(String) })
      expect(journal.filter((r) => r.operation === "fabric.resources.list").length).toBe(3)
    }))

  it.scoped("addresses: every resource's own address, listed, paged and got; SIP addresses CRUD (PATCH update)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const app = yield* rest.fabric.relayApplications.create({ name: "Reception Desk", topic: "office" })
          const listed = (yield* rest.fabric.addresses.list()).data
          expect(listed.map((a) => a.name)).toEqual(["sandbox-dialogflow-agent", "reception-desk"])
          const paged = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.fabric.addresses.paginate({ page_size: 1 })))
          expect(paged.map((a) => a.id)).toEqual(listed.map((a) => a.id))
          expect(yield* rest.fabric.addresses.get(listed[1]!.id)).toMatchObject({ channels: { video: "/public/reception-desk?channel=video" } })
          expect(yield* Effect.flip(rest.fabric.addresses.get("missing"))).toMatchObject({ status: 404 })

          const sip = yield* rest.fabric.sipAddresses.create({ name: "frontdesk", calling_handler_resource_id: app.id, password: "pw" })
          expect(sip).toMatchObject({ type: "sip_address", resource_id: app.id, uri: "sip:frontdesk@sandbox-.sip.signalwire.com" })
          expect(sip).not.toHaveProperty("password")
          expect((yield* rest.fabric.sipAddresses.update(sip.id, { name: "reception" })).name).toBe("reception")
          expect(yield* rest.fabric.sipAddresses.get(sip.id)).toMatchObject({ name: "reception" })
          expect((yield* rest.fabric.sipAddresses.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.fabric.sipAddresses.paginate()))).toBe(1)
          expect(yield* Effect.flip(rest.fabric.sipAddresses.create({ name: "x", calling_handler_resource_id: "missing" }))).toMatchObject({ status: 422 })
          yield* rest.fabric.sipAddresses.delete(sip.id)
          expect(yield* Effect.flip(rest.fabric.sipAddresses.get(sip.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.sipAddresses.update(sip.id, { name: "x" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.sipAddresses.delete(sip.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.fabric.sipAddresses.create({ name: "", calling_handler_resource_id: app.id })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "fabric.sipAddresses.update")).toMatchObject({ method: "PATCH", body: { name: "reception" } })
      expect(journal.filter((r) => r.operation === "fabric.sipAddresses.create").map((r) => r.status)).toEqual([201, 422])
    }))

  it.scoped("a subscriber's SIP endpoints: create, list, paginate, get, update (PATCH), delete; 404 for another subscriber's", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const ada = yield* rest.fabric.subscribers.create({ email: "ada@example.com" })
          const grace = yield* rest.fabric.subscribers.create({ email: "grace@example.com" })
          const ep = yield* rest.fabric.subscribers.createSipEndpoint(ada.id, { username: "ada", password: "s3cret!" })
          expect(ep).toMatchObject({ username: "ada", encryption: "default" })
          expect(ep).not.toHaveProperty("password")
          yield* rest.fabric.subscribers.createSipEndpoint(ada.id, { username: "ada-2", password: "s3cret!" })
          expect((yield* rest.fabric.subscribers.listSipEndpoints(ada.id)).data).toHaveLength(2)
          expect(Chunk.size(yield* Stream.runCollect(rest.fabric.subscribers.paginateSipEndpoints(ada.id, { page_size: 1 })))).toBe(2)
          expect(yield* rest.fabric.subscribers.getSipEndpoint(ada.id, ep.id)).toMatchObject({ id: ep.id })
          expect((yield* rest.fabric.subscribers.updateSipEndpoint(ada.id, ep.id, { caller_id: "Ada" })).caller_id).toBe("Ada")
          expect(yield* Effect.flip(rest.fabric.subscribers.getSipEndpoint(grace.id, ep.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.subscribers.updateSipEndpoint(grace.id, ep.id, { caller_id: "x" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.subscribers.createSipEndpoint(grace.id, { username: "ada", password: "x" }))).toMatchObject({ status: 422 })
          expect(yield* Effect.flip(rest.fabric.subscribers.createSipEndpoint("missing", { username: "z", password: "x" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.subscribers.listSipEndpoints("missing"))).toMatchObject({ status: 404 })
          yield* rest.fabric.subscribers.deleteSipEndpoint(ada.id, ep.id)
          expect(yield* Effect.flip(rest.fabric.subscribers.deleteSipEndpoint(ada.id, ep.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.fabric.subscribers.createSipEndpoint(ada.id, { username: "", password: "x" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "fabric.subscribers.updateSipEndpoint")).toMatchObject({
        method: "PATCH",
        path: expect.stringMatching(/^\/api\/fabric\/resources\/subscribers\/[^/]+\/sip_endpoints\/[^/]+$/),
        body: { caller_id: "Ada" }
      })
    }))

  it.scoped("call flow versions: each PUT bumps document_version; deploy records the document; listVersions on the singular path", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const flow = yield* rest.fabric.callFlows.create({ title: "IVR", flow_data: { nodes: [] } })
          expect(flow.call_flow?.document_version).toBe(1)
          const v2 = yield* rest.fabric.callFlows.update(flow.id, { flow_data: { nodes: ["answer"] }, document_version: 1 })
          expect(v2.call_flow?.document_version).toBe(2)
          expect(yield* Effect.flip(rest.fabric.callFlows.update(flow.id, { document_version: 1 }))).toMatchObject({ status: 422 })
          const deployed = yield* rest.fabric.callFlows.deployVersion(flow.id, {})
          expect(deployed).toMatchObject({ document_version: 2, flow_data: { nodes: ["answer"] } })
          yield* rest.fabric.callFlows.deployVersion(flow.id, { document_version: 1 })
          expect(yield* Effect.flip(rest.fabric.callFlows.deployVersion(flow.id, { document_version: 9 }))).toMatchObject({ status: 422 })
          expect((yield* rest.fabric.callFlows.listVersions(flow.id)).data.map((v) => v.document_version)).toEqual([2, 1])
          expect(Chunk.size(yield* Stream.runCollect(rest.fabric.callFlows.paginateVersions(flow.id, { page_size: 1 })))).toBe(2)
          expect(yield* Effect.flip(rest.fabric.callFlows.listVersions("missing"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.fabric.callFlows.deployVersion("missing", {}))).toMatchObject({ status: 404 })
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "fabric.callFlows.deployVersion")).toMatchObject({
        method: "POST",
        path: expect.stringMatching(/^\/api\/fabric\/resources\/call_flow\/[^/]+\/versions$/),
        status: 201
      })
    }))

  it.scoped("tokens: subscriber (made on first use), refresh, invite, guest and embed tokens are JWTs the sandbox signed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const pair = yield* rest.fabric.tokens.createSubscriberToken({ reference: "ada@example.com" })
          const [subscriber] = (yield* rest.fabric.subscribers.list()).data
          expect(subscriber?.subscriber?.email).toBe("ada@example.com")
          expect(pair.subscriber_id).toBe(subscriber!.id)
          expect(pair.token.split(".")).toHaveLength(3)
          expect(claims(pair.token)).toMatchObject({ sub: subscriber!.id, typ: "SAT", project_id: "sandbox-project" })
          const again = yield* rest.fabric.tokens.createSubscriberToken({ reference: "ada@example.com" })
          expect(again.subscriber_id).toBe(subscriber!.id)
          const refreshed = yield* rest.fabric.tokens.refreshSubscriberToken({ refresh_token: pair.refresh_token! })
          expect(claims(refreshed.token)).toMatchObject({ sub: subscriber!.id, typ: "SAT" })
          expect(yield* Effect.flip(rest.fabric.tokens.refreshSubscriberToken({ refresh_token: pair.token }))).toMatchObject({ status: 422 })
          const forged = `${pair.refresh_token!.split(".").slice(0, 2).join(".")}.${Buffer.from("forged").toString("base64url")}`
          expect(yield* Effect.flip(rest.fabric.tokens.refreshSubscriberToken({ refresh_token: forged }))).toMatchObject({ status: 422 })

          const [address] = (yield* rest.fabric.addresses.list()).data
          const invite = yield* rest.fabric.tokens.createInviteToken({ address_id: address!.id })
          expect(claims(invite.token)).toMatchObject({ typ: "invite", address_id: address!.id })
          expect(yield* Effect.flip(rest.fabric.tokens.createInviteToken({ address_id: "missing" }))).toMatchObject({ status: 404 })
          const guest = yield* rest.fabric.tokens.createGuestToken({ allowed_addresses: [address!.id] })
          expect(claims(guest.token)).toMatchObject({ typ: "guest", allowed_addresses: [address!.id] })
          expect(yield* Effect.flip(rest.fabric.tokens.createGuestToken({ allowed_addresses: ["missing"] }))).toMatchObject({ status: 422 })
          const embed = yield* rest.fabric.tokens.createEmbedToken({ token: "c2c_abc" })
          expect(claims(embed.token)).toMatchObject({ typ: "embed" })
          expect((yield* Effect.flip(rest.fabric.tokens.createEmbedToken({ token: "" })))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(rest.fabric.tokens.createSubscriberToken({ reference: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.operation?.startsWith("fabric.tokens.")).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        "POST /api/fabric/subscribers/tokens 200",
        "POST /api/fabric/subscribers/tokens 200",
        "POST /api/fabric/subscribers/tokens/refresh 201",
        "POST /api/fabric/subscribers/tokens/refresh 422",
        "POST /api/fabric/subscribers/tokens/refresh 422",
        "POST /api/fabric/subscriber/invites 201",
        "POST /api/fabric/subscriber/invites 404",
        "POST /api/fabric/guests/tokens 201",
        "POST /api/fabric/guests/tokens 422",
        "POST /api/fabric/embeds/tokens 201"
      ])
      expect(journal[0]!.body).toEqual({ reference: "ada@example.com" })
    }))
})
