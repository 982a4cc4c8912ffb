/**
 * The calling verbs whose configuration never contains other instructions. The verbs that do
 * (`cond`, `switch`, `execute`, `connect`, `join_conference`, `ai`, `amazon_bedrock`) are
 * assembled in `document.ts` from the field sets exported here.
 *
 * Field names, types and ranges follow SignalWire's published SWML schema (calling variant).
 */
import * as Schema from "effect/Schema"
import {
  boolVar,
  CallbackMethod,
  EmptyObject,
  HttpMethod,
  Int,
  intVar,
  JsonObject,
  JsonValue,
  Num,
  numVar,
  oneOrMany,
  opt,
  Str,
  StringRecord,
  SwmlVar
} from "./primitives.js"

/** A media URL: http(s) file, `say:` text, `silence:` seconds, `ring:` tone, or a variable. */
export const MediaUrl = Schema.String.pipe(
  Schema.pattern(/^(https?:\/\/.*|say: ?.*|silence: ?[0-9.]*|ring: ?([0-9.]*: ?)?[a-zA-Z]{2}|[$%]\{.*\})$/)
).annotations({ identifier: "MediaUrl", description: "http(s) URL, say:, silence:, ring: or a variable" })

const sayFields = {
  say_voice: opt(Str),
  say_language: opt(Str),
  say_gender: opt(Str)
}

export const Answer = Schema.Struct({
  max_duration: opt(intVar()),
  codecs: opt(Str),
  username: opt(Str),
  password: opt(Str)
})

export const Empty = EmptyObject

export const DetectMachine = Schema.Struct({
  detect_message_end: opt(boolVar),
  detectors: opt(Str),
  end_silence_timeout: opt(numVar({ min: 0 })),
  initial_timeout: opt(numVar({ min: 0 })),
  machine_ready_timeout: opt(numVar({ min: 0 })),
  machine_voice_threshold: opt(numVar({ min: 0 })),
  machine_words_threshold: opt(intVar({ min: 0 })),
  status_url: opt(Str),
  timeout: opt(numVar({ min: 0 })),
  tone: opt(Schema.Literal("CED", "CNG")),
  wait: opt(boolVar)
})

export const EnterQueue = Schema.Struct({
  queue_name: Str,
  transfer_after_bridge: Str,
  status_url: opt(Str),
  wait_url: opt(Str),
  wait_time: opt(intVar({ min: 1 }))
})

export const Goto = Schema.Struct({ label: Str, when: opt(Str), max: opt(intVar({ min: 1, max: 100 })) })

export const Hangup = Schema.Struct({ reason: opt(Schema.Literal("hangup", "busy", "decline")) })

export const JoinRoom = Schema.Struct({ name: Str })

export const Label = Str

const CallerSide = Schema.Literal("remote-caller", "local-caller")
const SpeechEngine = Schema.Literal("deepgram", "google")
const Summarize = Schema.Union(
  Schema.Struct({ summarize: Schema.Struct({ webhook: opt(Str), prompt: opt(Str) }) }),
  Schema.Literal("summarize")
)
const liveFields = {
  webhook: opt(Str),
  live_events: opt(boolVar),
  ai_summary: opt(boolVar),
  speech_timeout: opt(intVar()),
  vad_silence_ms: opt(intVar()),
  vad_thresh: opt(intVar()),
  debug_level: opt(intVar()),
  direction: Schema.Array(CallerSide),
  speech_engine: opt(SpeechEngine),
  ai_summary_prompt: opt(Str)
}

export const LiveTranscribe = Schema.Struct({
  action: Schema.Union(
    Schema.Struct({ start: Schema.Struct({ ...liveFields, lang: Str }) }),
    Schema.Literal("stop"),
    Summarize
  )
})

const TranslationFilter = Schema.Union(
  Schema.Literal("polite", "rude", "professional", "shakespeare", "gen-z"),
  Schema.String.pipe(Schema.pattern(/^prompt:.+$/))
)

export const LiveTranslate = Schema.Struct({
  action: Schema.Union(
    Schema.Struct({
      start: Schema.Struct({
        ...liveFields,
        from_lang: Str,
        to_lang: Str,
        from_voice: opt(Str),
        to_voice: opt(Str),
        filter_from: opt(TranslationFilter),
        filter_to: opt(TranslationFilter)
      })
    }),
    Schema.Literal("stop"),
    Summarize,
    Schema.Struct({ inject: Schema.Struct({ message: Str, direction: CallerSide }) })
  )
})

