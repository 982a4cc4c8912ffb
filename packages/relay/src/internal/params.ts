/**
 * The options of every call method, as Schemas over what users write (camelCase), and their
 * translation to wire params (snake_case). Validation happens before anything is sent: an invalid
 * option is an `InvalidRequest` naming the method and the offending path.
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Device from "../Device.js"
import * as Media from "../Media.js"
import { InvalidRequest } from "../RelayError.js"
import { invalidRequest } from "./issues.js"
import { JsonObject } from "../RelayFrame.js"

const opt = Schema.optional

/**
 * What users write for a time: any `Duration.DurationInput` ("5 seconds", `Duration.seconds(5)`,
 * `{ seconds: 5 }`; a bare number is milliseconds, as everywhere in Effect).
 */
export const DurationInput: Schema.Schema<Duration.DurationInput> = Schema.declare(
  (u: unknown): u is Duration.DurationInput =>
    // Effect reads a negative or NaN number (and "-5 seconds") as zero: refuse them instead.
    !(typeof u === "number" && !(u >= 0)) && !(typeof u === "string" && u.trimStart().startsWith("-")) &&
    Option.isSome(Duration.decodeUnknown(u)),
  {
    identifier: "DurationInput",
    message: () => "expected a non-negative Duration such as \"5 seconds\" or Duration.seconds(5) (a bare number is milliseconds)"
  }
)

/** A time as users write it (a `DurationInput`), as the wire has it: a number of seconds. */
export const Seconds = Schema.transform(DurationInput, Schema.Number.pipe(Schema.finite(), Schema.nonNegative()), {
  strict: true,
  decode: (input) => Duration.toSeconds(Duration.decode(input)),
  encode: (seconds) => Duration.seconds(seconds)
})

/** An optional field users write as `camel`, decoded (for the wire) under the struct's key. */
const from = <S extends Schema.Schema.All, const K extends string>(schema: S, camel: K) =>
  opt(schema).pipe(Schema.fromKey(camel))
export const Volume = Schema.Number.pipe(Schema.between(-40, 40))
export const Url = Schema.String.pipe(
  Schema.filter((s) => /^https?:\/\/\S+$/.test(s), { message: () => "expected an http(s) URL" })
)
const WsUrl = Schema.String.pipe(
  Schema.filter((s) => /^wss?:\/\/\S+$/.test(s), { message: () => "expected a ws:// or wss:// URL" })
)
const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())
const Direction = Schema.Literal("listen", "speak", "both")
const StringBool = Schema.Union(Schema.Literal("true", "false"), Schema.NonEmptyString)

export const DtmfDigits = Schema.String.pipe(
  Schema.pattern(/^[0-9#*A-DwW]+$/, { message: () => "expected DTMF digits: 0-9 # * A-D, w and W pauses" })
)

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

type OptionalFields<F extends Record<string, Schema.Schema.All>> = { readonly [K in keyof F]: Schema.optional<F[K]> }

/** What every options object also accepts: wire keys sent verbatim, for fields newer than this SDK. */
const extraField = { extra: opt(JsonObject) }

/** Just the translation, for code that does not care about the options' type. */
export interface Wire {
  readonly toWire: (method: string, input: unknown) => Either.Either<JsonObject, InvalidRequest>
}

export interface OptionsCodec<Input> {
  /** From the options as users write them (`Encoded`: camelCase, `Duration`s) to wire values. */
  readonly schema: Schema.Schema<unknown, Input>
  readonly toWire: (method: string, input: unknown) => Either.Either<JsonObject, InvalidRequest>
}

/**
 * Options made of the given fields, each optional. Wire names are the snake_case of the field
 * names unless `rename` says otherwise; `undefined` values are left out.
 */
export const options = <F extends Record<string, Schema.Schema.All>>(
  fields: F,
  rename: Partial<Record<keyof F & string, string>> = {}
): OptionsCodec<Schema.Struct.Encoded<OptionalFields<F> & typeof extraField>> => {
  const optionalFields = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, opt(s as Schema.Schema.Any)]))
  const schema = Schema.Struct({ ...optionalFields, ...extraField }) as unknown as Schema.Schema<
    unknown,
    Schema.Struct.Encoded<OptionalFields<F> & typeof extraField>
  >
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })
  const names = new Map(Object.keys(fields).map((k) => [k, (rename as Record<string, string>)[k] ?? snake(k)]))
  return {
    schema,
    toWire: (method, input) => {
      // No options (`call.answer()`, `call.hangup()`): every field is optional, so `{}` decodes to
      // `{}`; the schema is not run for it (each answer and hang-up of the call bench is one).
      if (input === undefined || input === null) return Either.right({})
      const decoded = decode(input)
      if (Either.isLeft(decoded)) {
        return Either.left(invalidRequest(method, decoded.left))
      }
      const out: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(decoded.right as Record<string, unknown>)) {
        if (value === undefined || key === "extra" || key === "controlId") continue
        out[names.get(key) ?? key] = value
      }
      const extra = (decoded.right as { readonly extra?: JsonObject }).extra
      return Either.right(extra === undefined ? out : { ...out, ...extra })
    }
  }
}

