/** ConfigLoader (the reference's names over agents' ConfigFile) and AgentBase's configFile option, over loopback. */
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { AgentBase, ConfigLoader } from "../src/index.js"
import { request } from "./fixtures/agentWire.js"
import { testEnv } from "./fixtures/testEnv.js"

const fixture = (name: string) => path.join(__dirname, "fixtures", "config", name)
const { agents, setEnv } = testEnv()

describe("ConfigLoader", () => {
  it("loads YAML with substitution; get/set/has by dot path; no prototype pollution", () => {
    setEnv("LW_SDK_NAME", "Ada")
    const loader = new ConfigLoader(fixture("agent.yaml"))
    expect(loader.getFilePath()).toBe(fixture("agent.yaml"))
    expect(loader.hasConfig()).toBe(true)
    expect(loader.get("service.port")).toBe(0)
    expect(loader.get("custom.greeting")).toBe("Hello Ada")
    expect(loader.get("custom.retries")).toBe(3)
    expect(loader.get("security.basicAuth.password")).toBe("file-pa55")
    expect(loader.get("service.missing", "fallback")).toBe("fallback")
    expect(loader.has("service.route")).toBe(true)
    expect(loader.has("service.nope")).toBe(false)
    loader.set("custom.nested.value", 7)
    expect(loader.get("custom.nested.value")).toBe(7)
    loader.set("__proto__.polluted", true)
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
    expect(loader.get("__proto__")).toBeUndefined()
    expect(Object.keys(loader.getAll())).toEqual(["service", "security", "custom"])
    expect(loader.interpolateEnvVars("hi ${LW_SDK_NAME} ${LW_SDK_UNSET|there} ${LW_SDK_UNSET}!")).toBe("hi Ada there !")
    setEnv("SWML_LWTEST_DEPTH", "5")
    expect(loader.mergeWithEnv()["lwtest"]).toEqual({ depth: "5" })
  })

  it("throws on a bad file naming the file and the field; a list loads the first that exists", () => {
    expect(() => new ConfigLoader(fixture("bad.json"))).toThrow(/bad\.json: service\.port/)
    expect(() => new ConfigLoader(fixture("none.json"))).toThrow("Config file not found")
    const loader = new ConfigLoader([fixture("none.json"), fixture("agent.yaml")])
    expect(loader.getFilePath()).toBe(fixture("agent.yaml"))
    expect(loader.configPaths).toEqual([fixture("none.json"), fixture("agent.yaml")])
    expect(new ConfigLoader([fixture("none.json")]).hasConfig()).toBe(false)
    expect(ConfigLoader.search("agent.yaml", [path.join(__dirname, "fixtures", "config")])?.getFilePath()).toBe(fixture("agent.yaml"))
    expect(new ConfigLoader().loadFromObject({ a: { b: 1 } }).get("a.b")).toBe(1)
  })

  it("AgentBase takes route, host, port and Basic auth from its config file; options and env win", async () => {
    setEnv("PORT", undefined)
    setEnv("SWML_BASIC_AUTH_USER", undefined)
    setEnv("SWML_BASIC_AUTH_PASSWORD", undefined)
    const agent = new AgentBase({ name: "support", configFile: fixture("agent.yaml") })
    agent.setPromptText("Hi")
    agents.push(agent)
    expect(agent.route).toBe("/from-file")
    expect(agent.getBasicAuthCredentials(true)).toEqual(["file-user", "file-pa55", "config file"])
    await agent.serve()
    const header = `Basic ${Buffer.from("file-user:file-pa55").toString("base64")}`
    const reply = await fetch(`http://127.0.0.1:${agent.port}/from-file`, { headers: { authorization: header } })
    expect(reply.status).toBe(200)
    expect((await request(`http://127.0.0.1:${agent.port}/from-file`, { auth: false })).status).toBe(401)

    setEnv("SWML_BASIC_AUTH_USER", "env-user")
    setEnv("SWML_BASIC_AUTH_PASSWORD", "env-pa55")
    const fromEnv = new AgentBase({ name: "support", route: "/opt", port: 0, configFile: fixture("agent.yaml") })
    expect(fromEnv.route).toBe("/opt")
    expect(fromEnv.getBasicAuthCredentials(true)).toEqual(["env-user", "env-pa55", "environment"])
    expect(new AgentBase({ name: "support", basicAuth: ["o", "p"], configFile: fixture("agent.yaml") }).getBasicAuthCredentials()).toEqual(["o", "p"])
    expect(() => new AgentBase({ name: "support", configFile: fixture("bad.json") })).toThrow(/bad\.json/)
  })
})
