import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import { RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const page = (data: ReadonlyArray<unknown>, next?: string) => ({ data, links: next === undefined ? {} : { next } })
const number = (id: string) => ({ id, number: `+1555000${id.padStart(4, "0")}` })

describe("pagination", () => {
  it.scoped("follows links.next across real pages, lazily", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const numbers = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          for (let i = 0; i < 4; i++) yield* rest.phoneNumbers.purchase(`+1555444000${i}`)
          const none = yield* sandbox.rest.journal
          const stream = rest.phoneNumbers.paginate({ page_size: 3 })
          expect((yield* sandbox.rest.journal).length).toBe(none.length) // nothing sent until pulled
          const firstTwo = yield* Stream.runCollect(Stream.take(stream, 2))
          expect(Chunk.size(firstTwo)).toBe(2)
          expect((yield* sandbox.rest.journal).filter((r) => r.operation === "phoneNumbers.list")).toHaveLength(1)
          return yield* Stream.runCollect(stream)
        }))
      expect(Chunk.size(numbers)).toBe(7)
      const lists = (yield* sandbox.rest.journal).filter((r) => r.operation === "phoneNumbers.list")
      expect(lists.map((r) => r.query)).toEqual([
        { page_size: "3" },
        { page_size: "3" },
        { page_number: "1", page_size: "3", page_token: expect.stringMatching(/^PA/) },
        { page_number: "2", page_size: "3", page_token: expect.stringMatching(/^PA/) }
      ])
    }))

  it.scoped("an empty page with a next link does not stop it; an absent link does; a seen link ends a cycle", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const base = "/api/relay/rest/addresses"
      yield* sandbox.rest.fault("addresses.list", { status: 200, body: page([], `${base}?page_token=A`) })
      yield* sandbox.rest.fault("addresses.list", { status: 200, body: page([number("1")], `${sandbox.rest.baseUrl}${base}?page_token=B`) })
      yield* sandbox.rest.fault("addresses.list", { status: 200, body: page([number("2")]) })
      const first = yield* withRest(sandbox, (rest) => Stream.runCollect(rest.addresses.paginate()))
      expect(Chunk.toReadonlyArray(first).map((a) => a.id)).toEqual(["1", "2"])
      yield* sandbox.rest.fault("addresses.list", { status: 200, body: page([number("3")], `${base}?page_token=C`) })
      yield* sandbox.rest.fault("addresses.list", { status: 200, body: page([number("4")], `${base}?page_token=C`), times: 5 })
      const cycle = yield* withRest(sandbox, (rest) => Stream.runCollect(rest.addresses.paginate()))
      expect(Chunk.toReadonlyArray(cycle).map((a) => a.id)).toEqual(["3", "4"])
      const queries = (yield* sandbox.rest.journal).map((r) => r.query.page_token)
      expect(queries).toEqual([undefined, "A", "B", undefined, "C"])
    }))
  it.scoped("follows next_page_uri (compat style) too; a failing page fails the stream with its error", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const base = "/api/relay/rest/recordings"
      yield* sandbox.rest.fault("recordings.list", { status: 200, body: { data: [number("1")], next_page_uri: `${base}?Page=1&PageToken=PA1` } })
      yield* sandbox.rest.fault("recordings.list", { status: 200, body: { data: [number("2")], next_page_uri: null } })
      const all = yield* withRest(sandbox, (rest) => Stream.runCollect(rest.recordings.paginate()))
      expect(Chunk.toReadonlyArray(all).map((r) => r.id)).toEqual(["1", "2"])
      expect((yield* sandbox.rest.journal)[1]!.query).toEqual({ Page: "1", PageToken: "PA1" })
      yield* sandbox.rest.fault("recordings.list", { status: 200, body: page([number("3")], `${base}?page_token=X`) })
      yield* sandbox.rest.fault("recordings.list", { status: 500 })
      const error = yield* withRest(sandbox, (rest) => Effect.flip(Stream.runCollect(rest.recordings.paginate())))
      expect(error).toMatchObject({ _tag: "RestHttpError", status: 500 })
    }))
  it.scoped("paginate(path, params, itemsKey) pages any list by path: params on the first request only, items not decoded", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const base = "/api/relay/rest/recordings"
      yield* sandbox.rest.fault("recordings.list", { status: 200, body: { calls: [{ sid: "CA1" }], next_page_uri: `${base}?Page=1` } })
      yield* sandbox.rest.fault("recordings.list", { status: 200, body: { calls: [{ sid: "CA2" }] } })
      const items = yield* withRest(sandbox, (rest) => Stream.runCollect(rest.paginate(`${sandbox.rest.baseUrl}${base}`, { PageSize: 1, Skip: undefined }, "calls")))
      expect(Chunk.toReadonlyArray(items)).toEqual([{ sid: "CA1" }, { sid: "CA2" }])
      expect((yield* sandbox.rest.journal).map((r) => r.query)).toEqual([{ PageSize: "1" }, { Page: "1" }])
      const numbers = yield* withRest(sandbox, (rest) => Stream.runCollect(rest.paginate("/api/relay/rest/phone_numbers", { page_size: 2 })))
      expect(Chunk.size(numbers)).toBe(3)
      yield* sandbox.rest.fault("queues.list", { status: 404 })
      const error = yield* withRest(sandbox, (rest) => Effect.flip(Stream.runCollect(rest.paginate("/api/relay/rest/queues"))))
      expect(error).toMatchObject({ _tag: "RestHttpError", status: 404, method: "GET" })
    }))
})

