import { inspect } from "node:util"
import { afterEach, describe, expect, it } from "vitest"
import { type Call, RelayClient } from "@signalwire-effect/sdk"
import { eventually, withSandbox } from "./fixtures/sandbox.js"

const VARIABLES = [
  "SIGNALWIRE_PROJECT_ID",
  "SIGNALWIRE_API_TOKEN",
  "SIGNALWIRE_TOKEN",
  "SIGNALWIRE_JWT_TOKEN",
  "SIGNALWIRE_RELAY_HOST",
  "SIGNALWIRE_SPACE",
  "SIGNALWIRE_RELAY_SCHEME",
  "RELAY_MAX_ACTIVE_CALLS"
] as const
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))

const setEnv = (values: Partial<Record<(typeof VARIABLES)[number], string>>) => {
  for (const name of VARIABLES) delete process.env[name]
  Object.assign(process.env, values)
}

const CREDENTIALS_MESSAGE =
  "project and token are required (or provide jwt_token). Pass them directly or set SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN env vars."

// These tests change process.env: they run one after the other, in their own file (process).
describe.sequential("new RelayClient(options)", () => {
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  it("secrets never show when the client is inspected, printed or serialised", () => {
    setEnv({})
    const client = new RelayClient({ project: "my-project", token: "PT-very-secret", jwtToken: "jwt-very-secret" })
    const shown = `${inspect(client, { depth: 5, showHidden: false })} ${JSON.stringify(client)} ${String(Object.values(client))}`
    expect(shown).not.toContain("PT-very-secret")
    expect(shown).not.toContain("jwt-very-secret")
    expect([client.token, client.jwtToken]).toEqual(["PT-very-secret", "jwt-very-secret"])
  })

  it("reads the environment: credentials, SIGNALWIRE_RELAY_HOST before SIGNALWIRE_SPACE, the scheme", () => {
    setEnv({
      SIGNALWIRE_PROJECT_ID: "env-project",
      SIGNALWIRE_API_TOKEN: "env-token",
      SIGNALWIRE_RELAY_HOST: "127.0.0.1:8765",
      SIGNALWIRE_SPACE: "example.signalwire.com",
      SIGNALWIRE_RELAY_SCHEME: "ws"
    })
    const client = new RelayClient()
    expect([client.project, client.token, client.jwtToken, client.host, client.scheme, client.contexts]).toEqual([
      "env-project",
      "env-token",
      "",
      "127.0.0.1:8765",
      "ws",
      []
    ])
    setEnv({ SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_TOKEN: "readme-token", SIGNALWIRE_SPACE: "example.signalwire.com", SIGNALWIRE_RELAY_SCHEME: "http" })
    const fromSpace = new RelayClient({ contexts: ["office"] })
    expect([fromSpace.token, fromSpace.host, fromSpace.scheme, fromSpace.contexts]).toEqual(["readme-token", "example.signalwire.com", "wss", ["office"]])
    setEnv({ SIGNALWIRE_JWT_TOKEN: "a-jwt" })
    const jwt = new RelayClient()
    expect([jwt.jwtToken, jwt.project, jwt.host, jwt.scheme]).toEqual(["a-jwt", "", "relay.signalwire.com", "wss"])
  })

  it("explicit options win over the environment; an empty string counts as missing, passed or in the environment", () => {
    setEnv({ SIGNALWIRE_PROJECT_ID: "env-project", SIGNALWIRE_API_TOKEN: "env-token", SIGNALWIRE_RELAY_SCHEME: "ws" })
    const client = new RelayClient({ project: "mine", token: "t", host: "h.example.com", scheme: "wss" })
    expect([client.project, client.token, client.host, client.scheme]).toEqual(["mine", "t", "h.example.com", "wss"])
    const empty = new RelayClient({ project: "", token: "", jwtToken: "", host: "" })
    expect([empty.project, empty.token, empty.jwtToken, empty.host, empty.scheme]).toEqual([
      "env-project",
      "env-token",
      "",
      "relay.signalwire.com",
      "ws"
    ])
    setEnv({ SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "", SIGNALWIRE_TOKEN: "readme-token", SIGNALWIRE_RELAY_HOST: "", SIGNALWIRE_SPACE: "acme" })
    const shadowed = new RelayClient()
    expect([shadowed.token, shadowed.host]).toEqual(["readme-token", "acme.signalwire.com"])
    setEnv({})
    expect(() => new RelayClient({ project: "", token: "" })).toThrow(new Error(CREDENTIALS_MESSAGE))
  })

  it("throws the reference's messages, synchronously", () => {
    setEnv({})
    expect(() => new RelayClient()).toThrow(new Error(CREDENTIALS_MESSAGE))
    expect(() => new RelayClient({ project: "p" })).toThrow(new Error(CREDENTIALS_MESSAGE))
    // The cause says what is missing, as every client of the SDK does (SignalWireConfig's ConfigError).
    const missing = (() => {
      try {
        return new RelayClient({ project: "p" })
      } catch (error) {
        return error
      }
    })()
    expect(String((missing as Error).cause)).toContain("SIGNALWIRE_API_TOKEN")
    expect(() => new RelayClient({ jwtToken: "a-jwt" })).not.toThrow()
    for (const host of ["wss://relay.signalwire.com", "user@host", "host/path", "host?x", "host#x", "two words", "line\nbreak"]) {
      expect(() => new RelayClient({ project: "p", token: "t", host })).toThrow(
        new Error(`Invalid host: ${host}. Must be a hostname, not a URL.`)
      )
    }
    expect(() => new RelayClient({ project: "p", token: "t", host: "example.signalwire.com:443" })).not.toThrow()
  })

  it("maxActiveCalls: option, then RELAY_MAX_ACTIVE_CALLS; clamped to at least 1; unparsable is 1000", async () => {
    const handledWith = (env: string | undefined, maxActiveCalls?: number) =>
      withSandbox(async (t) => {
        setEnv(env === undefined ? {} : { RELAY_MAX_ACTIVE_CALLS: env })
        const client = t.client({ contexts: ["office"], ...(maxActiveCalls === undefined ? {} : { maxActiveCalls }) })
        const handled: Array<Call> = []
        client.onCall((call) => void handled.push(call))
        await client.connect()
        for (const from of ["+15551110000", "+15551110001"]) {
          await t.run(t.sandbox.calls.inbound({ from, to: "+15552220000", context: "office" }))
        }
        await eventually(() => handled.length >= 1)
        await new Promise((resolve) => setTimeout(resolve, 100))
        return handled.length
      })
    expect(await handledWith("1")).toBe(1)
    expect(await handledWith("garbage")).toBe(2)
    expect(await handledWith("5", 0)).toBe(1)
    expect(await handledWith(undefined)).toBe(2)
  })
})
