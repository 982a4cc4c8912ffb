/**
 * In-memory collections of the REST side: insertion-ordered, with the platform's list pages
 * (`data` + `links` whose `next` carries `page_number`, `page_size` and a real `page_token`).
 */
import { Buffer } from "node:buffer"

export type Json = Record<string, unknown>

const DEFAULT_PAGE_SIZE = 50
const MAX_PAGE_SIZE = 1000

export interface PageQuery {
  readonly page_size?: number | undefined
  readonly page_token?: string | undefined
}

const tokenOf = (offset: number): string => `PA${Buffer.from(`offset:${offset}`).toString("base64url")}`

const offsetOf = (token: string | undefined): number => {
  if (token === undefined || !token.startsWith("PA")) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(token.slice(2), "base64url").toString())
  return match === null ? 0 : Number(match[1])
}

/** One page of `items`, with links built on `origin + path` (keeping `filters`). */
export const page = (
  items: ReadonlyArray<Json>,
  query: PageQuery,
  where: { readonly origin: string; readonly path: string; readonly filters?: Readonly<Record<string, string>> }
): { readonly data: ReadonlyArray<Json>; readonly links: Json } => {
  const size = Math.min(Math.max(query.page_size ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE)
  const offset = Math.min(offsetOf(query.page_token), items.length)
  const link = (at: number) => {
    const params = new URLSearchParams(where.filters ?? {})
    params.set("page_number", String(Math.floor(at / size)))
    params.set("page_size", String(size))
    if (at > 0) params.set("page_token", tokenOf(at))
    return `${where.origin}${where.path}?${params.toString()}`
  }
  const links: Json = { self: link(offset), first: link(0) }
  if (offset + size < items.length) links.next = link(offset + size)
  if (offset > 0) links.prev = link(Math.max(offset - size, 0))
  return { data: items.slice(offset, offset + size), links }
}

/** A collection keyed by `id`, in creation order. */
export class Collection {
  readonly items = new Map<string, Json>()
  get(id: string): Json | undefined {
    return this.items.get(id)
  }
  put(item: Json & { readonly id: string }): Json {
    this.items.set(item.id, item)
    return item
  }
  delete(id: string): boolean {
    return this.items.delete(id)
  }
  values(): ReadonlyArray<Json> {
    return Array.from(this.items.values())
  }
}
