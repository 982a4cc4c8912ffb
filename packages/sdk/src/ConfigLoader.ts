/**
 * `ConfigLoader`: the reference SDK's settings-file loader (JSON, and YAML as in the Python SDK),
 * on `@signalwire-effect/agents`' `ConfigFile`: `${VAR}` / `${VAR|default}` substitution, a
 * `Schema` check of the sections the servers use (a bad file throws an `Error` naming the file
 * and the field), dot-path `get` / `set` / `has`, and the reference's search paths.
 *
 * Substitution happens in the parsed values, not in the raw text (a value holding a quote cannot
 * break the file), and reads every variable: the reference applies no env-prefix allow-list here.
 *
 * @since 0.1.0
 */
import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { ConfigFile } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

const DANGEROUS_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"])
const REFERENCE = /\$\{([^}|]+)(?:\|([^}]*))?\}/g

type Data = Record<string, unknown>

const isRecord = (value: unknown): value is Data => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A settings file as data.
 *
 * @example
 * ```ts
 * import { ConfigLoader } from "@signalwire-effect/sdk"
 *
 * const found = ConfigLoader.search("agent.yaml", ["./deploy"], "support")
 * const port = found?.get<number>("service.port", 3000) ?? 3000
 * ```
 * @since 0.1.0
 */
export class ConfigLoader {
  #data: Data = {}
  #filePath: string | null = null
  readonly #configPaths: Array<string>

  /** Loads `filePaths` (a list: the first that exists; none existing loads nothing). */
  constructor(filePaths?: string | Array<string>) {
    this.#configPaths = filePaths === undefined ? [] : Array.isArray(filePaths) ? [...filePaths] : [filePaths]
    if (typeof filePaths === "string") this.load(filePaths)
    else if (Array.isArray(filePaths)) {
      const first = filePaths.find((p) => existsSync(resolve(p)))
      if (first !== undefined) this.load(first)
    }
  }

  /** The paths given to the constructor. */
  get configPaths(): Array<string> {
    return [...this.#configPaths]
  }

  /** Load a JSON or YAML file (throws when missing, malformed or invalid). */
  load(filePath: string): this {
    const path = resolve(filePath)
    if (!existsSync(path)) throw new Error(`Config file not found: ${path}`)
    const read = Effect.runSync(Effect.either(ConfigFile.read(readFileSync(path, "utf8"), { path })))
    if (Either.isLeft(read)) throw new Error(read.left.message)
    this.#data = { ...read.right }
    this.#filePath = path
    return this
  }

  /** The first of the search paths (`ConfigFile.searchPaths`) that exists, loaded; `null` when none. */
  static search(filename: string, additionalPaths?: Array<string>, serviceName?: string): ConfigLoader | null {
    const found = ConfigFile.searchPaths(filename, {
      ...(additionalPaths === undefined ? {} : { extraDirs: additionalPaths }),
      ...(serviceName === undefined ? {} : { serviceName })
    }).find((p) => existsSync(p))
    return found === undefined ? null : new ConfigLoader(found)
  }

  /** The first configuration file found (`<service>_config.json`, `config.json`, …), or `null`. */
  static findConfigFile(serviceName?: string, additionalPaths?: Array<string>): string | null {
    return ConfigFile.configFilePaths({
      ...(serviceName === undefined ? {} : { serviceName }),
      ...(additionalPaths === undefined ? {} : { extraPaths: additionalPaths })
    }).find((p) => existsSync(p)) ?? null
  }

  /** The value at a dot path (`"service.port"`), else `defaultValue`. */
  get<T = unknown>(path: string, defaultValue?: T): T {
    const parts = path.split(".")
    if (parts.some((p) => DANGEROUS_KEYS.has(p))) return defaultValue as T
    let current: unknown = this.#data
    for (const part of parts) {
      if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, part)) return defaultValue as T
      current = current[part]
    }
    return (current === undefined ? defaultValue : current) as T
  }

  /** Set the value at a dot path (intermediate objects created; `__proto__` & co. ignored). */
  set(path: string, value: unknown): this {
    const parts = path.split(".")
    if (parts.some((p) => DANGEROUS_KEYS.has(p))) return this
    let current = this.#data
    for (const part of parts.slice(0, -1)) {
      const next = current[part]
      if (!isRecord(next)) current[part] = {}
      current = current[part] as Data
    }
    current[parts[parts.length - 1]!] = value
    return this
  }

  has(path: string): boolean {
    let current: unknown = this.#data
    for (const part of path.split(".")) {
      if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, part)) return false
      current = current[part]
    }
    return true
  }

  getAll(): Data {
    return { ...this.#data }
  }

  /** Python's name for {@link getAll}. */
  getConfig(): Data {
    return this.getAll()
  }

  getFilePath(): string | null {
    return this.#filePath
  }

  /** Python's name for {@link getFilePath}. */
  getConfigFile(): string | null {
    return this.#filePath
  }

  /** Whether settings were loaded (from a file or an object). */
  hasConfig(): boolean {
    return this.#filePath !== null || Object.keys(this.#data).length > 0
  }

  /** A top-level section, substituted again against the current environment (`{}` when absent). */
  getSection(section: string): Data {
    const value = this.get<unknown>(section)
    return isRecord(value) ? this.substituteVars(value) as Data : {}
  }

  /** `${VAR}` / `${VAR|default}` in every string of `value` (whole references typed). */
  substituteVars(value: unknown): unknown {
    return Effect.runSync(ConfigFile.substitute(value))
  }

  /** The settings, plus `<prefix>FOO_BAR` variables as `foo.bar` where the settings have no such key. */
  mergeWithEnv(envPrefix = "SWML_"): Data {
    const result = this.substituteVars(this.#data) as Data
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith(envPrefix) || value === undefined) continue
      const path = key.slice(envPrefix.length).toLowerCase().split("_")
      if (path.some((p) => DANGEROUS_KEYS.has(p) || p === "")) continue
      let current = result
      let present = true
      for (const part of path) {
        if (!isRecord(current) || !(part in current)) {
          present = false
          break
        }
        current = current[part] as Data
      }
      if (present) continue
      let target = result
      for (const part of path.slice(0, -1)) {
        if (!isRecord(target[part])) target[part] = {}
        target = target[part] as Data
      }
      target[path[path.length - 1]!] = value
    }
    return result
  }

  /** Use `obj` as the settings (no file). */
  loadFromObject(obj: Data): this {
    this.#data = { ...obj }
    this.#filePath = null
    return this
  }

  /** `${VAR}` / `${VAR|default}` in raw text (unset without default: `""`). */
  interpolateEnvVars(input: string): string {
    return input.replace(REFERENCE, (_match, name: string, fallback?: string) => process.env[name.trim()] ?? fallback ?? "")
  }
}
