/**
 * The reference's method names that the Effect client spells differently, added to the facade's
 * namespaces as aliases (the Effect client's names stay). Only names whose reference form can be
 * expressed with the Effect method as it is; the rest are listed in DIFFERENCES.md.
 */
import type { PhoneNumbers } from "@signalwire-effect/rest"
import type { Promised } from "./restRuntime.js"
import type { CoreClient } from "./restRuntime.js"

type Namespaces = Promised<Omit<CoreClient, "paginate">>

/** The aliases' types. */
export interface ReferenceAliases {
  readonly phoneNumbers: {
    /** The reference's name of `purchase`: buys `body.number` (other fields of `body` are not sent). */
    readonly create: (body: { readonly number: string }) => Promise<PhoneNumbers.PhoneNumber>
    /** The reference's name of `release`. */
    readonly delete: (id: string) => Promise<void>
  }
}

export const referenceAliases = (namespaces: Namespaces): ReferenceAliases => ({
  phoneNumbers: {
    ...namespaces.phoneNumbers,
    create: (body) => namespaces.phoneNumbers.purchase(body.number),
    delete: (id) => namespaces.phoneNumbers.release(id)
  }
})
