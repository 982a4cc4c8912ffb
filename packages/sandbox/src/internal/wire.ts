/**
 * Checks of `calling.*` params against the tables of the RELAY protocol notes §8–§9 (`@signalwire-effect/relay` PROTOCOL.md). A check returns
 * the detail of the first problem (for `-32602 Invalid parameters: <detail>`), or `undefined`.
 * Schemas on the platform are open, so unknown keys always pass.
 */
import type { RelayFrame } from "@signalwire-effect/relay"

export type JsonObject = RelayFrame.JsonObject

export type Check = (value: unknown, path: string) => string | undefined

export interface Field {
  readonly required: boolean
  readonly check: Check
}

export const isObject = (u: unknown): u is JsonObject => typeof u === "object" && u !== null && !Array.isArray(u)

export const req = (check: Check): Field => ({ required: true, check })
export const opt = (check: Check): Field => ({ required: false, check })

const at = (path: string, key: string) => (path === "" ? key : `${path}.${key}`)

export const string: Check = (v, p) => (typeof v === "string" ? undefined : `${p} must be a string`)
export const nonEmpty: Check = (v, p) => (typeof v === "string" && v.length > 0 ? undefined : `${p} must be a non-empty string`)
export const number: Check = (v, p) => (typeof v === "number" && Number.isFinite(v) ? undefined : `${p} must be a number`)
export const nonNegative: Check = (v, p) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : `${p} must be a number >= 0`
export const integer: Check = (v, p) => (Number.isInteger(v) ? undefined : `${p} must be an integer`)
export const nonNegativeInt: Check = (v, p) =>
  Number.isInteger(v) && (v as number) >= 0 ? undefined : `${p} must be an integer >= 0`
export const boolean: Check = (v, p) => (typeof v === "boolean" ? undefined : `${p} must be a boolean`)
export const object: Check = (v, p) => (isObject(v) ? undefined : `${p} must be an object`)
export const anything: Check = () => undefined

export const oneOf = (...values: ReadonlyArray<string>): Check => (v, p) =>
  typeof v === "string" && values.includes(v) ? undefined : `${p} must be one of ${values.join(", ")}`

export const pattern = (regex: RegExp, what: string): Check => (v, p) =>
  typeof v === "string" && regex.test(v) ? undefined : `${p} must be ${what}`

