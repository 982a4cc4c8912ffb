import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox, type RestSandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const lines = (journal: ReadonlyArray<RestSandbox.RestRequest>) =>
  journal.map((r) => `${r.method} ${r.path.replace(uuid, ":id")} ${r.status}`)

describe("numberGroups", () => {
  it.scoped("create, list, get, update (PUT), memberships, delete; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [phone] = (yield* rest.phoneNumbers.list()).data
          const group = yield* rest.numberGroups.create({ name: "Marketing", sticky_sender: true })
          expect(group).toMatchObject({ name: "Marketing", sticky_sender: true, phone_number_count: 0 })
          expect((yield* rest.numberGroups.update(group.id, { sticky_sender: false })).sticky_sender).toBe(false)
          const membership = yield* rest.numberGroups.addMembership(group.id, phone!.id)
          expect(membership).toMatchObject({ number_group_id: group.id, phone_number: { id: phone!.id } })
          expect((yield* rest.numberGroups.get(group.id)).phone_number_count).toBe(1)
          expect((yield* rest.numberGroups.list({ filter_name: "Marketing" })).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.numberGroups.paginate()))).toBe(1)
          expect((yield* rest.numberGroups.listMemberships(group.id)).data.map((m) => m.id)).toEqual([membership.id])
          expect(Chunk.size(yield* Stream.runCollect(rest.numberGroups.paginateMemberships(group.id)))).toBe(1)
          expect((yield* rest.numberGroups.getMembership(membership.id)).id).toBe(membership.id)
          yield* rest.numberGroups.deleteMembership(membership.id)
          expect(yield* Effect.flip(rest.numberGroups.getMembership(membership.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.numberGroups.addMembership(group.id, "not-a-number"))).toMatchObject({ status: 422 })
          yield* rest.numberGroups.delete(group.id)
          expect(yield* Effect.flip(rest.numberGroups.get(group.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.numberGroups.delete(group.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.numberGroups.listMemberships(group.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.numberGroups.create({ name: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(lines(journal).slice(1, 4)).toEqual([
        "POST /api/relay/rest/number_groups 200",
        "PUT /api/relay/rest/number_groups/:id 200",
        "POST /api/relay/rest/number_groups/:id/number_group_memberships 200"
      ])
      expect(journal[1]!.body).toEqual({ name: "Marketing", sticky_sender: true })
      expect(journal[3]!.body).toEqual({ phone_number_id: expect.stringMatching(uuid) })
      expect(lines(journal)).toContain("DELETE /api/relay/rest/number_group_memberships/:id 204")
    }))
})

describe("verifiedCallers", () => {
  it.scoped("create, verify (wrong then right code), redial, update, list, delete; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const caller = yield* rest.verifiedCallers.create({ number: "+15557771234", name: "Desk" })
          expect(caller).toMatchObject({ verified: false, status: "Awaiting Verification" })
          expect((yield* rest.verifiedCallers.redialVerification(caller.id)).id).toBe(caller.id)
          expect(yield* Effect.flip(rest.verifiedCallers.submitVerification(caller.id, "000000"))).toMatchObject({ status: 422 })
          const verified = yield* rest.verifiedCallers.submitVerification(caller.id, "123456")
          expect(verified).toMatchObject({ verified: true, status: "Verified" })
          expect((yield* rest.verifiedCallers.update(caller.id, { name: "Front desk" })).name).toBe("Front desk")
          expect((yield* rest.verifiedCallers.get(caller.id)).name).toBe("Front desk")
          expect((yield* rest.verifiedCallers.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.verifiedCallers.paginate()))).toBe(1)
          yield* rest.verifiedCallers.delete(caller.id)
          expect(yield* Effect.flip(rest.verifiedCallers.get(caller.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.verifiedCallers.delete(caller.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.verifiedCallers.redialVerification(caller.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.verifiedCallers.update(caller.id, { name: "x" }))).toMatchObject({ status: 404 })
          const invalid = yield* Effect.flip(rest.verifiedCallers.create({ number: "555" }))
          expect(invalid._tag).toBe("RestValidationError")
          expect(invalid.message).toMatch(/: invalid request, nothing sent: number: /)
          expect(invalid.message.length).toBeLessThan(300)
          expect((yield* Effect.flip(rest.verifiedCallers.submitVerification(caller.id, "")))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(lines(journal).slice(0, 4)).toEqual([
        "POST /api/relay/rest/verified_caller_ids 201",
        "POST /api/relay/rest/verified_caller_ids/:id/verification 200",
        "PUT /api/relay/rest/verified_caller_ids/:id/verification 422",
        "PUT /api/relay/rest/verified_caller_ids/:id/verification 200"
      ])
      expect(journal[3]!.body).toEqual({ verification_code: "123456" })
    }))
})

describe("shortCodes and sipProfile", () => {
  it.scoped("list, get, update a short code; get and update the SIP profile; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [code] = (yield* rest.shortCodes.list()).data
          expect(code).toMatchObject({ number: "55555", number_type: "shortcode" })
          expect(Chunk.size(yield* Stream.runCollect(rest.shortCodes.paginate()))).toBe(1)
          expect((yield* rest.shortCodes.get(code!.id)).id).toBe(code!.id)
          const updated = yield* rest.shortCodes.update(code!.id, { name: "Promo", message_handler: "relay_context", message_relay_context: "office" })
          expect(updated).toMatchObject({ name: "Promo", message_handler: "relay_context", message_relay_context: "office" })
          expect(yield* Effect.flip(rest.shortCodes.get("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.shortCodes.update("nope", { name: "x", message_handler: "relay_context" }))).toMatchObject({ status: 404 })
          const profile = yield* rest.sipProfile.get()
          expect(profile.default_encryption).toBe("optional")
          const changed = yield* rest.sipProfile.update({ default_encryption: "required", domain_identifier: "acme" })
          expect(changed).toMatchObject({ default_encryption: "required", domain: "acme.sip.signalwire.com" })
          expect((yield* Effect.flip(rest.sipProfile.update({ default_encryption: "sometimes" as never })))._tag).toBe(
            "RestValidationError"
          )
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.method === "PUT" && r.operation === "shortCodes.update")!.body).toEqual({
        name: "Promo",
        message_handler: "relay_context",
        message_relay_context: "office"
      })
      expect(lines(journal).slice(-2)).toEqual(["GET /api/relay/rest/sip_profile 200", "PUT /api/relay/rest/sip_profile 201"])
    }))
})

describe("lookup and mfa", () => {
  it.scoped("lookup a number (with carrier and CNAM); MFA by SMS and call, verify right and wrong codes; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const info = yield* rest.lookup.phoneNumber("+15551230000", { include: "carrier,cnam" })
          expect(info).toMatchObject({ e164: "+15551230000", valid_number: true, country_code: "US", cnam: { caller_id: "SANDBOX" } })
          expect((yield* Effect.flip(rest.lookup.phoneNumber("5551230000")))._tag).toBe("RestValidationError")
          const sms = yield* rest.mfa.sms({ to: "+15550001111", token_length: 6 })
          expect(sms).toMatchObject({ success: true, channel: "sms", to: "+15550001111" })
          const call = yield* rest.mfa.call({ to: "+15550001111" })
          expect(call.channel).toBe("call")
          expect(yield* rest.mfa.verify(sms.id, "000000")).toEqual({ success: false })
          expect(yield* rest.mfa.verify(sms.id, "123456")).toEqual({ success: true })
          expect(yield* Effect.flip(rest.mfa.verify("unknown", "123456"))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.mfa.sms({ to: "nope" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]).toMatchObject({
        method: "GET",
        path: "/api/relay/rest/lookup/phone_number/+15551230000",
        query: { include: "carrier,cnam" }
      })
      expect(journal.slice(1).map((r) => `${r.method} ${r.path.replace(uuid, ":id")}`)).toEqual([
        "POST /api/relay/rest/mfa/sms",
        "POST /api/relay/rest/mfa/call",
        "POST /api/relay/rest/mfa/:id/verify",
        "POST /api/relay/rest/mfa/:id/verify",
        "POST /api/relay/rest/mfa/unknown/verify"
      ])
      expect(journal[1]!.body).toEqual({ to: "+15550001111", token_length: 6 })
      expect(journal[4]!.body).toEqual({ token: "123456" })
    }))
})

describe("registry", () => {
  it.scoped("brands, campaigns, orders and numbers; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [phone] = (yield* rest.phoneNumbers.list()).data
          const brand = yield* rest.registry.brands.create({ name: "Acme", csp_self_registered: true, csp_brand_reference: "B1" })
          expect(brand).toMatchObject({ name: "Acme", state: "PENDING", csp_brand_reference: "B1" })
          expect((yield* rest.registry.brands.get(brand.id)).id).toBe(brand.id)
          expect((yield* rest.registry.brands.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.registry.brands.paginate()))).toBe(1)
          const campaign = yield* rest.registry.brands.createCampaign(brand.id, { name: "Alerts", csp_campaign_reference: "C1" })
          expect((yield* rest.registry.brands.listCampaigns(brand.id)).data.map((c) => c.id)).toEqual([campaign.id])
          expect((yield* rest.registry.campaigns.get(campaign.id)).name).toBe("Alerts")
          expect((yield* rest.registry.campaigns.update(campaign.id, { name: "Alerts 2" })).name).toBe("Alerts 2")
          const order = yield* rest.registry.campaigns.createOrder(campaign.id, { phone_numbers: [phone!.id] })
          expect(order.state).toBe("COMPLETED")
          expect((yield* rest.registry.orders.get(order.id)).id).toBe(order.id)
          expect((yield* rest.registry.campaigns.listOrders(campaign.id)).data).toHaveLength(1)
          const [assigned] = (yield* rest.registry.campaigns.listNumbers(campaign.id)).data
          yield* rest.registry.numbers.delete(assigned!.id)
          expect((yield* rest.registry.campaigns.listNumbers(campaign.id)).data).toEqual([])
          expect(yield* Effect.flip(rest.registry.numbers.delete(assigned!.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.brands.get("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.brands.listCampaigns("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.brands.createCampaign("nope", { name: "x" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.campaigns.get("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.campaigns.update("nope", { name: "x" }))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.campaigns.listNumbers("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.campaigns.listOrders("nope"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.registry.campaigns.createOrder(campaign.id, { phone_numbers: ["x"] }))).toMatchObject({ status: 422 })
          expect(yield* Effect.flip(rest.registry.orders.get("nope"))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.registry.brands.create({ name: "" })))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(rest.registry.campaigns.createOrder(campaign.id, { phone_numbers: [] })))._tag).toBe(
            "RestValidationError"
          )
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[1]).toMatchObject({
        method: "POST",
        path: "/api/relay/rest/registry/beta/brands",
        body: { name: "Acme", csp_self_registered: true, csp_brand_reference: "B1" },
        status: 201
      })
      expect(lines(journal)).toContain("PUT /api/relay/rest/registry/beta/campaigns/:id 200")
      expect(lines(journal)).toContain("DELETE /api/relay/rest/registry/beta/numbers/:id 204")
    }))
})

describe("tokens", () => {
  it.scoped("project API tokens (create, update PATCH, delete), pubsub and chat tokens; errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const token = yield* rest.project.tokens.create({ name: "ci", permissions: ["messaging"] })
          expect(token).toMatchObject({ name: "ci", permissions: ["messaging"], token: expect.stringMatching(/^PT/) })
          expect((yield* rest.project.tokens.update(token.id, { permissions: ["messaging", "numbers"] })).permissions).toEqual([
            "messaging",
            "numbers"
          ])
          yield* rest.project.tokens.delete(token.id)
          expect(yield* Effect.flip(rest.project.tokens.delete(token.id))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.project.tokens.update(token.id, { name: "x" }))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.project.tokens.create({ name: "", permissions: [] })))._tag).toBe("RestValidationError")
          const channels = { lobby: { read: true, write: true } }
          expect((yield* rest.pubsub.createToken({ ttl: 60, channels })).token).toMatch(/^eyJ/)
          expect((yield* rest.chat.createToken({ ttl: 60, channels, member_id: "m1" })).token).toMatch(/^eyJ/)
          expect((yield* Effect.flip(rest.chat.createToken({ ttl: 0, channels })))._tag).toBe("RestValidationError")
          expect((yield* Effect.flip(rest.pubsub.createToken({ ttl: -1, channels })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(lines(journal)).toEqual([
        "POST /api/project/tokens 200",
        "PATCH /api/project/tokens/:id 200",
        "DELETE /api/project/tokens/:id 204",
        "DELETE /api/project/tokens/:id 404",
        "PATCH /api/project/tokens/:id 404",
        "POST /api/pubsub/tokens 200",
        "POST /api/chat/tokens 200"
      ])
      expect(journal[6]!.body).toEqual({ ttl: 60, channels: { lobby: { read: true, write: true } }, member_id: "m1" })
    }))
})
