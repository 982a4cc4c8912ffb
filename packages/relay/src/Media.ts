/**
 * What a call plays: TTS, audio files, silence and ringtones, in the nested `{type, params}` form
 * the server requires (PROTOCOL.md §8.1–§8.2). Build items with the constructors; the
 * {@link Media} schema checks any item (including hand-written ones) before a frame is sent.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

const Url = Schema.String.pipe(
  Schema.filter((s) => /^(https?|wss?):\/\/\S+$/.test(s), { message: () => "expected an http(s) URL" })
)

/**
 * Ringtone country codes the platform knows (PROTOCOL.md §8.2).
 *
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Media.RingtoneName)("us") // true
 * ```
 * @since 0.1.0
 */
export const RingtoneName = Schema.Literal(
  "at", "au", "bg", "br", "be", "ch", "cl", "cn", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hu", "il", "in",
  "it", "lt", "jp", "mx", "my", "nl", "no", "nz", "ph", "pl", "pt", "ru", "se", "sg", "th", "uk", "us", "tw", "ve",
  "za"
)

/**
 * A ringtone country code.
 *
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * const country: Media.RingtoneName = "uk"
 * ```
 * @since 0.1.0
 */
export type RingtoneName = typeof RingtoneName.Type

const Audio = Schema.Struct({ type: Schema.Literal("audio"), params: Schema.Struct({ url: Url }) })
const Tts = Schema.Struct({
  type: Schema.Literal("tts"),
  params: Schema.Struct({
    text: Schema.NonEmptyString,
    language: Schema.optional(Schema.NonEmptyString),
    gender: Schema.optional(Schema.Literal("male", "female")),
    voice: Schema.optional(Schema.NonEmptyString)
  })
})
const Silence = Schema.Struct({
  type: Schema.Literal("silence"),
  params: Schema.Struct({ duration: Schema.Number.pipe(Schema.positive()) })
})
const Ringtone = Schema.Struct({
  type: Schema.Literal("ringtone"),
  params: Schema.Struct({ name: RingtoneName, duration: Schema.optional(Schema.Number.pipe(Schema.positive())) })
})

/**
 * One media item, as sent on the wire.
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Media.Media)({ type: "tts", params: { text: "Hello" } }) // true
 * Schema.is(Media.Media)({ type: "tts", text: "Hello" })             // false: the flat form is refused
 * ```
 * @since 0.1.0
 */
export const Media = Schema.Union(Audio, Tts, Silence, Ringtone)

/**
 * One media item.
 *
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * const greeting: Media.Media = Media.tts("Hello")
 * ```
 * @since 0.1.0
 */
export type Media = typeof Media.Type

/**
 * A non-empty list of media items, played in order.
 *
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Media.Playlist)([Media.tts("Hello"), Media.silence("1 second")]) // true
 * ```
 * @since 0.1.0
 */
export const Playlist = Schema.NonEmptyArray(Media)

/**
 * Text to speech.
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * Media.tts("Press 1 for sales", { language: "en-US", gender: "female" })
 * // { type: "tts", params: { text: "Press 1 for sales", language: "en-US", gender: "female" } }
 * ```
 * @since 0.1.0
 */
export const tts = (
  text: string,
  options: { readonly language?: string; readonly gender?: "male" | "female"; readonly voice?: string } = {}
): Media => ({
  type: "tts",
  params: {
    text,
    ...(options.language === undefined ? {} : { language: options.language }),
    ...(options.gender === undefined ? {} : { gender: options.gender }),
    ...(options.voice === undefined ? {} : { voice: options.voice })
  }
})

/**
 * An audio file (mp3 or wav) by URL.
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * Media.audio("https://cdn.example.com/welcome.mp3")
 * ```
 * @since 0.1.0
 */
export const audio = (url: string): Media => ({ type: "audio", params: { url } })

/**
 * Silence for a `Duration` (sent in seconds).
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * Media.silence("1500 millis") // { type: "silence", params: { duration: 1.5 } }
 * ```
 * @since 0.1.0
 */
export const silence = (duration: Duration.DurationInput): Media => ({
  type: "silence",
  params: { duration: Duration.toSeconds(Duration.decode(duration)) }
})

/**
 * A country's ringtone, optionally for a `Duration` (sent in seconds).
 *
 * @example
 * ```ts
 * import { Media } from "@signalwire-effect/relay"
 *
 * Media.ringtone("us", "10 seconds")
 * ```
 * @since 0.1.0
 */
export const ringtone = (name: RingtoneName, duration?: Duration.DurationInput): Media => ({
  type: "ringtone",
  params: duration === undefined ? { name } : { name, duration: Duration.toSeconds(Duration.decode(duration)) }
})
