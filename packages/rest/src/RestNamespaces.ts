/**
 * The interfaces of the account-level namespaces of `RestClient`: number groups, verified caller
 * ids, short codes, the SIP profile, lookup, MFA, the 10DLC registry, and tokens.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as NumberGroups from "./NumberGroups.js"
import type * as Registry from "./Registry.js"
import type { RestError } from "./RestError.js"
import type { PageOf } from "./RestSchema.js"
import type * as ShortCodes from "./ShortCodes.js"
import type * as Tokens from "./Tokens.js"
import type * as Verification from "./Verification.js"
import type * as VerifiedCallers from "./VerifiedCallers.js"

type Op<A> = Effect.Effect<A, RestError>
type PageParams = { readonly page_number?: number; readonly page_size?: number; readonly page_token?: string }

/**
 * `rest.numberGroups` (update = PUT).
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const pool = Effect.flatMap(RestClient.RestClient, (rest) => rest.numberGroups.create({ name: "Marketing" }))
 * ```
 * @since 0.1.0
 */
export interface NumberGroupsApi {
  readonly list: (params?: typeof NumberGroups.ListParams.Type) => Op<PageOf<NumberGroups.NumberGroup>>
  readonly paginate: (params?: typeof NumberGroups.ListParams.Type) => Stream.Stream<NumberGroups.NumberGroup, RestError>
  readonly create: (body: typeof NumberGroups.Create.Type) => Op<NumberGroups.NumberGroup>
  readonly get: (id: string) => Op<NumberGroups.NumberGroup>
  readonly update: (id: string, body: typeof NumberGroups.Update.Type) => Op<NumberGroups.NumberGroup>
  readonly delete: (id: string) => Op<void>
  readonly listMemberships: (groupId: string, params?: PageParams) => Op<PageOf<NumberGroups.Membership>>
  readonly paginateMemberships: (groupId: string, params?: PageParams) => Stream.Stream<NumberGroups.Membership, RestError>
  readonly addMembership: (groupId: string, phoneNumberId: string) => Op<NumberGroups.Membership>
  readonly getMembership: (id: string) => Op<NumberGroups.Membership>
  readonly deleteMembership: (id: string) => Op<void>
}

/**
 * `rest.verifiedCallers` (update = PUT).
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const add = Effect.flatMap(RestClient.RestClient, (rest) => rest.verifiedCallers.create({ number: "+15551230000" }))
 * ```
 * @since 0.1.0
 */
export interface VerifiedCallersApi {
  readonly list: (params?: typeof VerifiedCallers.ListParams.Type) => Op<PageOf<VerifiedCallers.CallerId>>
  readonly paginate: (params?: typeof VerifiedCallers.ListParams.Type) => Stream.Stream<VerifiedCallers.CallerId, RestError>
  readonly create: (body: typeof VerifiedCallers.Create.Type) => Op<VerifiedCallers.CallerId>
  readonly get: (id: string) => Op<VerifiedCallers.CallerId>
  readonly update: (id: string, body: { readonly name: string }) => Op<VerifiedCallers.CallerId>
  readonly delete: (id: string) => Op<void>
  /** Places the verification call again. */
  readonly redialVerification: (id: string) => Op<VerifiedCallers.CallerId>
  /** Submits the code the verification call read out. */
  readonly submitVerification: (id: string, verificationCode: string) => Op<VerifiedCallers.CallerId>
}

/**
 * `rest.shortCodes` and `rest.sipProfile`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const codes = Effect.flatMap(RestClient.RestClient, (rest) => rest.shortCodes.list())
 * ```
 * @since 0.1.0
 */
export interface ShortCodesApi {
  readonly list: (params?: PageParams & { readonly filter_name?: string; readonly filter_number?: string }) => Op<PageOf<ShortCodes.ShortCode>>
  readonly paginate: (params?: PageParams) => Stream.Stream<ShortCodes.ShortCode, RestError>
  readonly get: (id: string) => Op<ShortCodes.ShortCode>
  readonly update: (id: string, body: typeof ShortCodes.Update.Type) => Op<ShortCodes.ShortCode>
}

