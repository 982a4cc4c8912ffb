/**
 * The account-level namespaces: number groups, verified caller ids, short codes, SIP profile,
 * lookup, MFA, the 10DLC registry, and tokens.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as Schema from "effect/Schema"
import * as NumberGroups from "../NumberGroups.js"
import * as Registry from "../Registry.js"
import type { Api } from "../RestApi.js"
import * as RestSchema from "../RestSchema.js"
import * as ShortCodes from "../ShortCodes.js"
import * as Tokens from "../Tokens.js"
import * as Verification from "../Verification.js"
import * as VerifiedCallers from "../VerifiedCallers.js"
import type { Rest } from "./call.js"
import { type Groups, listing, op } from "./op.js"
import { paginate } from "./paginate.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>
type PageParams = typeof RestSchema.PageParams.Type

const id = RestSchema.IdPath.fields.id
const nonEmpty = Schema.String.pipe(Schema.minLength(1))

export const make = (rest: Rest, client: Client) => {
  const ng = client.numberGroups
  const numberGroups = {
    ...listing(rest, "numberGroups", NumberGroups.NumberGroup, NumberGroups.ListParams, (urlParams: typeof NumberGroups.ListParams.Type) =>
      ng.list({ urlParams })),
    create: (body: typeof NumberGroups.Create.Type) =>
      op(rest, "numberGroups.create", [[NumberGroups.Create, body]], () => ng.create({ payload: body })),
    get: (ident: string) => op(rest, "numberGroups.get", [[id, ident]], () => ng.get({ path: { id: ident } })),
    update: (ident: string, body: typeof NumberGroups.Update.Type) =>
      op(rest, "numberGroups.update", [[id, ident], [NumberGroups.Update, body]], () =>
        ng.update({ path: { id: ident }, payload: body })),
    delete: (ident: string) => op(rest, "numberGroups.delete", [[id, ident]], () => ng.delete({ path: { id: ident } })),
    listMemberships: (groupId: string, urlParams: PageParams = {}) =>
      op(rest, "numberGroups.listMemberships", [[id, groupId], [RestSchema.PageParams, urlParams]], () =>
        ng.listMemberships({ path: { group_id: groupId }, urlParams })),
    paginateMemberships: (groupId: string, urlParams: PageParams = {}) =>
      paginate(rest, "numberGroups.paginateMemberships", NumberGroups.Membership, numberGroups.listMemberships(groupId, urlParams)),
    addMembership: (groupId: string, phoneNumberId: string) =>
      op(rest, "numberGroups.addMembership", [[id, groupId], [nonEmpty, phoneNumberId]], () =>
        ng.addMembership({ path: { group_id: groupId }, payload: { phone_number_id: phoneNumberId } })),
    getMembership: (ident: string) =>
      op(rest, "numberGroups.getMembership", [[id, ident]], () => ng.getMembership({ path: { id: ident } })),
    deleteMembership: (ident: string) =>
      op(rest, "numberGroups.deleteMembership", [[id, ident]], () => ng.deleteMembership({ path: { id: ident } }))
  }

  const vc = client.verifiedCallers
  const verifiedCallers = {
    ...listing(rest, "verifiedCallers", VerifiedCallers.CallerId, VerifiedCallers.ListParams, (urlParams: typeof VerifiedCallers.ListParams.Type) =>
      vc.list({ urlParams })),
    create: (body: typeof VerifiedCallers.Create.Type) =>
      op(rest, "verifiedCallers.create", [[VerifiedCallers.Create, body]], () => vc.create({ payload: body })),
    get: (ident: string) => op(rest, "verifiedCallers.get", [[id, ident]], () => vc.get({ path: { id: ident } })),
    update: (ident: string, body: { readonly name: string }) =>
      op(rest, "verifiedCallers.update", [[id, ident]], () => vc.update({ path: { id: ident }, payload: body })),
    delete: (ident: string) => op(rest, "verifiedCallers.delete", [[id, ident]], () => vc.delete({ path: { id: ident } })),
    redialVerification: (ident: string) =>
      op(rest, "verifiedCallers.redialVerification", [[id, ident]], () => vc.redialVerification({ path: { id: ident } })),
    submitVerification: (ident: string, code: string) =>
      op(rest, "verifiedCallers.submitVerification", [[id, ident], [nonEmpty, code]], () =>
        vc.submitVerification({ path: { id: ident }, payload: { verification_code: code } }))
  }

  const sc = client.shortCodes
  const shortCodes = {
    ...listing(rest, "shortCodes", ShortCodes.ShortCode, RestSchema.PageParams, (urlParams: PageParams) => sc.list({ urlParams })),
    get: (ident: string) => op(rest, "shortCodes.get", [[id, ident]], () => sc.get({ path: { id: ident } })),
    update: (ident: string, body: typeof ShortCodes.Update.Type) =>
      op(rest, "shortCodes.update", [[id, ident], [ShortCodes.Update, body]], () => sc.update({ path: { id: ident }, payload: body }))
  }

  const sipProfile = {
    get: () => op(rest, "sipProfile.get", [], () => client.sipProfile.get()),
    update: (body: typeof ShortCodes.SipProfileUpdate.Type) =>
      op(rest, "sipProfile.update", [[ShortCodes.SipProfileUpdate, body]], () => client.sipProfile.update({ payload: body }))
  }

  const lookup = {
    phoneNumber: (e164: string, urlParams: { readonly include?: string } = {}) =>
      op(rest, "lookup.phoneNumber", [[RestSchema.E164, e164]], () =>
        client.lookup.phoneNumber({ path: { e164_number: e164 }, urlParams }))
  }

  const mfa = {
    sms: (body: typeof Verification.MfaRequest.Type) =>
      op(rest, "mfa.sms", [[Verification.MfaRequest, body]], () => client.mfa.sms({ payload: body })),
    call: (body: typeof Verification.MfaRequest.Type) =>
      op(rest, "mfa.call", [[Verification.MfaRequest, body]], () => client.mfa.call({ payload: body })),
    verify: (requestId: string, token: string) =>
      op(rest, "mfa.verify", [[id, requestId], [nonEmpty, token]], () =>
        client.mfa.verify({ path: { mfa_request_id: requestId }, payload: { token } }))
  }

  const rg = client.registry
  const registry = {
    brands: {
      ...listing(rest, "registry.brands", Registry.Brand, Registry.ListParams, (urlParams: typeof Registry.ListParams.Type) =>
        rg.listBrands({ urlParams })),
      create: (body: typeof Registry.CreateBrand.Type) =>
        op(rest, "registry.brands.create", [[Registry.CreateBrand, body]], () => rg.createBrand({ payload: body })),
      get: (ident: string) => op(rest, "registry.brands.get", [[id, ident]], () => rg.getBrand({ path: { id: ident } })),
      listCampaigns: (ident: string, urlParams: typeof Registry.ListParams.Type = {}) =>
        op(rest, "registry.brands.listCampaigns", [[id, ident], [Registry.ListParams, urlParams]], () =>
          rg.listCampaigns({ path: { id: ident }, urlParams })),
      createCampaign: (ident: string, body: typeof Registry.CreateCampaign.Type) =>
        op(rest, "registry.brands.createCampaign", [[id, ident], [Registry.CreateCampaign, body]], () =>
          rg.createCampaign({ path: { id: ident }, payload: body }))
    },
    campaigns: {
      get: (ident: string) => op(rest, "registry.campaigns.get", [[id, ident]], () => rg.getCampaign({ path: { id: ident } })),
      update: (ident: string, body: { readonly name: string }) =>
        op(rest, "registry.campaigns.update", [[id, ident], [nonEmpty, body.name]], () =>
          rg.updateCampaign({ path: { id: ident }, payload: body })),
      listNumbers: (ident: string, urlParams: PageParams = {}) =>
        op(rest, "registry.campaigns.listNumbers", [[id, ident]], () => rg.listNumbers({ path: { id: ident }, urlParams })),
      listOrders: (ident: string, urlParams: PageParams = {}) =>
        op(rest, "registry.campaigns.listOrders", [[id, ident]], () => rg.listOrders({ path: { id: ident }, urlParams })),
      createOrder: (ident: string, body: typeof Registry.CreateOrder.Type) =>
        op(rest, "registry.campaigns.createOrder", [[id, ident], [Registry.CreateOrder, body]], () =>
          rg.createOrder({ path: { id: ident }, payload: body }))
    },
    orders: { get: (ident: string) => op(rest, "registry.orders.get", [[id, ident]], () => rg.getOrder({ path: { id: ident } })) },
    numbers: {
      delete: (ident: string) => op(rest, "registry.numbers.delete", [[id, ident]], () => rg.deleteNumber({ path: { id: ident } }))
    }
  }

  const project = {
    tokens: {
      create: (body: typeof Tokens.CreateApiToken.Type) =>
        op(rest, "project.tokens.create", [[Tokens.CreateApiToken, body]], () => client.project.createToken({ payload: body })),
      update: (ident: string, body: { readonly name?: string; readonly permissions?: ReadonlyArray<string> }) =>
        op(rest, "project.tokens.update", [[id, ident]], () => client.project.updateToken({ path: { token_id: ident }, payload: body })),
      delete: (ident: string) =>
        op(rest, "project.tokens.delete", [[id, ident]], () => client.project.deleteToken({ path: { token_id: ident } }))
    }
  }

  const clientToken = (name: "pubsub" | "chat") => ({
    createToken: (body: typeof Tokens.ClientToken.Type) =>
      op(rest, `${name}.createToken`, [[Tokens.ClientToken, body]], () => client[name].createToken({ payload: body }))
  })

  return {
    numberGroups,
    verifiedCallers,
    shortCodes,
    sipProfile,
    lookup,
    mfa,
    registry,
    project,
    pubsub: clientToken("pubsub"),
    chat: clientToken("chat")
  }
}