/** Validates one value against a schema; the failure names the method and the argument. */
export const check = <A, I>(schema: Schema.Schema<A, I>, method: string, what: string) => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })
  return (input: unknown): Either.Either<A, InvalidRequest> =>
    Either.mapLeft(decode(input), (error) => invalidRequest(method, error, what))
}

const controlIdField = { controlId: Schema.NonEmptyString }

/**
 * Options of a method that starts an action: also `controlId`, the action's id (default: a fresh
 * UUID), which is sent as `control_id` by the action machinery rather than as an option.
 */
export const actionOptions = <F extends Record<string, Schema.Schema.All>>(
  fields: F,
  rename: Partial<Record<keyof F & string, string>> = {}
) => options<F & typeof controlIdField>({ ...fields, ...controlIdField }, rename)

/** The `controlId` of action options, when one was given (the options are validated separately). */
export const controlIdOf = (input: unknown): string | undefined =>
  typeof input === "object" && input !== null && "controlId" in input && typeof input.controlId === "string" &&
    input.controlId.length > 0
    ? input.controlId
    : undefined

/**
 * The wire params of a method with one leading argument: the argument, checked against `schema`
 * (errors name it `what`), under the wire key `key`, then the translated options (if any).
 */
export const leading = <A, I>(
  method: string,
  what: string,
  key: string,
  schema: Schema.Schema<A, I>,
  value: unknown,
  codec?: Wire,
  options?: unknown
): Either.Either<JsonObject, InvalidRequest> =>
  Either.flatMap(check(schema, method, what)(value), (checked) =>
    codec === undefined
      ? Either.right({ [key]: checked })
      : Either.map(codec.toWire(method, options), (rest) => ({ [key]: checked, ...rest })))

export const answer = options({ codecs: Schema.Array(Schema.NonEmptyString), maxDuration: Seconds })

export const EndReason = Schema.Literal("hangup", "cancel", "busy", "noAnswer", "decline", "error")

const playFields = { volume: Volume, direction: Direction, loop: NonNegativeInt, statusUrl: Url }
export const play = actionOptions(playFields)
export const playTts = actionOptions({
  ...playFields,
  language: Schema.NonEmptyString,
  gender: Schema.Literal("male", "female"),
  voice: Schema.NonEmptyString
})

export const record = actionOptions({
  beep: Schema.Boolean,
  format: Schema.Literal("mp3", "wav"),
  stereo: Schema.Boolean,
  direction: Direction,
  initialTimeout: Seconds,
  endSilenceTimeout: Seconds,
  terminators: Schema.String,
  inputSensitivity: Schema.Int.pipe(Schema.between(0, 100)),
  statusUrl: Url
})

