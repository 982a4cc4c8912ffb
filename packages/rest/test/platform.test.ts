import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { address, withRest } from "./fixtures.js"


describe("platform paths the reference SDKs lack, and the two left from part one", () => {
  it.scoped("projects: the project and its subprojects; the signing key only on create and rotate", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const staging = yield* rest.projects.create({ name: "Staging", protect_recordings: true })
          expect(staging).toMatchObject({ name: "Staging", subproject: true, parent_project_id: "sandbox-project", protect_recordings: true })
          expect(staging.signing_key).toMatch(/^PSK_/)
          expect((yield* rest.projects.list()).data.map((p) => p.name)).toEqual(["Sandbox project", "Staging"])
          expect(Chunk.size(yield* Stream.runCollect(rest.projects.paginate({ page_size: 1 })))).toBe(2)
          const got = yield* rest.projects.get(staging.id)
          expect(got).not.toHaveProperty("signing_key")
          expect((yield* rest.projects.update(staging.id, { force_https_requests: true })).force_https_requests).toBe(true)
          const rotated = yield* rest.projects.rotateSigningKey(staging.id)
          expect(rotated.signing_key).toMatch(/^PSK_/)
          expect(rotated.signing_key).not.toBe(staging.signing_key)
          expect(yield* Effect.flip(rest.projects.delete("sandbox-project"))).toMatchObject({ status: 422 })
          yield* rest.projects.delete(staging.id)
          for (const failure of [rest.projects.get(staging.id), rest.projects.update(staging.id, {}), rest.projects.delete(staging.id), rest.projects.rotateSigningKey(staging.id)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          expect((yield* Effect.flip(rest.projects.create({ name: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]).toMatchObject({ method: "POST", path: "/api/projects", body: { name: "Staging", protect_recordings: true }, status: 201 })
      expect(journal.find((r) => r.operation === "projects.update")).toMatchObject({ method: "PATCH", body: { force_https_requests: true } })
      expect(journal.find((r) => r.operation === "projects.rotateSigningKey")?.path).toMatch(/^\/api\/projects\/[^/]+\/signing-key\/rotate$/)
    }))

  it.scoped("domain applications and SIP endpoints (RELAY REST): CRUD with PUT, unique identifiers / usernames, no password shown", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const app = yield* rest.domainApplications.create({ name: "Office", identifier: "office", call_handler: "relay_context", call_relay_context: "office" })
          expect(app).toMatchObject({ identifier: "office", domain: "office-sandbox-.sip.signalwire.com", call_handler: "relay_context" })
          expect(yield* Effect.flip(rest.domainApplications.create({ name: "Other", identifier: "office" }))).toMatchObject({ status: 422 })
          expect((yield* rest.domainApplications.update(app.id, { identifier: "hq" })).domain).toBe("hq-sandbox-.sip.signalwire.com")
          expect((yield* rest.domainApplications.get(app.id)).identifier).toBe("hq")
          expect((yield* rest.domainApplications.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.domainApplications.paginate()))).toBe(1)
          yield* rest.domainApplications.delete(app.id)
          for (const failure of [rest.domainApplications.get(app.id), rest.domainApplications.update(app.id, {}), rest.domainApplications.delete(app.id)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          expect((yield* Effect.flip(rest.domainApplications.create({ name: "x", identifier: "Not Valid" })))._tag).toBe("RestValidationError")

          const desk = yield* rest.sipEndpoints.create({ username: "desk-1", password: "s3cret!", caller_id: "Desk" })
          expect(desk).toMatchObject({ username: "desk-1", caller_id: "Desk", type: "sip_endpoint" })
          expect(desk).not.toHaveProperty("password")
          yield* rest.sipEndpoints.create({ username: "desk-2", password: "s3cret!" })
          expect(yield* Effect.flip(rest.sipEndpoints.update(desk.id, { username: "desk-2" }))).toMatchObject({ status: 422 })
          expect((yield* rest.sipEndpoints.update(desk.id, { call_handler: "relay_context", call_relay_context: "desks" })).call_handler).toBe("relay_context")
          expect((yield* rest.sipEndpoints.get(desk.id)).call_relay_context).toBe("desks")
          expect(Chunk.size(yield* Stream.runCollect(rest.sipEndpoints.paginate({ page_size: 1 })))).toBe(2)
          expect((yield* rest.sipEndpoints.list()).data.every((e) => !("password" in e))).toBe(true)
          yield* rest.sipEndpoints.delete(desk.id)
          expect(yield* Effect.flip(rest.sipEndpoints.get(desk.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.sipEndpoints.delete(desk.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.sipEndpoints.create({ username: "x", password: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "domainApplications.update")).toMatchObject({
        method: "PUT",
        path: expect.stringMatching(/^\/api\/relay\/rest\/domain_applications\/[^/]+$/),
        body: { identifier: "hq" }
      })
      expect(journal.find((r) => r.operation === "sipEndpoints.create")).toMatchObject({
        method: "POST",
        path: "/api/relay/rest/endpoints/sip",
        body: { username: "desk-1", password: "s3cret!", caller_id: "Desk" },
        status: 201
      })
    }))

  it.scoped("addresses.update (PUT, validated again) and a number's E911 address (assign, remove)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const hq = yield* rest.addresses.create(address)
          const moved = yield* rest.addresses.update(hq.id, { ...address, street_number: "2", postal_code: "62702" })
          expect(moved).toMatchObject({ id: hq.id, street_number: "2", zip_code: "62702", validated: false })
          expect(yield* Effect.flip(rest.addresses.update("missing", address))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.addresses.update(hq.id, { ...address, city: "" })))._tag).toBe("RestValidationError")

          const [number] = (yield* rest.phoneNumbers.list()).data
          expect(yield* rest.phoneNumbers.assignE911Address(number!.id, hq.id)).toMatchObject({ e911_address_id: hq.id, e911_status: "provisioned" })
          expect((yield* rest.phoneNumbers.get(number!.id)).e911_address_id).toBe(hq.id)
          expect(yield* Effect.flip(rest.phoneNumbers.assignE911Address(number!.id, "missing"))).toMatchObject({ status: 422 })
          expect(yield* Effect.flip(rest.phoneNumbers.assignE911Address("missing", hq.id))).toMatchObject({ status: 404 })
          expect((yield* rest.phoneNumbers.removeE911Address(number!.id)).e911_address_id).toBeNull()
          expect(yield* Effect.flip(rest.phoneNumbers.removeE911Address("missing"))).toMatchObject({ status: 404 })
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "addresses.update")).toMatchObject({ method: "PUT", body: { street_number: "2" }, status: 200 })
      expect(journal.filter((r) => r.operation?.endsWith("E911Address")).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, ":id")} ${r.status}`)).toEqual([
        "POST /api/relay/rest/phone_numbers/:id/e911_address 200",
        "POST /api/relay/rest/phone_numbers/:id/e911_address 422",
        "POST /api/relay/rest/phone_numbers/missing/e911_address 404",
        "DELETE /api/relay/rest/phone_numbers/:id/e911_address 200",
        "DELETE /api/relay/rest/phone_numbers/missing/e911_address 404"
      ])
    }))
})
