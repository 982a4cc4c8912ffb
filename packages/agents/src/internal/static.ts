/**
 * Static files under a route, confined to one directory: `..` segments, encoded traversal and
 * paths resolving outside the directory are 403; missing files and directories are 404.
 */
import { readFile, realpath, stat } from "node:fs/promises"
import * as path from "node:path"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { json, respond, securityHeaders } from "./http.js"

const types: { readonly [ext: string]: string } = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".mp4": "video/mp4",
  ".pdf": "application/pdf"
}

const forbidden = respond(json(403, { error: "forbidden" }))
const notFound = respond(json(404, { error: "not found" }))

export const staticHandler = (directory: string, route: string) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const pathname = request.url.split("?")[0] ?? "/"
    const prefix = route === "/" ? "/" : `${route}/`
    if (!pathname.startsWith(prefix)) return notFound
    const decoded = Either.try(() => decodeURIComponent(pathname.slice(prefix.length)))
    if (Either.isLeft(decoded)) return forbidden
    const relative = decoded.right
    if (relative.split(/[/\\]/).some((segment) => segment === "..") || relative.includes("\0")) return forbidden
    const root = yield* Effect.promise(() => realpath(path.resolve(directory)).catch(() => path.resolve(directory)))
    const candidate = path.resolve(root, relative)
    const real = yield* Effect.promise(() => realpath(candidate).catch(() => undefined))
    if (real === undefined) return notFound
    if (real !== root && !real.startsWith(root + path.sep)) return forbidden
    const info = yield* Effect.promise(() => stat(real).catch(() => undefined))
    if (info === undefined || !info.isFile()) return notFound
    const bytes = yield* Effect.promise(() => readFile(real))
    return HttpServerResponse.uint8Array(new Uint8Array(bytes), {
      contentType: types[path.extname(real).toLowerCase()] ?? "application/octet-stream",
      headers: { ...securityHeaders, "cache-control": "public, max-age=3600" }
    })
  })
