import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  paginate,
  paginateAll,
  restClient,
  RestClient,
  RestClientClosedError,
  RestDecodeError,
  RestError,
  RestTransportError,
  RestValidationError,
  SignalWireRestError
} from "@signalwire-effect/sdk"
import { settle, withSandbox } from "./fixtures/sandbox.js"

const REQUIRED = "project, token, and host are required. Provide them as arguments or set SIGNALWIRE_PROJECT_ID, " +
  "SIGNALWIRE_API_TOKEN, and SIGNALWIRE_SPACE environment variables."

const clearEnv = () => {
  vi.stubEnv("SIGNALWIRE_PROJECT_ID", "")
  vi.stubEnv("SIGNALWIRE_API_TOKEN", "")
  vi.stubEnv("SIGNALWIRE_SPACE", "")
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("construction", () => {
  it("throws the reference's message when a setting is missing (passed or in the environment), the ConfigError as cause", () => {
    clearEnv()
    expect(() => new RestClient()).toThrow(new Error(REQUIRED))
    expect(() => new RestClient({ project: "p", token: "t" })).toThrow(REQUIRED)
    expect(() => new RestClient({ project: "p", host: "acme.signalwire.com" })).toThrow(REQUIRED)
    expect(() => new RestClient({ project: "", token: "t", host: "acme.signalwire.com" })).toThrow(REQUIRED)
    expect(() => new RestClient("p", "t")).toThrow(REQUIRED)
    try {
      new RestClient({ project: "p", host: "acme" })
      expect.unreachable()
    } catch (error) {
      expect(String((error as Error).cause)).toContain("SIGNALWIRE_API_TOKEN")
    }
    vi.stubEnv("SIGNALWIRE_API_TOKEN", "t")
    try {
      new RestClient({ project: "p" })
      expect.unreachable()
    } catch (error) {
      expect(String((error as Error).cause)).toContain("SIGNALWIRE_SPACE")
    }
  })

  it("falls back to SIGNALWIRE_PROJECT_ID / _API_TOKEN / _SPACE; an explicit option wins; the token is never shown", async () => {
    await withSandbox(async (t) => {
      vi.stubEnv("SIGNALWIRE_PROJECT_ID", "sandbox-project")
      vi.stubEnv("SIGNALWIRE_API_TOKEN", "sandbox-token")
      vi.stubEnv("SIGNALWIRE_SPACE", t.sandbox.rest.baseUrl)
      const fromEnv = t.rest({ project: undefined, token: undefined, host: undefined })
      expect((await fromEnv.queues.list()).data).toEqual([])
      expect(fromEnv.baseUrl).toBe(t.sandbox.rest.baseUrl)
      vi.stubEnv("SIGNALWIRE_API_TOKEN", "wrong-token")
      const wrong = t.rest({ project: undefined, token: undefined, host: undefined })
      expect(await settle(wrong.queues.list())).toMatchObject({ ok: false, error: { statusCode: 401 } })
      const explicit = t.rest({ project: undefined, token: "sandbox-token", host: undefined })
      expect((await explicit.queues.list()).data).toEqual([])
      // Python's positional form; a loopback host (no scheme) is http://.
      const positional = new RestClient("sandbox-project", "sandbox-token", t.sandbox.host)
      try {
        expect(positional.baseUrl).toBe(`http://${t.sandbox.host}`)
        expect((await positional.addresses.list()).data).toEqual([])
      } finally {
        await positional.close()
      }
      for (const shown of [inspect(explicit, { depth: 5 }), JSON.stringify(explicit)]) {
        expect(shown).not.toContain("sandbox-token")
      }
      const auth = (await t.run(t.sandbox.rest.journal)).map((r) => r.auth)
      expect(auth).toEqual(["ok", "invalid", "ok", "ok"])
    })
  })

  it("a bare space name is <name>.signalwire.com; a host that is not one is refused", () => {
    expect(new RestClient({ project: "p", token: "t", host: "acme" }).baseUrl).toBe("https://acme.signalwire.com")
    expect(new RestClient({ project: "p", token: "t", host: "acme.signalwire.com" }).baseUrl).toBe("https://acme.signalwire.com")
    expect(new RestClient({ project: "p", token: "t", host: "http://127.0.0.1:9/" }).baseUrl).toBe("http://127.0.0.1:9")
    expect(() => new RestClient({ project: "p", token: "t", host: "acme.signalwire.com/path" })).toThrow(/^Invalid host: acme\.signalwire\.com\/path\./)
  })

  it("restClient(args, kwargs): the reference's factory (options as kwargs or as args; positional args too)", async () => {
    clearEnv()
    const clients = [
      restClient([], { project: "p", token: "t", host: "acme" }),
      restClient({ project: "p", token: "t", host: "acme" }),
      restClient(["p", "t", "acme"])
    ]
    expect(clients.map((c) => c.baseUrl)).toEqual(Array(3).fill("https://acme.signalwire.com"))
    expect(() => restClient()).toThrow(REQUIRED)
    await Promise.all(clients.map((c) => c.close()))
  })

  it("requests go through fetchImpl when given", async () => {
    await withSandbox(async (t) => {
      const seen: Array<string> = []
      const client = t.rest({
        fetchImpl: (input, init) => {
          seen.push(`${init?.method ?? "GET"} ${input instanceof Request ? input.url : String(input)}`)
          return fetch(input, init)
        }
      })
      await client.recordings.list({ page_size: 5 })
      expect(seen).toEqual([`GET ${t.sandbox.rest.baseUrl}/api/relay/rest/recordings?page_size=5`])
    })
  })
})

describe("namespaces", () => {
  it("phoneNumbers: search, purchase, bind to a SWML URL, release — the bytes on the wire checked", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      const { data } = await client.phoneNumbers.search({ areacode: "312", max_results: 2 })
      expect(data).toHaveLength(2)
      const number = await client.phoneNumbers.purchase(data[0]!.number)
      expect(number.number).toBe(data[0]!.number)
      const bound = await client.phoneNumbers.setSwmlWebhook(number.id, "https://agents.example.com/swml", { name: "Agent line" })
      expect(bound).toMatchObject({ call_handler: "relay_script", call_relay_script_url: "https://agents.example.com/swml", name: "Agent line" })
      expect((await client.phoneNumbers.get(number.id)).call_handler).toBe("relay_script")
      await client.phoneNumbers.release(number.id)
      const journal = await t.run(t.sandbox.rest.journal)
      expect(journal.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        "GET /api/relay/rest/phone_numbers/search 200",
        "POST /api/relay/rest/phone_numbers 200",
        `PUT /api/relay/rest/phone_numbers/${number.id} 200`,
        `GET /api/relay/rest/phone_numbers/${number.id} 200`,
        `DELETE /api/relay/rest/phone_numbers/${number.id} 204`
      ])
      expect(journal[0]!.query).toEqual({ areacode: "312", max_results: "2" })
      expect(journal[1]!.body).toEqual({ number: data[0]!.number })
      expect(journal[2]!.body).toEqual({ call_handler: "relay_script", call_relay_script_url: "https://agents.example.com/swml", name: "Agent line" })
    })
  })

  it("messages, logs, addresses, queues, numberGroups, sipProfile, chat and nested namespaces (registry.brands)", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      const sent = await client.messages.send({ from: "+15551234567", to: "+15550001111", body: "hi" })
      expect((await client.logs.messages.get(sent.id)).to).toBe("+15550001111")
      const address = await client.addresses.create({
        label: "HQ", country: "US", first_name: "Ada", last_name: "L", street_number: "1", street_name: "Main St",
        city: "Springfield", state: "IL", postal_code: "62701"
      })
      expect((await client.addresses.get(address.id)).label).toBe("HQ")
      const queue = await client.queues.create({ name: "support", max_size: 5 })
      expect((await client.queues.update(queue.id, { name: "sales" })).friendly_name).toBe("sales")
      const group = await client.numberGroups.create({ name: "Marketing" })
      expect((await client.numberGroups.list()).data.map((g) => g.id)).toContain(group.id)
      expect(await client.sipProfile.get()).toHaveProperty("domain")
      expect(typeof (await client.chat.createToken({ ttl: 5, channels: { lobby: { read: true } } })).token).toBe("string")
      expect((await client.registry.brands.list()).data).toEqual([])
      const operations = (await t.run(t.sandbox.rest.journal)).map((r) => `${r.operation} ${r.status}`)
      expect(operations).toEqual([
        "messages.send 201",
        "logs.getMessage 200",
        "addresses.create 200",
        "addresses.get 200",
        "queues.create 201",
        "queues.update 200",
        "numberGroups.create 200",
        "numberGroups.list 200",
        "sipProfile.get 200",
        "chat.createToken 200",
        "registry.listBrands 200"
      ])
    })
  })
})