const DigitsSpec = Schema.Struct({
  max: Schema.Int.pipe(Schema.positive()),
  terminators: opt(Schema.String),
  digit_timeout: from(Seconds, "digitTimeout")
})
const SpeechSpec = Schema.Struct({
  end_silence_timeout: from(Seconds, "endSilenceTimeout"),
  speech_timeout: from(Seconds, "speechTimeout"),
  language: opt(Schema.NonEmptyString),
  hints: opt(Schema.Array(Schema.String)),
  engine: opt(Schema.NonEmptyString),
  model: opt(Schema.NonEmptyString)
})

/**
 * The collect object of play_and_collect (PROTOCOL.md §8.4): digits and/or speech. Users write
 * camelCase and `Duration`s; it decodes to the wire form (snake_case, seconds).
 */
export const CollectSpec = Schema.Struct({
  initial_timeout: from(Seconds, "initialTimeout"),
  digits: opt(DigitsSpec),
  speech: opt(SpeechSpec)
}).pipe(
  Schema.filter((c) => c.digits !== undefined || c.speech !== undefined, {
    message: () => "a collect needs digits, speech or both"
  })
)

export const playAndCollect = actionOptions({ volume: Volume, statusUrl: Url })
export const promptTts = actionOptions({
  volume: Volume,
  statusUrl: Url,
  language: Schema.NonEmptyString,
  gender: Schema.Literal("male", "female"),
  voice: Schema.NonEmptyString
})

const collectCodec = actionOptions({
  digits: DigitsSpec,
  speech: SpeechSpec,
  initialTimeout: Seconds,
  partialResults: Schema.Boolean,
  continuous: Schema.Boolean,
  sendStartOfInput: Schema.Boolean,
  startInputTimers: Schema.Boolean,
  statusUrl: Url
})
export const collect: typeof collectCodec = {
  schema: collectCodec.schema,
  toWire: (method, input) =>
    Either.flatMap(collectCodec.toWire(method, input), (wire) =>
      wire.digits === undefined && wire.speech === undefined
        ? Either.left(new InvalidRequest({ method, reason: "a collect needs digits, speech or both" }))
        : Either.right(wire))
}

export const bindDigit = options({
  params: JsonObject,
  realm: Schema.NonEmptyString,
  maxTriggers: NonNegativeInt
})

/** The detect object (PROTOCOL.md §8.5): camelCase and `Duration`s in, the wire form out. */
export const DetectSpec = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("machine"),
    params: opt(Schema.Struct({
      initial_timeout: from(Seconds, "initialTimeout"),
      end_silence_timeout: from(Seconds, "endSilenceTimeout"),
      machine_ready_timeout: from(Seconds, "machineReadyTimeout"),
      machine_voice_threshold: from(Seconds, "machineVoiceThreshold"),
      machine_words_threshold: from(NonNegativeInt, "machineWordsThreshold"),
      detect_interruptions: from(Schema.Boolean, "detectInterruptions"),
      detect_message_end: from(Schema.Boolean, "detectMessageEnd")
    }))
  }),
  Schema.Struct({ type: Schema.Literal("fax"), params: opt(Schema.Struct({ tone: opt(Schema.Literal("CED", "CNG")) })) }),
  Schema.Struct({ type: Schema.Literal("digit"), params: opt(Schema.Struct({ digits: opt(DtmfDigits) })) })
)

export const detect = actionOptions({ timeout: Seconds, statusUrl: Url })
export const detectMachine = actionOptions({
  initialTimeout: Seconds,
  endSilenceTimeout: Seconds,
  machineReadyTimeout: Seconds,
  machineVoiceThreshold: Seconds,
  machineWordsThreshold: NonNegativeInt,
  detectInterruptions: Schema.Boolean,
  detectMessageEnd: Schema.Boolean,
  timeout: Seconds,
  statusUrl: Url
})
export const detectFax = actionOptions({ tone: Schema.Literal("CED", "CNG"), timeout: Seconds, statusUrl: Url })
export const detectDigit = actionOptions({ digits: DtmfDigits, timeout: Seconds, statusUrl: Url })

