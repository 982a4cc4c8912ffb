/**
 * An agent's settings from a JSON or YAML file: `service` (`name`, `route`, `host`, `port`),
 * `security.ssl` (`enabled`, `certPath`, `keyPath`, `domain`), `security.basicAuth` (`user`,
 * `password`), plus any other section. String values may read the environment: `${VAR}` or
 * `${VAR|default}` (a value that is only such a reference and reads `true`/`false` or a number
 * becomes that boolean or number). The file is checked by `Schema`: a bad value fails with a
 * {@link ConfigFileError} naming the file and the field.
 *
 * The file joins Effect's configuration as a `ConfigProvider` ({@link layer}): the environment
 * first, then the file, so the priority is option > environment > file > default wherever the
 * servers read `Config` (`SWML_BASIC_AUTH_USER` / `_PASSWORD` from `security.basicAuth`, `PORT`
 * from `service.port`, `SWML_SSL_*` from `security.ssl`, and every key by its path).
 *
 * ```ts
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { ConfigFile } from "@signalwire-effect/agents"
 * import * as Config from "effect/Config"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const port = Config.integer("PORT").pipe(Effect.provide(ConfigFile.layer("agent.yaml").pipe(Layer.provide(NodeFileSystem.layer))))
 * ```
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { SchemaIssues } from "@signalwire-effect/config"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Yaml from "yaml"
import { searchPaths as searchPathsOf, configFileCandidates } from "./internal/configPaths.js"

// 0 asks for a free port.
const Port = Schema.Int.pipe(Schema.between(0, 65535))
const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The schema of a settings file: the sections the servers use, typed; other sections kept as they are.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(ConfigFile.Settings)({ service: { name: "support", port: 3000 } })
 * ```
 * @since 0.1.0
 */
export const Settings = Schema.Struct({
  service: Schema.optional(Schema.Struct({
    name: Schema.optional(Schema.NonEmptyString),
    route: Schema.optional(Schema.String),
    host: Schema.optional(Schema.NonEmptyString),
    port: Schema.optional(Port)
  }, Extra)),
  security: Schema.optional(Schema.Struct({
    ssl: Schema.optional(Schema.Struct({
      enabled: Schema.optional(Schema.Boolean),
      certPath: Schema.optional(Schema.String),
      keyPath: Schema.optional(Schema.String),
      domain: Schema.optional(Schema.String)
    })),
    basicAuth: Schema.optional(Schema.Struct({
      user: Schema.optional(Schema.NonEmptyString),
      password: Schema.optional(Schema.Redacted(Schema.NonEmptyString))
    }))
  }, Extra))
}, Extra)

/**
 * Decoded settings (the Basic-auth password is `Redacted`).
 *
 * @example
 * ```ts
 * import type { ConfigFile } from "@signalwire-effect/agents"
 *
 * const settings: ConfigFile.Settings = { service: { name: "support", route: "/support" } }
 * ```
 * @since 0.1.0
 */
export type Settings = typeof Settings.Type

/**
 * A settings file could not be used: not found, not JSON/YAML, or a field is invalid (`issues`
 * name each field). The message names the file; secrets never appear in it.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * ConfigFile.parse("service: { port: 70000 }", { path: "agent.yaml" }).pipe(
 *   Effect.catchTag("ConfigFileError", (e) => Effect.succeed(e.message)) // "agent.yaml: service.port: Expected a number between 0 and 65535, actual 70000"
 * )
 * ```
 * @since 0.1.0
 */
export class ConfigFileError extends Schema.TaggedError<ConfigFileError>()("ConfigFileError", {
  path: Schema.String,
  reason: Schema.Literal("NotFound", "Unreadable", "Syntax", "Invalid"),
  message: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {}

const REFERENCE = /\$\{([^}|]+)(?:\|([^}]*))?\}/g

const lookup = (name: string): Effect.Effect<Option.Option<string>> =>
  Effect.orElseSucceed(Effect.map(Config.string(name), Option.some), () => Option.none())

const coerce = (text: string): unknown =>
  /^(true|false)$/i.test(text) ? text.toLowerCase() === "true" : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text

/**
 * Replace `${VAR}` / `${VAR|default}` in every string of `value`, reading variables through
 * Effect's `Config` (unset without a default: `""`). A string that is one reference and yields
 * `true`, `false` or a number becomes that value.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * ConfigFile.substitute({ port: "${PORT|3000}", url: "https://${HOST|localhost}/agent" }) // Effect of { port: 3000, url: "https://localhost/agent" }
 * ```
 * @since 0.1.0
 */
