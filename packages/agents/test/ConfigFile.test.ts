import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import * as path from "node:path"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { AgentBase, BasicAuth, ConfigFile, NodeServer } from "../src/index.js"
import { request, serve } from "./fixtures/server.js"

const dir = path.join(__dirname, "fixtures", "config")
const fixture = (name: string) => path.join(dir, name)
const env = (entries: ReadonlyArray<readonly [string, string]>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(entries)))

describe("ConfigFile", () => {
  it.effect("loads YAML and JSON, substituting ${VAR} and ${VAR|default} (typed when a whole value)", () =>
    Effect.gen(function*() {
      const yaml = yield* ConfigFile.load(fixture("agent.yaml")).pipe(env([["LW_TEST_USER", "env-user"]]))
      expect(yaml.service).toEqual({ name: "support", route: "/support", host: "127.0.0.1", port: 3100 })
      expect(yaml.security?.basicAuth?.user).toBe("env-user")
      expect(Redacted.value(yaml.security!.basicAuth!.password!)).toBe("file-pa55")
      expect(yaml.security?.ssl).toEqual({ enabled: false, domain: "agent.example.com" })
      expect(yaml["skills"]).toEqual(["datetime", "math"])
      const json = yield* ConfigFile.load(fixture("agent.json")).pipe(env([["LW_TEST_PORT", "4000"], ["LW_TEST_SSL", "true"]]))
      expect(json.service?.port).toBe(4000)
      expect(json["custom"]).toEqual({ greeting: "Hello caller" })
      expect(yield* ConfigFile.substitute({ a: "${LW_UNSET}", b: "x-${LW_TEST_SSL|no}-${LW_UNSET|}", c: ["${LW_N|1.5}"], d: 7 }).pipe(env([["LW_TEST_SSL", "yes"]])))
        .toEqual({ a: "", b: "x-yes-", c: [1.5], d: 7 })
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("fails with a ConfigFileError naming the file and the field; no secret in the message", () =>
    Effect.gen(function*() {
      const port = yield* Effect.flip(ConfigFile.load(fixture("bad-port.yaml")))
      expect(port).toMatchObject({ _tag: "ConfigFileError", reason: "Invalid", issues: [{ path: "service.port" }] })
      expect(port.message).toMatch(/bad-port\.yaml: service\.port: .*70000/)
      const typo = yield* Effect.flip(ConfigFile.load(fixture("typo.json")))
      expect(typo.reason).toBe("Invalid")
      expect(typo.issues.map((i) => i.path)).toEqual(["security.basicAuth.pasword"])
      expect(typo.message).not.toContain(": p")
      const broken = yield* Effect.flip(ConfigFile.load(fixture("broken.yaml")))
      expect(broken.reason).toBe("Syntax")
      expect(broken.message).toContain("broken.yaml")
      const missing = yield* Effect.flip(ConfigFile.load(fixture("nope.yaml")))
      expect(missing).toMatchObject({ reason: "NotFound", message: `${fixture("nope.yaml")}: file not found` })
      const badJson = yield* Effect.flip(ConfigFile.parse("{", { path: "inline.json" }))
      expect(badJson.reason).toBe("Syntax")
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("searches the reference's places, in order", () =>
    Effect.gen(function*() {
      const cwd = fixture("project")
      const home = fixture("home")
      expect(ConfigFile.searchPaths("agent.json", { serviceName: "support", extraDirs: ["extra"], cwd, home })).toEqual([
        path.join(cwd, "support_agent.json"),
        path.join(cwd, ".swml", "support_agent.json"),
        path.join(cwd, "extra", "agent.json"),
        path.join(cwd, "agent.json"),
        path.join(cwd, "config", "agent.json"),
        path.join(home, ".signalwire", "agent.json"),
        path.join(cwd, ".swml", "agent.json"),
        path.join(home, ".swml", "agent.json"),
        "/etc/swml/agent.json"
      ])
      const found = yield* ConfigFile.search("agent.json", { cwd, home })
      expect(Option.map(found, (f) => [f.path, f.settings.service?.name])).toEqual(Option.some([path.join(cwd, "config", "agent.json"), "from-config-dir"]))
      expect(yield* ConfigFile.findConfigFile({ serviceName: "support", cwd, home })).toEqual(Option.some(path.join(cwd, "support_config.json")))
      expect(yield* ConfigFile.findConfigFile({ cwd, home })).toEqual(Option.some(path.join(home, ".swml", "config.json")))
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("is a ConfigProvider: paths and the servers' environment names; the environment wins", () =>
    Effect.gen(function*() {
      const settings = yield* ConfigFile.load(fixture("agent.yaml"))
      const file = ConfigFile.provider(settings)
      expect(yield* Config.integer("PORT").pipe(Effect.withConfigProvider(file))).toBe(3100)
      expect(yield* Config.string("service.name").pipe(Effect.withConfigProvider(file))).toBe("support")
      expect(yield* Config.boolean("SWML_SSL_ENABLED").pipe(Effect.withConfigProvider(file))).toBe(false)
      const credentials = yield* BasicAuth.config.pipe(Effect.withConfigProvider(file))
      expect(Option.map(credentials, (c) => [c.user, Redacted.value(c.password)])).toEqual(Option.some(["file-user", "file-pa55"]))
      const both = ConfigProvider.fromMap(new Map([["SWML_BASIC_AUTH_USER", "env-user"], ["SWML_BASIC_AUTH_PASSWORD", "env-pa55"]])).pipe(ConfigProvider.orElse(() => file))
      const envWins = yield* BasicAuth.config.pipe(Effect.withConfigProvider(both))
      expect(Option.map(envWins, (c) => c.user)).toEqual(Option.some("env-user"))
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.scoped("an agent served with ConfigFile.layer takes its Basic-auth credentials from the file", () =>
    Effect.gen(function*() {
      const agent = AgentBase.make({ name: "support", route: "/support", prompt: "You are Acme's support agent." })
      const served = yield* serve(
        NodeServer.layer([agent], { port: 0, host: "127.0.0.1" }).pipe(
          Layer.provide(ConfigFile.layer(fixture("agent.json")).pipe(Layer.provide(NodeFileSystem.layer))),
          Layer.orDie
        )
      )
      const header = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`
      expect((yield* request(`${served.origin}/support`, { auth: header("json-user", "json-pa55") })).status).toBe(200)
      expect((yield* request(`${served.origin}/support`, { auth: header("json-user", "wrong") })).status).toBe(401)
    }))
})