export const connect = options({
  ringback: Schema.Array(Media.Media),
  tag: Schema.NonEmptyString,
  maxDuration: Seconds,
  maxPricePerMinute: Schema.Number.pipe(Schema.positive()),
  statusUrl: Url
})

export const ReferDevice = Schema.Struct({
  type: Schema.Literal("sip"),
  params: Schema.Struct({
    to: Schema.String.pipe(Schema.pattern(/^sips?:\S+$/, { message: () => "expected a SIP URI" })),
    username: opt(Schema.String),
    password: opt(Schema.String)
  })
})
export const refer = options({ statusUrl: Url })

export const TapSpec = Schema.Struct({
  type: Schema.Literal("audio"),
  params: opt(Schema.Struct({ direction: opt(Direction) }))
})
export const TapDevice = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("rtp"),
    params: Schema.Struct({
      addr: Schema.String.pipe(Schema.pattern(/^\d{1,3}(\.\d{1,3}){3}$/, { message: () => "expected an IPv4 address" })),
      port: Schema.Int.pipe(Schema.between(1, 65535)),
      codec: opt(Schema.NonEmptyString),
      ptime: opt(Schema.Int.pipe(Schema.positive()))
    })
  }),
  Schema.Struct({
    type: Schema.Literal("ws"),
    params: Schema.Struct({ uri: WsUrl, codec: opt(Schema.NonEmptyString), rate: opt(Schema.Int.pipe(Schema.positive())) })
  })
)
export const tap = actionOptions({ statusUrl: Url })

export const stream = actionOptions({
  name: Schema.String,
  codec: Schema.NonEmptyString,
  track: Schema.Literal("inbound_track", "outbound_track", "both_tracks"),
  statusUrl: Url,
  statusUrlMethod: Schema.Literal("GET", "POST"),
  authorizationBearerToken: Schema.String,
  customParameters: JsonObject
})
export const StreamUrl = WsUrl

export const sendFax = actionOptions({ identity: Schema.String, headerInfo: Schema.String, statusUrl: Url })
export const receiveFax = actionOptions({ statusUrl: Url })

export const pay = actionOptions({
  inputMethod: Schema.Literal("dtmf"),
  statusUrl: Url,
  paymentMethod: Schema.Literal("credit-card"),
  timeout: Schema.String.pipe(Schema.pattern(/^\d+$/)),
  maxAttempts: Schema.String.pipe(Schema.pattern(/^\d+$/)),
  securityCode: Schema.Literal("true", "false"),
  postalCode: StringBool,
  minPostalCodeLength: Schema.String.pipe(Schema.pattern(/^\d+$/)),
  tokenType: Schema.Literal("one-time", "reusable"),
  chargeAmount: Schema.String.pipe(Schema.pattern(/^\d+(\.\d{1,2})?$/, { message: () => "expected a decimal amount such as 25.99" })),
  currency: Schema.NonEmptyString,
  language: Schema.NonEmptyString,
  voice: Schema.NonEmptyString,
  description: Schema.String,
  validCardTypes: Schema.String,
  parameters: Schema.Array(Schema.Struct({ name: Schema.String, value: Schema.String })),
  prompts: Schema.Array(JsonObject)
}, { inputMethod: "input" })

export const transcribe = actionOptions({ statusUrl: Url })

export const LiveTranscribeAction = Schema.Union(
  Schema.Struct({ start: JsonObject }),
  Schema.Struct({ stop: JsonObject }),
  Schema.Struct({ summarize: JsonObject })
)
export const LiveTranslateAction = Schema.Union(
  Schema.Struct({ start: JsonObject }),
  Schema.Struct({ stop: JsonObject }),
  Schema.Struct({ summarize: JsonObject }),
  Schema.Struct({ inject: JsonObject })
)
export const liveTranslate = options({ statusUrl: Url })

