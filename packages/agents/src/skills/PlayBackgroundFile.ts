/**
 * The `play_background_file` skill (multi-instance). With `files` ([{key, description, url,
 * wait?}]) its tool (default `play_background_file`, renamed by `tool_name`) takes an `action`:
 * `start_<key>` answers a `playback_bg` action for that file, `stop` a `stop_playback_bg` action.
 * Without `files` (the TypeScript reference's free-form mode) it offers `play_background(file_url,
 * wait?)` (http/https only; `allowed_domains` limits the hosts, `default_file_url` fills a missing
 * URL) and `stop_background`.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"

const File = Schema.Struct({
  key: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]+$/)).annotations({ description: "Unique identifier of the file" }),
  description: Schema.String.annotations({ description: "What the file is (the model reads it)" }),
  url: Schema.String.annotations({ description: "URL of the audio or video file" }),
  wait: Schema.optional(Schema.Boolean).annotations({ description: "Wait for the file to finish (default false)" })
})

const Parameters = Schema.Struct({
  tool_name: Schema.optionalWith(Schema.String, { default: () => "play_background_file" }),
  files: Schema.optional(Schema.Array(File)).annotations({ description: "The files the tool can play" }),
  default_file_url: Schema.optional(Schema.String).annotations({ description: "Free-form mode: the URL used when none is given" }),
  allowed_domains: Schema.optional(Schema.Array(Schema.String)).annotations({
    description: "Free-form mode: the hosts (and their subdomains) URLs may come from"
  })
})

const hostAllowed = (host: string, domains: ReadonlyArray<string>): boolean =>
  domains.length === 0 || domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`))

const freeForm = (defaultUrl: string | undefined, domains: ReadonlyArray<string>) => [
  Skill.tool({
    name: "play_background",
    description: "Play an audio file in the background of the call (it loops until stopped), e.g. hold music.",
    parameters: Schema.Struct({
      file_url: defaultUrl === undefined
        ? Schema.String.annotations({ description: "The http(s) URL of the audio file" })
        : Schema.optional(Schema.String.annotations({ description: "The http(s) URL of the audio file" })),
      wait: Schema.optional(Schema.Boolean.annotations({ description: "Wait for the file to finish (default false)" }))
    }),
    waitForFillers: true,
    skipFillers: true,
    handler: ({ file_url, wait }) =>
      Effect.sync(() => {
        const raw = (file_url ?? defaultUrl ?? "").trim()
        if (raw === "") return FunctionResult.make("Please give the URL of the audio to play in the background.")
        const url = URL.canParse(raw) ? new URL(raw) : undefined
        if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
          return FunctionResult.make("That is not a file URL I can play. Only http and https URLs are supported.")
        }
        if (!hostAllowed(url.hostname.toLowerCase(), domains)) {
          return FunctionResult.make(`Audio from ${url.hostname} is not allowed. Allowed domains: ${domains.join(", ")}.`)
        }
        return FunctionResult.make("Tell the user the background audio is now playing.").pipe(
          FunctionResult.playBackgroundFile(url.href, { wait: wait ?? false })
        )
      })
  }),
  Skill.tool({
    name: "stop_background",
    description: "Stop the audio playing in the background",
    parameters: Schema.Struct({}),
    waitForFillers: true,
    skipFillers: true,
    handler: () =>
      Effect.succeed(FunctionResult.make("Tell the user the background audio has stopped.").pipe(FunctionResult.stopBackgroundFile()))
  })
]

/**
 * The `play_background_file` skill (multi-instance by `tool_name`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { PlayBackgroundFile } from "@signalwire-effect/agents/skills/PlayBackgroundFile"
 *
 * const agent = AgentBase.make({ name: "hold", route: "/hold", prompt: "You keep callers company." }).pipe(
 *   AgentBase.addSkill(PlayBackgroundFile, {
 *     tool_name: "music",
 *     files: [{ key: "jazz", description: "Smooth jazz", url: "https://cdn.example.com/jazz.mp3" }]
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const PlayBackgroundFile = Skill.make({
  name: "play_background_file",
  description: "Control background file playback",
  multipleInstances: true,
  parameters: Parameters,
  setup: (params) =>
    Effect.gen(function*() {
      const files = params.files ?? []
      if (files.length === 0) {
        return {
          tools: freeForm(params.default_file_url, params.allowed_domains ?? []),
          promptSections: [{
            title: "Background Audio",
            body: "You can play audio in the background of the call.",
            bullets: ["Use play_background to start a file and stop_background to stop it."],
            subsections: []
          }]
        }
      }
      const keys = files.map((f) => f.key)
      const duplicate = keys.find((k, i) => keys.indexOf(k) !== i)
      if (duplicate !== undefined) {
        return yield* new SkillError({
          skill: "play_background_file",
          reason: "invalid-params",
          message: `play_background_file: files: the key ${duplicate} is used twice`
        })
      }
      const actions = [...files.map((f) => `start_${f.key}`), "stop"] as const
      const byAction = new Map(files.map((f) => [`start_${f.key}`, f]))
      const options = [...files.map((f) => `start_${f.key}: ${f.description}`), "stop: Stop any background file playing"]
      const tool = Skill.tool({
        name: params.tool_name,
        description: `Control background file playback for ${params.tool_name.replace(/_/g, " ")}`,
        parameters: Schema.Struct({
          action: Schema.Literal(...actions).annotations({ description: `Action to perform. Options: ${options.join("; ")}` })
        }),
        waitForFillers: true,
        skipFillers: true,
        handler: ({ action }) =>
          Effect.sync(() => {
            const file = byAction.get(action)
            if (file === undefined) {
              return FunctionResult.make("Tell the user you have stopped the background file playback.").pipe(
                FunctionResult.stopBackgroundFile()
              )
            }
            return FunctionResult.make(`Tell the user you are now going to play ${file.description} for them.`).pipe(
              FunctionResult.playBackgroundFile(file.url, { wait: file.wait ?? false })
            )
          })
      })
      return {
        tools: [tool],
        promptSections: [{
          title: `Background File Control (${params.tool_name})`,
          body: `You can play background files with the ${params.tool_name} tool.`,
          bullets: [...options, "Only one background file plays at a time; starting one replaces the last."],
          subsections: []
        }]
      }
    })
})