export const substitute = (value: unknown): Effect.Effect<unknown> => {
  if (typeof value === "string") {
    const refs = [...value.matchAll(REFERENCE)]
    if (refs.length === 0) return Effect.succeed(value)
    return Effect.map(
      Effect.forEach(refs, (m) => Effect.map(lookup(m[1]!.trim()), Option.getOrElse(() => m[2] ?? ""))),
      (values) => {
        let i = 0
        const text = value.replace(REFERENCE, () => values[i++]!)
        return refs.length === 1 && refs[0]![0] === value ? coerce(text) : text
      }
    )
  }
  if (Array.isArray(value)) return Effect.forEach(value, substitute)
  if (typeof value === "object" && value !== null) {
    return Effect.map(
      Effect.forEach(Object.entries(value), ([key, item]) => Effect.map(substitute(item), (v) => [key, v] as const)),
      (entries) => Object.fromEntries(entries)
    )
  }
  return Effect.succeed(value)
}

const failure = (path: string, reason: ConfigFileError["reason"], issues: ReadonlyArray<{ readonly path: string; readonly message: string }>) =>
  new ConfigFileError({ path, reason, issues, message: `${path}: ${SchemaIssues.summarize(issues)}` })

const parseText = (text: string, path: string, format: "json" | "yaml" | undefined): Either.Either<unknown, ConfigFileError> => {
  const kind = format ?? (/\.ya?ml$/i.test(path) ? "yaml" : /\.json$/i.test(path) ? "json" : undefined)
  return Either.try({
    try: () => kind === "json" ? JSON.parse(text) as unknown : Yaml.parse(text) as unknown,
    catch: (cause) => failure(path, "Syntax", [{ path: "(root)", message: `not ${kind === "json" ? "JSON" : "YAML or JSON"}: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}` }])
  })
}

/**
 * A file's text as plain JSON (`format` from the path's extension when not given; YAML also reads
 * JSON): parsed, substituted and checked against {@link Settings}, but not decoded (the password
 * stays a string), for callers that keep the document as data.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * ConfigFile.read("custom: { greeting: hi }", { path: "agent.yaml" }) // Effect of { custom: { greeting: "hi" } }
 * ```
 * @since 0.1.0
 */
export const read = (text: string, options: { readonly path: string; readonly format?: "json" | "yaml" }): Effect.Effect<{ readonly [key: string]: unknown }, ConfigFileError> =>
  Effect.gen(function*() {
    const raw = yield* parseText(text, options.path, options.format)
    const substituted = yield* substitute(raw === null || raw === undefined ? {} : raw)
    yield* Schema.decodeUnknown(Settings, { onExcessProperty: "error" })(substituted).pipe(
      Effect.mapError((e) => failure(options.path, "Invalid", SchemaIssues.issuesOf(e)))
    )
    return substituted as { readonly [key: string]: unknown }
  })

/**
 * Settings from a file's text: {@link read}, then decoded.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * ConfigFile.parse(`{"service": {"name": "support", "port": "\${PORT|3000}"}}`, { path: "config.json" })
 * ```
 * @since 0.1.0
 */
export const parse = (text: string, options: { readonly path: string; readonly format?: "json" | "yaml" }): Effect.Effect<Settings, ConfigFileError> =>
  Effect.flatMap(read(text, options), (document) => Effect.orDie(Schema.decodeUnknown(Settings)(document)))

/**
 * Settings from a file.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * const settings = ConfigFile.load("config/agent.yaml") // Effect<Settings, ConfigFileError, FileSystem>
 * ```
 * @since 0.1.0
 */
export const load = (path: string): Effect.Effect<Settings, ConfigFileError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(path).pipe(
      Effect.mapError((e) =>
        failure(path, e._tag === "SystemError" && e.reason === "NotFound" ? "NotFound" : "Unreadable", [{ path: "(root)", message: e._tag === "SystemError" && e.reason === "NotFound" ? "file not found" : "cannot read the file" }])
      )
    )
    return yield* parse(text, { path })
  })

/**
 * Where {@link search} looks for `filename`, in order: `<service>_<file>` and
 * `.swml/<service>_<file>` (with `serviceName`), each of `extraDirs`, the working directory,
 * `./config`, `~/.signalwire`, `./.swml`, `~/.swml`, `/etc/swml`.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * ConfigFile.searchPaths("agent.yaml", { serviceName: "support", cwd: "/srv", home: "/home/ada" })
 * // ["/srv/support_agent.yaml", "/srv/.swml/support_agent.yaml", "/srv/agent.yaml", "/srv/config/agent.yaml", …]
 * ```
 * @since 0.1.0
 */
export const searchPaths = (
  filename: string,
  options?: { readonly extraDirs?: ReadonlyArray<string>; readonly serviceName?: string; readonly cwd?: string; readonly home?: string }
): ReadonlyArray<string> => searchPathsOf(filename, options)

/**
 * The first file of {@link searchPaths} that exists, loaded.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * const found = ConfigFile.search("agent.yaml", { serviceName: "support" }) // Effect<Option<{ path, settings }>, …>
 * ```
 * @since 0.1.0
 */
