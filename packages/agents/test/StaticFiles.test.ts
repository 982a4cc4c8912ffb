import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { OrdersLive, support } from "./fixtures/agents.js"
import { request, serveAll } from "./fixtures/server.js"

describe("static files", () => {
  it.scopedLive("served under their route, confined to the directory", () =>
    Effect.gen(function*() {
      const base = yield* Effect.acquireRelease(
        Effect.promise(() => mkdtemp(path.join(tmpdir(), "agents-static-"))),
        (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
      )
      const root = path.join(base, "public")
      yield* Effect.promise(async () => {
        await mkdir(path.join(root, "sub"), { recursive: true })
        await writeFile(path.join(root, "hello.txt"), "hello")
        await writeFile(path.join(root, "sub", "page.html"), "<p>hi</p>")
        await writeFile(path.join(base, "secret.txt"), "secret")
        await symlink(path.join(base, "secret.txt"), path.join(root, "link.txt"))
      })
      const { origin } = yield* serveAll([support], OrdersLive, { staticFiles: { directory: root, route: "/static" } })
      const hello = yield* request(`${origin}/static/hello.txt`, { auth: false })
      expect([hello.status, hello.text]).toEqual([200, "hello"])
      expect(hello.headers.get("content-type")).toBe("text/plain; charset=utf-8")
      expect(hello.headers.get("cache-control")).toBe("public, max-age=3600")
      expect(hello.headers.get("x-content-type-options")).toBe("nosniff")
      expect((yield* request(`${origin}/static/sub/page.html`, { auth: false })).headers.get("content-type")).toContain("text/html")
      // The router itself may refuse a dot-dot segment (404) before the handler does (403): never served.
      const dotdot = yield* request(`${origin}/static/%2e%2e/secret.txt`, { auth: false })
      expect([403, 404]).toContain(dotdot.status)
      expect(dotdot.text).not.toContain("secret")
      expect((yield* request(`${origin}/static/sub/%2E%2E%2F%2E%2E%2Fsecret.txt`, { auth: false })).status).toBe(403)
      expect((yield* request(`${origin}/static/link.txt`, { auth: false })).status).toBe(403)
      expect((yield* request(`${origin}/static/sub`, { auth: false })).status).toBe(404)
      expect((yield* request(`${origin}/static/nope.txt`, { auth: false })).status).toBe(404)
      // The agents are unaffected.
      expect((yield* request(`${origin}/support`)).status).toBe(200)
    }))
})