describe("retries", () => {
  it.scoped("a GET is retried on 500 and 503, a numeric Retry-After replacing the backoff (TestClock)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("queues.list", { status: 500 })
      yield* sandbox.rest.fault("queues.list", { status: 503, headers: { "retry-after": "10" } })
      const fiber = yield* withRest(sandbox, (rest) => rest.queues.list(), { retry: { times: 3, base: "1 second" } }).pipe(
        Effect.fork
      )
      yield* sandbox.rest.waitForRequests((r) => r.status === 500)
      yield* TestClock.adjust("1 second")
      yield* sandbox.rest.waitForRequests((r) => r.status === 503)
      yield* TestClock.adjust("9 seconds")
      expect((yield* sandbox.rest.journal).length).toBe(2) // the 2 s backoff gave way to Retry-After: 10
      yield* TestClock.adjust("1 second")
      const result = yield* Fiber.join(fiber)
      expect(result.data).toEqual([])
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([500, 503, 200])
    }))

  it.scoped("a caller's own Schedule paces the retries; the method rule still applies (TestClock)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("queues.list", { status: 502 })
      yield* sandbox.rest.fault("queues.list", { status: 504 })
      const schedule = Schedule.spaced("3 seconds").pipe(Schedule.intersect(Schedule.recurs(2)))
      const fiber = yield* withRest(sandbox, (rest) => rest.queues.list(), { retry: { schedule } }).pipe(Effect.fork)
      yield* sandbox.rest.waitForRequests((r) => r.status === 502)
      yield* TestClock.adjust("2 seconds")
      expect((yield* sandbox.rest.journal).length).toBe(1) // still waiting: the schedule says 3 s
      yield* TestClock.adjust("1 second")
      yield* sandbox.rest.waitForRequests((r) => r.status === 504)
      yield* TestClock.adjust("3 seconds")
      expect((yield* Fiber.join(fiber)).data).toEqual([])
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([502, 504, 200])
      // A POST is not retried on 502 whatever the schedule says.
      yield* sandbox.rest.fault("queues.create", { status: 502 })
      const error = yield* withRest(sandbox, (rest) => Effect.flip(rest.queues.create({ name: "q" })), { retry: { schedule } })
      expect(error).toMatchObject({ _tag: "RestHttpError", status: 502 })
      expect((yield* sandbox.rest.journal).filter((r) => r.operation === "queues.create")).toHaveLength(1)
    }))

  it.scoped("a POST is retried on 429 and 503 but not on 500; without retry nothing is retried", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("queues.create", { status: 429, headers: { "retry-after": "1" } })
      yield* sandbox.rest.fault("queues.create", { status: 500 })
      const fiber = yield* withRest(sandbox, (rest) => rest.queues.create({ name: "q" }), { retry: { times: 5 } }).pipe(
        Effect.flip,
        Effect.fork
      )
      yield* sandbox.rest.waitForRequests((r) => r.status === 429)
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "RestHttpError", status: 500, method: "POST" })
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([429, 500])
      yield* sandbox.rest.fault("queues.create", { status: 503 })
      const once = yield* Effect.flip(withRest(sandbox, (rest) => rest.queues.create({ name: "q" })))
      expect(once).toMatchObject({ status: 503, body: { error: "Service Unavailable" } })
      expect((yield* sandbox.rest.journal)).toHaveLength(3)
    }))

  it.scoped("the retry rule per verb", () =>
    Effect.sync(() => {
      const error = (status: number) => ({ _tag: "RestHttpError", status, headers: {} }) as never
      for (const method of ["GET", "PUT", "DELETE"]) {
        expect([429, 500, 502, 503, 504, 400, 404].map((s) => RestClient.retryable(method, error(s)))).toEqual([
          true,
          true,
          true,
          true,
          true,
          false,
          false
        ])
      }
      for (const method of ["POST", "PATCH"]) {
        expect([429, 500, 502, 503, 504].map((s) => RestClient.retryable(method, error(s)))).toEqual([true, false, false, true, false])
      }
    }))

  it.scopedLive("a connection reset is a transport error, retried for every verb", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("messages.send", { reset: true })
      const sent = yield* withRest(
        sandbox,
        (rest) => rest.messages.send({ from: "+15551234567", to: "+15550001111", body: "hi" }),
        { retry: { times: 1, base: "1 millis" } }
      )
      expect(sent.status).toBe("queued")
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([undefined, 201])
      yield* sandbox.rest.fault("messages.send", { reset: true })
      const error = yield* Effect.flip(withRest(sandbox, (rest) => rest.messages.send({ from: "+15551234567", to: "+15550001111", body: "hi" })))
      expect(error).toMatchObject({ _tag: "RestTransportError", method: "POST", reason: "Transport" })
    }))
})