/**
 * `rest.sipProfile`: the project's singleton SIP profile.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const profile = Effect.flatMap(RestClient.RestClient, (rest) => rest.sipProfile.get())
 * ```
 * @since 0.1.0
 */
export interface SipProfileApi {
  readonly get: () => Op<ShortCodes.SipProfile>
  readonly update: (body: typeof ShortCodes.SipProfileUpdate.Type) => Op<ShortCodes.SipProfile>
}

/**
 * `rest.lookup` and `rest.mfa`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const info = Effect.flatMap(RestClient.RestClient, (rest) => rest.lookup.phoneNumber("+15551230000", { include: "carrier" }))
 * ```
 * @since 0.1.0
 */
export interface LookupApi {
  readonly phoneNumber: (e164: string, params?: { readonly include?: string }) => Op<Verification.Lookup>
}

/**
 * `rest.mfa`: send a one-time code by SMS or call, then verify it.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const check = (code: string) => Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   const request = yield* rest.mfa.sms({ to: "+15550001111" })
 *   return yield* rest.mfa.verify(request.id, code)
 * })
 * ```
 * @since 0.1.0
 */
export interface MfaApi {
  readonly sms: (body: typeof Verification.MfaRequest.Type) => Op<Verification.MfaResponse>
  readonly call: (body: typeof Verification.MfaRequest.Type) => Op<Verification.MfaResponse>
  readonly verify: (requestId: string, token: string) => Op<{ readonly success: boolean }>
}

/**
 * `rest.registry`: 10DLC brands, campaigns, orders and numbers.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const brands = Effect.flatMap(RestClient.RestClient, (rest) => rest.registry.brands.list())
 * ```
 * @since 0.1.0
 */
export interface RegistryApi {
  readonly brands: {
    readonly list: (params?: typeof Registry.ListParams.Type) => Op<PageOf<Registry.Brand>>
    readonly paginate: (params?: typeof Registry.ListParams.Type) => Stream.Stream<Registry.Brand, RestError>
    readonly create: (body: typeof Registry.CreateBrand.Type) => Op<Registry.Brand>
    readonly get: (id: string) => Op<Registry.Brand>
    readonly listCampaigns: (brandId: string, params?: typeof Registry.ListParams.Type) => Op<PageOf<Registry.Campaign>>
    readonly createCampaign: (brandId: string, body: typeof Registry.CreateCampaign.Type) => Op<Registry.Campaign>
  }
  readonly campaigns: {
    readonly get: (id: string) => Op<Registry.Campaign>
    readonly update: (id: string, body: { readonly name: string }) => Op<Registry.Campaign>
    readonly listNumbers: (campaignId: string, params?: PageParams) => Op<PageOf<Registry.AssignedNumber>>
    readonly listOrders: (campaignId: string, params?: PageParams) => Op<PageOf<Registry.Order>>
    readonly createOrder: (campaignId: string, body: typeof Registry.CreateOrder.Type) => Op<Registry.Order>
  }
  readonly orders: { readonly get: (id: string) => Op<Registry.Order> }
  readonly numbers: { readonly delete: (id: string) => Op<void> }
}

/**
 * `rest.project`: the project's API tokens.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const token = Effect.flatMap(RestClient.RestClient, (rest) => rest.project.tokens.create({ name: "ci", permissions: ["messaging"] }))
 * ```
 * @since 0.1.0
 */
export interface ProjectApi {
  readonly tokens: {
    readonly create: (body: typeof Tokens.CreateApiToken.Type) => Op<Tokens.ApiToken>
    readonly update: (
      id: string,
      body: { readonly name?: string; readonly permissions?: ReadonlyArray<string> }
    ) => Op<Tokens.ApiToken>
    readonly delete: (id: string) => Op<void>
  }
}

/**
 * `rest.pubsub` and `rest.chat`: tokens for browser clients.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const token = Effect.flatMap(RestClient.RestClient, (rest) => rest.chat.createToken({ ttl: 60, channels: { lobby: { read: true } } }))
 * ```
 * @since 0.1.0
 */
export interface ClientTokensApi {
  readonly createToken: (body: typeof Tokens.ClientToken.Type) => Op<{ readonly token: string }>
}