const Toggle = Schema.Literal("true", "false", "onEnter", "onExit")
const Method = Schema.Literal("GET", "POST")
export const joinConference = options({
  muted: Schema.Boolean,
  beep: Toggle,
  startOnEnter: Schema.Boolean,
  endOnExit: Schema.Boolean,
  waitUrl: Url,
  maxParticipants: Schema.Int.pipe(Schema.between(1, 250)),
  record: Schema.Literal("do-not-record", "record-from-start"),
  region: Schema.Literal("global", "us", "eu"),
  trim: Schema.Literal("trim-silence", "do-not-trim"),
  coach: Schema.NonEmptyString,
  statusCallback: Url,
  statusCallbackEvent: Schema.String,
  statusCallbackEventType: Schema.Literal("relay", "cxml"),
  statusCallbackMethod: Method,
  recordingStatusCallback: Url,
  recordingStatusCallbackEvent: Schema.Literal("in-progress", "completed", "absent"),
  recordingStatusCallbackEventType: Schema.Literal("relay", "cxml"),
  recordingStatusCallbackMethod: Method,
  stream: JsonObject
})
export const joinRoom = options({ statusUrl: Url })
export const queueEnter = actionOptions({ statusUrl: Url, waitUrl: Url })
export const queueLeave = actionOptions({ queueId: Schema.NonEmptyString, statusUrl: Url })
export const echo = options({ timeout: Seconds, statusUrl: Url })

const AiPrompt = Schema.Struct({
  text: Schema.String,
  top_p: opt(Schema.Number),
  temperature: opt(Schema.Number),
  confidence: opt(Schema.Number),
  barge_confidence: opt(Schema.Number),
  presence_penalty: opt(Schema.Number),
  frequency_penalty: opt(Schema.Number),
  model: opt(Schema.String)
})
export const ai = actionOptions({
  agent: Schema.NonEmptyString,
  prompt: AiPrompt,
  postPrompt: AiPrompt,
  postPromptUrl: Url,
  postPromptAuthUser: Schema.String,
  postPromptAuthPassword: Schema.String,
  globalData: JsonObject,
  pronounce: Schema.Union(JsonObject, Schema.Array(JsonObject)),
  hints: Schema.Union(JsonObject, Schema.Array(Schema.String)),
  languages: Schema.Union(JsonObject, Schema.Array(JsonObject)),
  SWAIG: JsonObject,
  aiParams: JsonObject
}, { SWAIG: "SWAIG", aiParams: "params" })
export const amazonBedrock = options({
  prompt: Schema.Union(Schema.String, JsonObject),
  SWAIG: JsonObject,
  aiParams: JsonObject,
  globalData: JsonObject,
  postPrompt: JsonObject,
  postPromptUrl: Url
}, { SWAIG: "SWAIG", aiParams: "params" })
export const aiMessage = options({
  messageText: Schema.String,
  role: Schema.Literal("system", "user", "assistant"),
  reset: Schema.Struct({
    full_reset: opt(Schema.Boolean),
    user_prompt: opt(Schema.String),
    system_prompt: opt(Schema.String)
  }),
  globalData: JsonObject
})
export const aiHold = options({ timeout: Schema.String.pipe(Schema.pattern(/^\d+$/)), prompt: Schema.String })
export const aiUnhold = options({ prompt: Schema.String })

export const dial = options({
  region: Schema.NonEmptyString,
  maxPricePerMinute: Schema.Number.pipe(Schema.positive()),
  maxDuration: Seconds
})

export const dialPlan = check(Device.DialPlan, "calling.dial", "devices")
export const connectPlan = check(Device.ConnectPlan, "calling.connect", "devices")
export const playlist = (method: string) => check(Media.Playlist, method, "media")

export const BindMethod = Schema.String.pipe(
  Schema.pattern(/^calling\.[a-z_.]+$/, { message: () => "expected a calling.* method such as calling.play" })
)
export const TransferDest = Schema.NonEmptyString
export const Name = Schema.NonEmptyString
export const UserEvent = Schema.Union(Schema.Undefined, Schema.String, JsonObject)