describe("timeouts, interruption, decoding", () => {
  it.scoped("each attempt is bounded by the timeout (TestClock)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.list", { hang: true })
      const fiber = yield* withRest(sandbox, (rest) => rest.recordings.list(), { timeout: "5 seconds" }).pipe(Effect.flip, Effect.fork)
      yield* sandbox.rest.waitForRequests((r) => r.operation === "recordings.list")
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "RestTransportError", reason: "Timeout", method: "GET" })
      expect(error.message).toMatch(/failed to reach the server: Timeout$/)
    }))

  // The client's own timer on Effect's built-in Clock (internal/timeout.ts), not the TestClock path above.
  it.scopedLive("on the built-in Clock, a hung attempt times out and the next attempt is sent", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.list", { hang: true, times: 2 })
      const error = yield* Effect.flip(withRest(sandbox, (rest) => rest.recordings.list(), { timeout: "200 millis" }))
      expect(error).toMatchObject({ _tag: "RestTransportError", reason: "Timeout", method: "GET" })
      const page = yield* withRest(sandbox, (rest) => rest.recordings.list(), {
        timeout: "1 second",
        retry: { times: 1, base: "1 millis" }
      })
      expect(page.data).toEqual([])
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([undefined, undefined, 200])
    }))

  it.scopedLive("on the built-in Clock, interrupting a request cancels it on the wire", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.get", { hang: true })
      const fiber = yield* withRest(sandbox, (rest) => rest.recordings.get("r1"), { timeout: "1 hour" }).pipe(Effect.fork)
      yield* sandbox.rest.waitForRequests((r) => r.operation === "recordings.get")
      yield* Fiber.interrupt(fiber)
      expect((yield* Fiber.await(fiber))._tag).toBe("Failure")
      const missing = yield* Effect.flip(withRest(sandbox, (rest) => rest.recordings.get("r1")))
      expect(missing).toMatchObject({ status: 404 })
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([undefined, 404])
    }))

  it.scoped("interrupting a request cancels it on the wire", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.get", { hang: true })
      const fiber = yield* withRest(sandbox, (rest) => rest.recordings.get("r1")).pipe(Effect.fork)
      yield* sandbox.rest.waitForRequests((r) => r.operation === "recordings.get")
      yield* Fiber.interrupt(fiber)
      // The server sees the client go away: the next request is answered normally.
      const missing = yield* Effect.flip(withRest(sandbox, (rest) => rest.recordings.get("r1")))
      expect(missing).toMatchObject({ status: 404 })
      expect((yield* sandbox.rest.journal).map((r) => r.status)).toEqual([undefined, 404])
    }))

  it.scoped("a 2xx body that is not JSON, or not the schema, is a decode error; unknown fields are kept", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.list", { malformed: true })
      yield* sandbox.rest.fault("recordings.get", { status: 200, body: { id: 42 } })
      yield* sandbox.rest.fault("recordings.get", { status: 200, body: { id: "r1", brand_new_field: { nested: true } } })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          expect((yield* Effect.flip(rest.recordings.list()))._tag).toBe("RestDecodeError")
          const wrong = yield* Effect.flip(rest.recordings.get("r1"))
          expect(wrong).toMatchObject({ _tag: "RestDecodeError", operation: "recordings.get" })
          const kept = yield* rest.recordings.get("r1")
          expect(kept).toEqual({ id: "r1", brand_new_field: { nested: true } })
        }))
    }))

  it.scoped("a 204 or an empty 2xx body is no content, not an error", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.rest.fault("recordings.delete", { status: 200, body: "" })
      yield* withRest(sandbox, (rest) => rest.recordings.delete("r1"))
      expect((yield* sandbox.rest.journal)[0]).toMatchObject({ method: "DELETE", path: "/api/relay/rest/recordings/r1", status: 200 })
    }))
})

