/**
 * The reference SDK's flat convenience forms, folded into the nested `{type, params}` wire form
 * before anything reaches the core (`@signalwire-effect/relay` PROTOCOL.md §8.1): every key but `type` goes into
 * `params`; already-nested items pass unchanged; flat phone devices rename `to` → `to_number` and
 * `from` → `from_number` (unless those keys exist). SIP / WebRTC `to` / `from` stay as they are.
 */

import * as Duration from "effect/Duration"

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const nest = (item: Json, rename: (params: Json) => Json = (params) => params): Json => {
  if (isObject(item.params)) return item
  const { type, ...rest } = item
  return { type, params: rename(rest) }
}

const phoneNames = (params: Json): Json => {
  const { from, to, ...rest } = params
  return {
    ...rest,
    ...(to === undefined || "to_number" in params ? {} : { to_number: to }),
    ...(from === undefined || "from_number" in params ? {} : { from_number: from })
  }
}

/** One media item (`play`, `play_and_collect`, `connect.ringback`). */
export const normalizePlayItem = (item: unknown): unknown => (isObject(item) ? nest(item) : item)

/** A media item or a list of them, always as a list. */
export const normalizePlayItems = (media: unknown): Array<unknown> =>
  (Array.isArray(media) ? media : [media]).map(normalizePlayItem)

/** One device (`dial`, `connect`, `refer`, `tap`). */
export const normalizeDevice = (device: unknown): unknown =>
  isObject(device) ? nest(device, device.type === "phone" ? phoneNames : undefined) : device

/**
 * A device plan: outer = serial groups, inner = devices rung in parallel. A device given where a
 * group is expected is a group of its own.
 */
export const normalizeDevicePlan = (devices: unknown): Array<Array<unknown>> =>
  (Array.isArray(devices) ? devices : [devices]).map((group) =>
    Array.isArray(group) ? group.map(normalizeDevice) : [normalizeDevice(group)]
  )

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/**
 * Splits a wire-form object (snake_case, as the reference passes it through) into the core's
 * camelCase options for the `known` names, and `extra` for every other key (sent verbatim).
 */
export const toCoreOptions = (wire: Json | undefined, known: ReadonlyArray<string>): Json => {
  const out: Json = {}
  const extra: Json = {}
  for (const [key, value] of Object.entries(wire ?? {})) {
    if (value === undefined) continue
    const name = camel(key)
    if (known.includes(name)) out[name] = value
    else extra[key] = value
  }
  return Object.keys(extra).length === 0 ? out : { ...out, extra }
}

/** Drops `undefined` values (the core never sends them either, this keeps frames and logs tidy). */
export const defined = (options: Json): Json => {
  const out: Json = {}
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value
  return out
}

export const isEmptyObject = (value: Json | undefined): boolean => value === undefined || Object.keys(value).length === 0

/** The keys of `options` that are set, among `keys`. */
export const pick = (options: object | undefined, keys: ReadonlyArray<string>): Json => {
  const out: Json = {}
  if (options === undefined) return out
  for (const key of keys) {
    const value = (options as Json)[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

export const hasKeys = (value: object | undefined): value is Json => value !== undefined && Object.keys(value).length > 0

/** The reference's `controlId` option, passed to the core (which generates one when absent). */
export const withControlId = <O extends object>(core: O, options: object | undefined): O => {
  const controlId = options === undefined ? undefined : (options as Json).controlId
  return typeof controlId === "string" ? { ...core, controlId } : core
}

/** The core's time options (camelCase): `Duration`s there, numbers of seconds in the reference. */
const TIME_KEYS: ReadonlySet<string> = new Set([
  "initialTimeout",
  "endSilenceTimeout",
  "digitTimeout",
  "speechTimeout",
  "machineReadyTimeout",
  "machineVoiceThreshold",
  "timeout",
  "maxDuration"
])

/**
 * The reference counts times in seconds; the core takes `Duration`s, where a bare number would be
 * milliseconds. Turns the numbers under the core's time keys into `Duration.seconds`.
 */
export const seconds = (options: Json): Json => {
  const out: Json = {}
  for (const [key, value] of Object.entries(options)) {
    out[key] = TIME_KEYS.has(key) && typeof value === "number" ? Duration.seconds(value) : value
  }
  return out
}

/**
 * A wire-form object as the reference passes it (snake_case, seconds: a collect or detect object)
 * in the core's form (camelCase, `Duration`s), nested objects included; lists stay as they are.
 */
export const coreForm = (wire: Json): Json => {
  const out: Json = {}
  for (const [key, value] of Object.entries(wire)) {
    if (value === undefined) continue
    out[camel(key)] = isObject(value) ? coreForm(value) : value
  }
  return seconds(out)
}