export const PayPromptAction = Schema.Union(
  Schema.Struct({ type: Schema.Literal("Say"), phrase: Str }),
  Schema.Struct({ type: Schema.Literal("Play"), phrase: Schema.String.pipe(Schema.pattern(/^(http|https):\/\//)) })
)

export const PayPrompt = Schema.Struct({
  for: Str,
  actions: Schema.Array(PayPromptAction),
  attempts: opt(Str),
  card_type: opt(Str),
  error_type: opt(Str)
})

export const NameValue = Schema.Struct({ name: Str, value: Str })

export const Pay = Schema.Struct({
  payment_connector_url: Str,
  charge_amount: opt(Str),
  currency: opt(Str),
  description: opt(Str),
  input: opt(Schema.Literal("dtmf")),
  language: opt(Str),
  max_attempts: opt(intVar()),
  min_postal_code_length: opt(intVar()),
  parameters: opt(Schema.Array(NameValue)),
  payment_method: opt(Schema.Literal("credit-card")),
  postal_code: opt(Schema.Union(Schema.Boolean, Str)),
  prompts: opt(Schema.Array(PayPrompt)),
  security_code: opt(boolVar),
  status_url: opt(Str),
  timeout: opt(intVar()),
  token_type: opt(Schema.Literal("one-time", "reusable")),
  valid_card_types: opt(Str),
  voice: opt(Str)
})

const playFields = {
  auto_answer: opt(boolVar),
  volume: opt(numVar({ min: -40, max: 40 })),
  ...sayFields,
  status_url: opt(Str)
}

export const Play = Schema.Union(
  Schema.Struct({ ...playFields, url: MediaUrl }),
  Schema.Struct({ ...playFields, urls: Schema.Array(MediaUrl) })
)

export const Prompt = Schema.Struct({
  play: oneOrMany(MediaUrl),
  volume: opt(Num.pipe(Schema.between(-40, 40))),
  ...sayFields,
  max_digits: opt(intVar()),
  terminators: opt(Str),
  digit_timeout: opt(numVar()),
  initial_timeout: opt(numVar()),
  speech_timeout: opt(numVar()),
  speech_end_timeout: opt(numVar()),
  speech_language: opt(Str),
  speech_hints: opt(Schema.Array(Str)),
  speech_engine: opt(Str),
  status_url: opt(Str)
})

export const StatusUrlOnly = Schema.Struct({ status_url: opt(Str) })

const recordFields = {
  stereo: opt(boolVar),
  format: opt(Schema.Literal("wav", "mp3", "mp4")),
  terminators: opt(Str),
  beep: opt(boolVar),
  input_sensitivity: opt(numVar()),
  initial_timeout: opt(numVar()),
  end_silence_timeout: opt(numVar()),
  max_length: opt(numVar()),
  status_url: opt(Str)
}

export const RecordVerb = Schema.Struct({ ...recordFields, direction: opt(Schema.Literal("speak", "listen")) })

export const RecordCall = Schema.Struct({
  ...recordFields,
  control_id: opt(Str),
  direction: opt(Schema.Literal("speak", "listen", "both"))
})

export const Request = Schema.Struct({
  url: Str,
  method: HttpMethod,
  headers: opt(JsonObject),
  body: opt(Schema.Union(Str, JsonObject)),
  timeout: opt(numVar()),
  connect_timeout: opt(numVar()),
  save_variables: opt(boolVar)
})

export const Return = JsonValue

export const SendDigits = Schema.Struct({ digits: Str })

export const SendFax = Schema.Struct({
  document: Str,
  header_info: opt(Str),
  identity: opt(Str),
  status_url: opt(Str)
})

const smsFields = {
  to_number: Str,
  from_number: Str,
  region: opt(Str),
  tags: opt(Schema.Array(Str)),
  status_callback: opt(Str)
}

export const SendSms = Schema.Union(
  Schema.Struct({ ...smsFields, body: Str }),
  Schema.Struct({ ...smsFields, media: Schema.Array(Str), body: opt(Str) })
)

export const SetVerb = JsonObject

export const Sleep = Schema.Union(Schema.Struct({ duration: intVar({ min: -1 }) }), Int, SwmlVar)

export const SipRefer = Schema.Struct({
  to_uri: Str,
  status_url: opt(Str),
  username: opt(Str),
  password: opt(Str)
})

export const ControlIdOnly = Schema.Struct({ control_id: opt(Str) })

/** Fields of a media stream (the `stream` verb and `join_conference.stream`). */
export const streamFields = {
  url: Str,
  name: opt(Str),
  codec: opt(Str),
  status_url: opt(Str),
  status_url_method: opt(CallbackMethod),
  authorization_bearer_token: opt(Str),
  custom_parameters: opt(StringRecord)
}

export const Stream = Schema.Struct({
  ...streamFields,
  control_id: opt(Str),
  track: opt(Schema.Literal("inbound_track", "outbound_track", "both_tracks"))
})

export const Tap = Schema.Struct({
  uri: Str,
  control_id: opt(Str),
  direction: opt(Schema.Literal("speak", "listen", "both")),
  codec: opt(Schema.Literal("PCMU", "PCMA")),
  rtp_ptime: opt(intVar()),
  status_url: opt(Str)
})

export const Transfer = Schema.Struct({ dest: Str, params: opt(JsonObject), meta: opt(JsonObject) })

export const Unset = oneOrMany(Str)

export const UserEvent = Schema.Struct({ event: JsonObject })

/** `join_conference` without `result` (which holds instructions). */
export const joinConferenceFields = {
  name: Str,
  muted: opt(boolVar),
  beep: opt(Schema.Literal("true", "false", "onEnter", "onExit")),
  start_on_enter: opt(boolVar),
  end_on_exit: opt(boolVar),
  wait_url: opt(Str),
  max_participants: opt(intVar({ min: 2, max: 100000 })),
  record: opt(Schema.Literal("do-not-record", "record-from-start")),
  region: opt(Schema.Literal("global", "us", "eu", "ch")),
  trim: opt(Schema.Literal("trim-silence", "do-not-trim")),
  coach: opt(Str),
  status_callback_event: opt(Str),
  status_callback_event_type: opt(Schema.Literal("cxml", "laml", "relay")),
  status_callback: opt(Str),
  status_callback_method: opt(CallbackMethod),
  recording_status_callback: opt(Str),
  recording_status_callback_method: opt(CallbackMethod),
  recording_status_callback_event: opt(Str),
  recording_status_callback_event_type: opt(Schema.Literal("cxml", "laml", "relay")),
  stream: opt(Schema.Struct(streamFields))
}

const CallState = Schema.Literal("created", "ringing", "answered", "ended")

/** Fields every `connect` form shares (besides `result` and `confirm`, which hold instructions). */
export const connectCommonFields = {
  from: opt(Str),
  from_name: opt(Str),
  headers: opt(Schema.Array(NameValue)),
  codecs: opt(Str),
  webrtc_media: opt(boolVar),
  session_timeout: opt(intVar({ min: 1 })),
  ringback: opt(Schema.Array(Str)),
  timeout: opt(intVar()),
  max_duration: opt(intVar()),
  answer_on_bridge: opt(boolVar),
  confirm_timeout: opt(intVar()),
  encryption: opt(Schema.Literal("mandatory", "optional", "forbidden")),
  call_state_url: opt(Str),
  transfer_after_bridge: opt(Str),
  call_state_events: opt(Schema.Array(CallState)),
  status_url: opt(Str)
}

/** Fields of one dialled destination (besides `confirm`). */
export const destinationFields = {
  to: Str,
  from: opt(Str),
  from_name: opt(Str),
  headers: opt(Schema.Array(NameValue)),
  codecs: opt(Str),
  webrtc_media: opt(boolVar),
  session_timeout: opt(intVar({ min: 1 })),
  username: opt(Str),
  password: opt(Str),
  timeout: opt(intVar()),
  call_state_events: opt(Schema.Array(CallState)),
  call_state_url: opt(Str),
  confirm_timeout: opt(intVar()),
  encryption: opt(Schema.Literal("mandatory", "optional", "forbidden")),
  name: opt(Str),
  codec: opt(Str),
  realtime: opt(boolVar),
  status_url_method: opt(CallbackMethod),
  authorization_bearer_token: opt(Str),
  custom_parameters: opt(StringRecord)
}