export const search = (
  filename: string,
  options?: { readonly extraDirs?: ReadonlyArray<string>; readonly serviceName?: string; readonly cwd?: string; readonly home?: string }
): Effect.Effect<Option.Option<{ readonly path: string; readonly settings: Settings }>, ConfigFileError, FileSystem.FileSystem> =>
  Effect.flatMap(firstExisting(searchPaths(filename, options)), Option.match({
    onNone: () => Effect.succeedNone,
    onSome: (path) => Effect.map(load(path), (settings) => Option.some({ path, settings }))
  }))

const firstExisting = (paths: ReadonlyArray<string>): Effect.Effect<Option.Option<string>, never, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    Effect.findFirst(paths, (path) => Effect.orElseSucceed(fs.exists(path), () => false)))

/**
 * The path of the first configuration file found: `<service>_config.json`,
 * `.swml/<service>_config.json` (with `serviceName`), each of `extraPaths`, `config.json`,
 * `agent_config.json`, `.swml/config.json`, `~/.swml/config.json`, `/etc/swml/config.json`.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * const path = ConfigFile.findConfigFile({ serviceName: "support" }) // Effect<Option<string>, never, FileSystem>
 * ```
 * @since 0.1.0
 */
export const findConfigFile = (
  options?: { readonly serviceName?: string; readonly extraPaths?: ReadonlyArray<string>; readonly cwd?: string; readonly home?: string }
): Effect.Effect<Option.Option<string>, never, FileSystem.FileSystem> => firstExisting(configFilePaths(options))

/**
 * The candidates {@link findConfigFile} tries, in order.
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 *
 * ConfigFile.configFilePaths({ cwd: "/srv", home: "/home/ada" })[0] // "/srv/config.json"
 * ```
 * @since 0.1.0
 */
export const configFilePaths = (
  options?: { readonly serviceName?: string; readonly extraPaths?: ReadonlyArray<string>; readonly cwd?: string; readonly home?: string }
): ReadonlyArray<string> => configFileCandidates(options)

const flatten = (value: unknown, prefix: string, into: Map<string, string>): Map<string, string> => {
  if (Redacted.isRedacted(value)) into.set(prefix, String(Redacted.value(value)))
  else if (Array.isArray(value)) into.set(prefix, value.map(String).join(","))
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix === "" ? key : `${prefix}.${key}`, into)
  } else if (value !== undefined && value !== null) into.set(prefix, String(value))
  return into
}

/**
 * The settings as a `ConfigProvider`: every key by its dotted path (`service.port`), and the
 * environment names the servers read (`PORT`, `SWML_BASIC_AUTH_USER`, `SWML_BASIC_AUTH_PASSWORD`,
 * `SWML_SSL_ENABLED`, `SWML_SSL_CERT_PATH`, `SWML_SSL_KEY_PATH`, `SWML_SSL_DOMAIN`).
 *
 * @example
 * ```ts
 * import { ConfigFile } from "@signalwire-effect/agents"
 * import * as Config from "effect/Config"
 * import * as Effect from "effect/Effect"
 *
 * Config.integer("PORT").pipe(Effect.withConfigProvider(ConfigFile.provider({ service: { port: 8080 } }))) // 8080
 * ```
 * @since 0.1.0
 */
export const provider = (settings: Settings): ConfigProvider.ConfigProvider => {
  const paths = flatten(settings, "", new Map())
  const aliases: ReadonlyArray<readonly [string, string]> = [
    ["PORT", "service.port"],
    ["SWML_BASIC_AUTH_USER", "security.basicAuth.user"],
    ["SWML_BASIC_AUTH_PASSWORD", "security.basicAuth.password"],
    ["SWML_SSL_ENABLED", "security.ssl.enabled"],
    ["SWML_SSL_CERT_PATH", "security.ssl.certPath"],
    ["SWML_SSL_KEY_PATH", "security.ssl.keyPath"],
    ["SWML_SSL_DOMAIN", "security.ssl.domain"]
  ]
  for (const [env, path] of aliases) {
    const value = paths.get(path)
    if (value !== undefined) paths.set(env, value)
  }
  return ConfigProvider.fromMap(paths, { pathDelim: "." })
}

/**
 * Makes a settings file part of the configuration: the environment first, then the file.
 *
 * @example
 * ```ts
 * import { NodeFileSystem } from "@effect/platform-node"
 * import { ConfigFile } from "@signalwire-effect/agents"
 * import * as Layer from "effect/Layer"
 *
 * const configured = ConfigFile.layer("agent.yaml").pipe(Layer.provide(NodeFileSystem.layer))
 * ```
 * @since 0.1.0
 */
export const layer = (path: string): Layer.Layer<never, ConfigFileError, FileSystem.FileSystem> =>
  Layer.unwrapEffect(Effect.map(load(path), (settings) =>
    Layer.setConfigProvider(ConfigProvider.fromEnv().pipe(ConfigProvider.orElse(() => provider(settings))))))