export const dtmf = pattern(/^[0-9#*A-DwW]+$/, "DTMF digits (0-9 # * A-D, w and W pauses)")
export const wsUrl = pattern(/^wss?:\/\/\S+$/, "a ws:// or wss:// URL")

/** The first check that accepts the value wins; otherwise the failure names every alternative. */
export const either = (what: string, ...checks: ReadonlyArray<Check>): Check => (v, p) =>
  checks.some((check) => check(v, p) === undefined) ? undefined : `${p} must be ${what}`

export const arrayOf = (item: Check, options: { readonly nonEmpty?: boolean } = {}): Check => (v, p) => {
  if (!Array.isArray(v)) return `${p} must be an array`
  if (options.nonEmpty === true && v.length === 0) return `${p} must not be empty`
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${p}[${i}]`)
    if (problem !== undefined) return problem
  }
  return undefined
}

export const fields = (value: JsonObject, spec: Readonly<Record<string, Field>>, path = ""): string | undefined => {
  for (const [key, field] of Object.entries(spec)) {
    const v = value[key]
    if (v === undefined) {
      if (field.required) return `${at(path, key)} is required`
      continue
    }
    const problem = field.check(v, at(path, key))
    if (problem !== undefined) return problem
  }
  return undefined
}

export const shape = (spec: Readonly<Record<string, Field>>): Check => (v, p) =>
  isObject(v) ? fields(v, spec, p) : `${p} must be an object`

/** The nested `{type, params}` form (§8.1), with a check of `params` per type. */
export const nested = (kinds: Readonly<Record<string, Check>>): Check => (v, p) => {
  if (!isObject(v)) return `${p} must be an object`
  const type = v.type
  if (typeof type !== "string") return `${p}.type must be a string`
  if (!Object.hasOwn(kinds, type)) return `${p}.type must be one of ${Object.keys(kinds).join(", ")}`
  if (!isObject(v.params)) return `${p} must be in the nested form {type, params}`
  return kinds[type]!(v.params, `${p}.params`)
}

// ---- shared objects (§8) -----------------------------------------------------------------------

export const media = nested({
  audio: shape({ url: req(nonEmpty) }),
  tts: shape({ text: req(string), language: opt(string), gender: opt(string), voice: opt(string) }),
  silence: shape({ duration: req(nonNegative) }),
  ringtone: shape({ name: req(nonEmpty), duration: opt(nonNegative) })
})

export const playlist = arrayOf(media, { nonEmpty: true })

const ringing = { timeout: opt(nonNegative), max_duration: opt(nonNegative) }

const dialDeviceKinds = {
  phone: shape({ to_number: req(nonEmpty), from_number: req(nonEmpty), ...ringing }),
  sip: shape({ to: req(nonEmpty), from: req(nonEmpty), ...ringing }),
  webrtc: shape({ to: req(nonEmpty), from: req(nonEmpty), ...ringing }),
  agora: shape({ from: req(nonEmpty), appid: req(nonEmpty), channel: req(nonEmpty), to: opt(string) })
}

export const dialDevice = nested(dialDeviceKinds)

export const connectDevice = nested({
  ...dialDeviceKinds,
  call: shape({ node_id: req(nonEmpty), call_id: req(nonEmpty) }),
  queue: shape({ node_id: req(nonEmpty), queue_name: req(nonEmpty), queue_id: opt(string) }),
  stream: shape({ url: req(wsUrl) })
})

/** `devices`: outer serial groups, inner parallel devices (§8.3). */
export const plan = (device: Check): Check => arrayOf(arrayOf(device, { nonEmpty: true }), { nonEmpty: true })

export const collectSpec: Check = (v, p) => {
  if (!isObject(v)) return `${p} must be an object`
  const problem = fields(v, {
    initial_timeout: opt(nonNegative),
    digits: opt(shape({ max: req(nonNegativeInt), terminators: opt(string), digit_timeout: opt(nonNegative) })),
    speech: opt(shape({
      end_silence_timeout: opt(nonNegative),
      speech_timeout: opt(nonNegative),
      language: opt(string),
      hints: opt(arrayOf(string))
    })),
    partial_results: opt(boolean),
    continuous: opt(boolean),
    send_start_of_input: opt(boolean),
    start_input_timers: opt(boolean)
  }, p)
  if (problem !== undefined) return problem
  return v.digits === undefined && v.speech === undefined ? `${p === "" ? "params" : p} needs digits, speech or both` : undefined
}

export const detectSpec = nested({
  machine: shape({
    initial_timeout: opt(nonNegative),
    end_silence_timeout: opt(nonNegative),
    machine_ready_timeout: opt(nonNegative),
    machine_voice_threshold: opt(nonNegative),
    machine_words_threshold: opt(nonNegativeInt),
    detect_interruptions: opt(boolean),
    detect_message_end: opt(boolean)
  }),
  fax: shape({ tone: opt(oneOf("CED", "CNG")) }),
  digit: shape({ digits: opt(dtmf) })
})

export const recordSpec = shape({
  audio: req(shape({
    beep: opt(boolean),
    format: opt(oneOf("mp3", "wav")),
    stereo: opt(boolean),
    direction: opt(oneOf("listen", "speak", "both")),
    initial_timeout: opt(nonNegative),
    end_silence_timeout: opt(nonNegative),
    terminators: opt(string),
    input_sensitivity: opt(number)
  }))
})

export const tapSpec = shape({ type: req(oneOf("audio")), params: opt(shape({ direction: opt(oneOf("listen", "speak", "both")) })) })

export const tapDevice = nested({
  rtp: shape({ addr: req(nonEmpty), port: req(integer), codec: opt(string), ptime: opt(integer) }),
  ws: shape({ uri: req(wsUrl), codec: opt(string), rate: opt(integer) })
})

export const referDevice = nested({ sip: shape({ to: req(nonEmpty), username: opt(string), password: opt(string) }) })

/** An `action` object with exactly one of the allowed keys, whose value is an object (§9.10). */
export const singleAction = (...keys: ReadonlyArray<string>): Check => (v, p) => {
  if (!isObject(v)) return `${p} must be an object`
  const present = Object.keys(v)
  if (present.length !== 1 || !keys.includes(present[0]!)) return `${p} must have exactly one key: ${keys.join(", ")}`
  return object(v[present[0]!], `${p}.${present[0]!}`)
}