describe("namespaces added to the Effect client appear with no facade code", () => {
  it("calling (one command endpoint) and compat.calls (form bodies, next_page_uri pages): the same calls", async () => {
    // The calls' cXML (run once a call is answered) waits for input that never comes.
    const app = http.createServer((request, response) => {
      request.resume()
      request.on("end", () => response.writeHead(200, { "content-type": "text/xml" }).end(`<Response><Gather timeout="3600"/></Response>`))
    })
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve))
    const Url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/cxml`
    try {
      await withSandbox(async (t) => {
        await t.run(t.sandbox.calls.script("+15550009999", { ringFor: "1 hour" }))
        const client = t.rest()
        const created = await client.compat.calls.create({ To: "+15550001111", From: "+15551234567", Url })
        await client.compat.calls.create({ To: "+15550002222", From: "+15551234567", Url })
        await client.compat.calls.create({ To: "+15550003333", From: "+15551234567", Url })
        const sids: Array<string> = []
        for await (const call of client.compat.calls.paginate({ PageSize: 2 })) sids.push(call.sid)
        expect(sids).toHaveLength(3)
        expect(sids).toContain(created.sid)
        const ended = await client.calling.end(created.sid, { reason: "hangup" })
        expect(ended.id).toBe(created.sid)
        const journal = await t.run(t.sandbox.rest.journal)
        const create = journal.find((r) => r.operation === "compatCalls.create")!
        expect(Object.fromEntries(new URLSearchParams(create.body as string))).toEqual({ To: "+15550001111", From: "+15551234567", Url })
        const lists = journal.filter((r) => r.operation === "compatCalls.list")
        expect(lists).toHaveLength(2)
        expect(journal.at(-1)).toMatchObject({ method: "POST", path: "/api/calling/calls", body: { command: "calling.end", id: created.sid, params: { reason: "hangup" } } })
        const refused = await settle(client.calling.end("no-such-call", { reason: "hangup" }))
        expect(refused).toMatchObject({ ok: false, error: { name: "RestError", statusCode: 404, method: "POST" } })
      })
    } finally {
      app.closeAllConnections()
      app.close()
    }
  })
})

describe("the reference's names where the Effect client's differ", () => {
  it("phoneNumbers.create({number}) purchases, phoneNumbers.delete(id) releases", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      const number = await client.phoneNumbers.create({ number: "+15554440001" })
      await client.phoneNumbers.delete(number.id)
      const journal = await t.run(t.sandbox.rest.journal)
      expect(journal.map((r) => `${r.operation} ${r.status}`)).toEqual(["phoneNumbers.purchase 200", "phoneNumbers.release 204"])
      expect(journal[0]!.body).toEqual({ number: "+15554440001" })
      expect(await settle(client.phoneNumbers.get(number.id))).toMatchObject({ ok: false, error: { statusCode: 404 } })
    })
  })
})

describe("pagination", () => {
  it("a list's paginate() is an async generator over every page, lazy; break stops it", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      for (const n of ["+15553330001", "+15553330002"]) await client.phoneNumbers.purchase(n)
      const before = (await t.run(t.sandbox.rest.journal)).length
      const pages = client.phoneNumbers.paginate({ page_size: 2 })
      expect((await t.run(t.sandbox.rest.journal)).length).toBe(before) // nothing sent before the first next()
      const numbers: Array<string> = []
      for await (const n of pages) numbers.push(n.number)
      expect(numbers).toHaveLength(5) // three seeded, two bought
      const lists = (await t.run(t.sandbox.rest.journal)).filter((r) => r.operation === "phoneNumbers.list")
      expect(lists.map((r) => r.query.page_token)).toEqual([undefined, expect.stringMatching(/^PA/), expect.stringMatching(/^PA/)])
      let seen = 0
      for await (const _ of client.phoneNumbers.paginate({ page_size: 2 })) {
        if (++seen === 1) break
      }
      expect((await t.run(t.sandbox.rest.journal)).filter((r) => r.operation === "phoneNumbers.list")).toHaveLength(4)
    })
  })

  it("paginate / paginateAll by path (method and free function): params on the first page only, links.next then next_page_uri", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      for (let i = 0; i < 5; i++) await client.messages.send({ from: "+15551234567", to: `+1555000111${i}`, body: `m${i}` })
      const all = await client.paginateAll<{ readonly to: string }>("/api/messaging/logs", { page_size: 2 })
      expect(all.map((m) => m.to).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `+1555000111${i}`))
      const viaFree = await paginateAll<{ readonly id: string }>(client, `${t.sandbox.rest.baseUrl}/api/messaging/logs`, { page_size: 4 })
      expect(viaFree).toHaveLength(5)
      const queries = (await t.run(t.sandbox.rest.journal)).filter((r) => r.operation === "logs.listMessages").map((r) => r.query)
      expect(queries.map((q) => q.page_size)).toEqual(["2", "2", "2", "4", "4"])
      expect(queries[0]).toEqual({ page_size: "2" })
      // A compat-style page: items under their own key, next_page_uri; a missing key is an empty page.
      const base = "/api/relay/rest/recordings"
      await t.run(t.sandbox.rest.fault("recordings.list", { status: 200, body: { calls: [{ sid: "CA1" }], next_page_uri: `${base}?Page=1` } }))
      await t.run(t.sandbox.rest.fault("recordings.list", { status: 200, body: { next_page_uri: `${base}?Page=2` } }))
      await t.run(t.sandbox.rest.fault("recordings.list", { status: 200, body: { calls: [{ sid: "CA2" }], next_page_uri: null } }))
      const sids: Array<string> = []
      for await (const call of paginate<{ readonly sid: string }>(client, base, { PageSize: 1 }, "calls")) sids.push(call.sid)
      expect(sids).toEqual(["CA1", "CA2"])
      const pages = (await t.run(t.sandbox.rest.journal)).filter((r) => r.operation === "recordings.list").map((r) => r.query)
      expect(pages).toEqual([{ PageSize: "1" }, { Page: "1" }, { Page: "2" }])
    })
  })

  it("a failing page rejects the iteration with its RestError", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      await t.run(t.sandbox.rest.fault("addresses.list", { status: 200, body: { data: [{ id: "a1" }], links: { next: "/api/relay/rest/addresses?page_token=X" } } }))
      await t.run(t.sandbox.rest.fault("addresses.list", { status: 500, body: { error: "boom" } }))
      const seen: Array<unknown> = []
      const outcome = await settle((async () => {
        for await (const a of client.paginate("/api/relay/rest/addresses")) seen.push(a)
      })())
      expect(seen).toEqual([{ id: "a1" }])
      expect(outcome).toMatchObject({ ok: false, error: { statusCode: 500, body: { error: "boom" } } })
    })
  })
})

describe("errors", () => {
  it("404, 422 and 401 reject with RestError: the reference's fields and message", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      const missing = await settle(client.phoneNumbers.get("no-such-id"))
      if (missing.ok) return expect.unreachable()
      const e = missing.error as RestError
      expect(e).toBeInstanceOf(Error)
      expect(e).toBeInstanceOf(RestError)
      expect(e).toBeInstanceOf(SignalWireRestError)
      expect(e.name).toBe("RestError")
      expect({ statusCode: e.statusCode, body: e.body, url: e.url, method: e.method }).toEqual({
        statusCode: 404,
        body: { error: "Not Found" },
        url: `${t.sandbox.rest.baseUrl}/api/relay/rest/phone_numbers/no-such-id`,
        method: "GET"
      })
      expect(e.message).toBe(`GET ${t.sandbox.rest.baseUrl}/api/relay/rest/phone_numbers/no-such-id returned 404: {"error":"Not Found"}`)
      expect(e.headers["content-type"]).toContain("application/json")

      const taken = await settle(client.phoneNumbers.purchase("+15551234567"))
      expect(taken).toMatchObject({
        ok: false,
        error: { statusCode: 422, method: "POST", url: `${t.sandbox.rest.baseUrl}/api/relay/rest/phone_numbers` }
      })
      const unprocessable = (taken as { readonly error: RestError }).error
      expect(unprocessable.body).toEqual({ errors: [expect.objectContaining({ code: "invalid_parameter", status: "422" })] })
      expect(unprocessable.message).toMatch(/^POST \S+ returned 422: \{"errors":\[/)

      const unauthorized = await settle(t.rest({ token: "wrong" }).addresses.list({ page_size: 3 }))
      if (unauthorized.ok) return expect.unreachable()
      expect(unauthorized.error).toMatchObject({
        statusCode: 401,
        body: { error: "Unauthorized" },
        url: `${t.sandbox.rest.baseUrl}/api/relay/rest/addresses?page_size=3`,
        method: "GET",
        message: `GET ${t.sandbox.rest.baseUrl}/api/relay/rest/addresses?page_size=3 returned 401: {"error":"Unauthorized"}`
      })
      expect(String(unauthorized.error)).not.toContain("wrong")

      await t.run(t.sandbox.rest.fault("queues.get", { status: 500, body: "upstream down", headers: { "retry-after": "7" } }))
      const failed = await settle(client.queues.get("q1"))
      expect(failed).toMatchObject({ ok: false, error: { statusCode: 500, body: "upstream down", headers: { "retry-after": "7" } } })
      const withId = (failed as { readonly error: RestError }).error
      expect(withId.requestId).toMatch(/^[0-9a-f-]{36}$/) // the sandbox's x-request-id
      expect(withId.requestId).toBe(withId.headers["x-request-id"])
      expect((failed as { readonly error: Error }).error.message).toBe(`GET ${t.sandbox.rest.baseUrl}/api/relay/rest/queues/q1 returned 500: upstream down`)
      expect(new RestError(500, "oops", "https://x/y").message).toBe("GET https://x/y returned 500: oops")
    })
  })

  it("a request refused before sending, a non-JSON 2xx, a refused connection, a timeout: each its own Error class", async () => {
    await withSandbox(async (t) => {
      const client = t.rest({ timeout: 300 })
      const invalid = await settle(client.phoneNumbers.purchase("555-1234"))
      expect(invalid).toMatchObject({ ok: false, error: { name: "RestValidationError", operation: "phoneNumbers.purchase" } })
      expect((invalid as { readonly error: unknown }).error).toBeInstanceOf(RestValidationError)
      expect(await t.run(t.sandbox.rest.journal)).toEqual([]) // nothing was sent

      await t.run(t.sandbox.rest.fault("queues.list", { malformed: true }))
      const malformed = await settle(client.queues.list())
      expect((malformed as { readonly error: unknown }).error).toBeInstanceOf(RestDecodeError)
      expect((malformed as { readonly error: unknown }).error).toBeInstanceOf(SyntaxError)

      await t.run(t.sandbox.rest.fault("queues.list", { hang: true }))
      const timeout = await settle(client.queues.list())
      expect(timeout).toMatchObject({ ok: false, error: { name: "RestTransportError", reason: "Timeout", method: "GET" } })
      expect((timeout as { readonly error: unknown }).error).toBeInstanceOf(TypeError)

      const refused = new RestClient({ project: "p", token: "t", host: "127.0.0.1:1" })
      try {
        const outcome = await settle(refused.queues.list())
        expect(outcome).toMatchObject({ ok: false, error: { reason: "Transport", url: "http://127.0.0.1:1/api/relay/rest/queues" } })
        expect((outcome as { readonly error: unknown }).error).toBeInstanceOf(RestTransportError)
      } finally {
        await refused.close()
      }
    })
  })

  it("retry options pass through: a GET answered 503 then 200 resolves", async () => {
    await withSandbox(async (t) => {
      const client = t.rest({ retry: { times: 2, base: 1 } })
      await t.run(t.sandbox.rest.fault("recordings.list", { status: 503 }))
      expect((await client.recordings.list()).data).toEqual([])
      expect((await t.run(t.sandbox.rest.journal)).map((r) => r.status)).toEqual([503, 200])
      const once = t.rest()
      await t.run(t.sandbox.rest.fault("recordings.list", { status: 503 }))
      expect(await settle(once.recordings.list())).toMatchObject({ ok: false, error: { statusCode: 503 } })
    })
  })
})

describe("close", () => {
  it("interrupts what is in flight, rejects later calls, is idempotent; await using closes", async () => {
    await withSandbox(async (t) => {
      const client = t.rest()
      await t.run(t.sandbox.rest.fault("queues.list", { hang: true }))
      const pending = settle(client.queues.list())
      await t.run(t.sandbox.rest.waitForRequests((r) => r.operation === "queues.list"))
      const iterator = client.phoneNumbers.paginate()
      await client.close()
      await client.close()
      const outcome = await pending
      expect(outcome).toMatchObject({ ok: false })
      expect((outcome as { readonly error: unknown }).error).toBeInstanceOf(RestClientClosedError)
      expect((await settle(client.addresses.list())) as unknown).toMatchObject({ ok: false, error: { message: "RestClient is closed" } })
      expect(await settle(iterator.next())).toMatchObject({ ok: false, error: { name: "RestClientClosedError" } })

      let scoped: RestClient | undefined
      {
        await using inner = t.rest()
        scoped = inner
        expect((await inner.recordings.list()).data).toEqual([])
      }
      expect(await settle(scoped.recordings.list())).toMatchObject({ ok: false, error: { name: "RestClientClosedError" } })
    })
  })
})
