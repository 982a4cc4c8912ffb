/**
 * Pagination as a Stream: one page per pull, following `links.next` (Relay / Fabric style) or
 * `next_page_uri` (compat style); the end is an absent link, not an empty page; a link seen
 * before ends the stream (a cycle guard).
 */
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { RestError } from "../RestError.js"
import { Extra, Links } from "../RestSchema.js"
import type { Rest } from "./call.js"

const PageEnvelope = Schema.Struct({
  links: Schema.optional(Schema.NullOr(Links)),
  next_page_uri: Schema.optional(Schema.NullOr(Schema.String))
}, Extra)

/** The path and query of a next-page link (a full URL or a path). */
export const pathOf = (link: string): string => {
  const url = new URL(link, "http://link.invalid")
  return `${url.pathname}${url.search}`
}

const nextOf = (page: typeof PageEnvelope.Type): string | undefined => {
  const next = page.links?.next ?? page.next_page_uri ?? undefined
  return next === undefined || next === null || next.length === 0 ? undefined : pathOf(next)
}

interface State {
  readonly next: string
  readonly seen: ReadonlySet<string>
}

/**
 * The items of every page, lazily: `first` is the first page's request; the following pages are
 * GETs of the next link (with the client's auth, timeout and retry), decoded with `item`.
 */
export const paginate = <A, I>(
  rest: Rest,
  operation: string,
  item: Schema.Schema<A, I>,
  first: Effect.Effect<unknown, RestError>,
  itemsKey = "data"
): Stream.Stream<A, RestError> => {
  const decodePage = Schema.decodeUnknown(Schema.Struct({ [itemsKey]: Schema.optionalWith(Schema.Array(item), { default: () => [] }) }))
  const page = (body: unknown, seen: ReadonlySet<string>) =>
    Effect.gen(function*() {
      const envelope = yield* Schema.decodeUnknown(PageEnvelope)(body)
      const items = (yield* decodePage(body))[itemsKey] as ReadonlyArray<A>
      const next = nextOf(envelope)
      if (next !== undefined && seen.has(next)) {
        yield* Effect.logWarning("pagination: a next link was seen before; stopping", { operation, next })
      }
      const following = next === undefined || seen.has(next) ? Option.none<string>() : Option.some(next)
      const state = Option.map(following, (link): State => ({ next: link, seen: new Set([...seen, link]) }))
      return [Chunk.fromIterable(items), state] as const
    }).pipe(rest.mapErrors(operation))
  return Stream.paginateChunkEffect<State | undefined, A, RestError, never>(undefined, (state) => {
    if (state === undefined) return Effect.flatMap(first, (body) => page(body, new Set()))
    return rest.http.get(state.next).pipe(
      Effect.flatMap(HttpClientResponse.schemaBodyJson(Schema.Unknown)),
      rest.mapErrors(operation),
      Effect.flatMap((body) => page(body, state.seen))
    )
  })
}

/** Query parameters of a raw list request: `undefined` values are dropped, the rest stringified. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>

/**
 * The items under `itemsKey` of every page of the list at `path` (a path, or a full URL of which
 * the path and query are kept): the first request carries `params`, the following ones only what
 * the next-page link carries.
 */
export const paginatePath = (
  rest: Rest,
  path: string,
  params: QueryParams = {},
  itemsKey = "data"
): Stream.Stream<unknown, RestError> => {
  const urlParams: Record<string, string> = {}
  for (const [key, value] of Object.entries(params)) if (value !== undefined) urlParams[key] = String(value)
  const first = rest.http.get(pathOf(path), { urlParams }).pipe(
    Effect.flatMap(HttpClientResponse.schemaBodyJson(Schema.Unknown)),
    rest.mapErrors("paginate")
  )
  return paginate(rest, "paginate", Schema.Unknown, first, itemsKey)
}