describe("credentials", () => {
  it.scoped("bad credentials are a 401 {error: Unauthorized}; the journal records the outcome", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const error = yield* Effect.flip(withRest(sandbox, (rest) => rest.queues.list(), { token: "wrong" }))
      expect(error).toMatchObject({ _tag: "RestHttpError", status: 401, body: { error: "Unauthorized" } })
      expect((yield* sandbox.rest.journal)[0]).toMatchObject({ auth: "invalid", status: 401, userAgent: "signalwire-effect-rest/0.1.0" })
    }))

  it.scoped("the token never reaches a log line, at the most verbose level", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const lines: Array<string> = []
      const capture = Logger.replace(Logger.defaultLogger, Logger.map(Logger.logfmtLogger, (line) => void lines.push(line)))
      yield* sandbox.rest.fault("queues.list", { status: 503 })
      yield* withRest(sandbox, (rest) => Effect.flip(rest.queues.list()), { token: "SUPER-SECRET-TOKEN", retry: { times: 0 } })
      yield* sandbox.rest.fault("queues.list", { status: 429, headers: { "retry-after": "0" } })
      const program = withRest(sandbox, (rest) => Effect.flatMap(Effect.flip(rest.queues.list()), (e) => Effect.logError(e)), {
        token: "SUPER-SECRET-TOKEN",
        retry: { times: 1, base: "1 millis" }
      })
      yield* program.pipe(Effect.provide(Layer.merge(capture, Logger.minimumLogLevel(LogLevel.All))))
      // A transport failure logged with its whole cause: the platform's request (and its header) is not in it.
      yield* sandbox.rest.fault("queues.list", { reset: true })
      const failed = yield* withRest(sandbox, (rest) => Effect.flip(rest.queues.list()), { token: "SUPER-SECRET-TOKEN" })
      yield* Effect.logError("failed", failed, failed.cause).pipe(
        Effect.provide(Layer.merge(capture, Logger.minimumLogLevel(LogLevel.All)))
      )
      expect(lines.at(-1)).toContain("RestTransportError")
      // …nor in what Node prints for it (an uncaught error, console.error).
      expect(inspect(failed, { depth: 20 })).not.toContain(Buffer.from("sandbox-project:SUPER-SECRET-TOKEN").toString("base64"))
      expect(lines.length).toBeGreaterThan(0)
      expect(lines.join("\n")).not.toContain("SUPER-SECRET-TOKEN")
      expect(lines.join("\n")).not.toContain(Buffer.from("sandbox-project:SUPER-SECRET-TOKEN").toString("base64"))
    }))

  it.scoped("the token is in no span attribute (HttpClient spans and the client's own)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const attributes: Array<string> = []
      const names: Array<string> = []
      const tracer = Tracer.make({
        span: (name, parent, context, links, startTime, kind) => {
          names.push(name)
          const span = Tracer.externalSpan({ spanId: `s${names.length}`, traceId: "t" })
          const attrs = new Map<string, unknown>()
          return {
            ...span,
            _tag: "Span",
            name,
            parent,
            context,
            links,
            kind,
            status: { _tag: "Started", startTime },
            attributes: attrs,
            sampled: true,
            end: () => {},
            attribute: (key: string, value: unknown) => void attributes.push(`${key}=${String(value)}`),
            event: () => {},
            addLinks: () => {}
          }
        },
        context: (f) => f()
      })
      yield* withRest(sandbox, (rest) => Effect.either(rest.queues.list()), { token: "SUPER-SECRET-TOKEN" }).pipe(Effect.withTracer(tracer))
      expect(names).toContain("RestClient.queues.list")
      expect(attributes.some((a) => a.startsWith("http.request.header.authorization="))).toBe(true)
      const all = attributes.join("\n")
      expect(all).not.toContain("SUPER-SECRET-TOKEN")
      expect(all).not.toContain(Buffer.from("sandbox-project:SUPER-SECRET-TOKEN").toString("base64"))
    }))

  it.effect("layerConfig reads the shared configuration; a missing token is a ConfigError at build", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(RestClient.RestClient, RestClient.layerConfig({ project: "p", space: "acme" }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )).pipe(Effect.withConfigProvider(emptyProvider))
      )
      expect(String(error)).toContain("SIGNALWIRE_API_TOKEN")
      const rest = yield* Effect.provide(
        RestClient.RestClient,
        RestClient.layerConfig({ space: "acme" }).pipe(Layer.provide(FetchHttpClient.layer))
      ).pipe(Effect.withConfigProvider(providerOf({ SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t" })))
      expect(rest.baseUrl).toBe("https://acme.signalwire.com")
      const local = yield* Effect.provide(
        RestClient.RestClient,
        RestClient.layer({ project: "p", token: "t", space: "127.0.0.1:8765" }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )
      )
      expect(local.baseUrl).toBe("http://127.0.0.1:8765")
    }))
})

const providerOf = (values: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(values)))
const emptyProvider = providerOf({})
