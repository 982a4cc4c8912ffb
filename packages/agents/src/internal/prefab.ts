/**
 * What the five prefab agents share: decoding their configuration with a Schema into a typed
 * error naming the bad field, the agent they start from, reading the call's global data.
 */
import { Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import { PrefabConfigError } from "../AgentError.js"
import type { ToolCall } from "./agent.js"

/** Options every prefab takes: its name and route (defaults per prefab) and the agent's options. */
export interface Common {
  readonly name?: string | undefined
  readonly route?: string | undefined
  readonly agentOptions?: Omit<AgentBase.Options, "name" | "route"> | undefined
  /** Require per-call tokens on the prefab's tools (default true, as every tool of this package). */
  readonly secure?: boolean | undefined
}

const pathOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`,
    ""
  )

/** Decode `input` with `schema`; the first issue becomes a `PrefabConfigError` naming its field. */
export const decode = <A, I>(prefab: string, schema: Schema.Schema<A, I>, input: unknown): Effect.Effect<A, PrefabConfigError> =>
  Either.match(Schema.decodeUnknownEither(schema, { errors: "first" })(input), {
    onRight: Effect.succeed,
    onLeft: (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      return Effect.fail(
        new PrefabConfigError({
          prefab,
          field: issue === undefined ? "" : pathOf(issue.path),
          message: issue?.message ?? error.message
        })
      )
    }
  })

/** A failure for a field a Schema cannot check (a reference between fields). */
export const invalid = (prefab: string, field: string, message: string) => new PrefabConfigError({ prefab, field, message })

/** The agent a prefab starts from: its POM prompt, name and route. */
export const base = (common: Common, defaults: { readonly name: string; readonly route: string }, prompt: Pom.Pom) =>
  AgentBase.make({
    ...common.agentOptions,
    name: common.name ?? defaults.name,
    route: common.route ?? defaults.route,
    prompt
  })

/** The call's global data (what the platform sent with the tool call). */
export const globalData = (call: ToolCall): { readonly [key: string]: unknown } => call.globalData ?? {}

/** Sections of a POM prompt, in order. */
export const pom = (...sections: ReadonlyArray<readonly [string, Pom.SectionOptions]>): Pom.Pom =>
  sections.reduce((p, [title, options]) => Pom.addSection(p, title, options), Pom.make())

/** `word` in title case, as the reference shows amenity and hour keys (`room_service` → `Room_Service`). */
export const titleCase = (value: string): string =>
  value.replace(/[A-Za-z]+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
