/**
 * The `params` of each command of `POST /api/calling/calls`, with the platform's snake_case wire
 * names: media (play, record, collect, detect), services (tap, stream, transcribe, live
 * transcription / translation), AI (message, hold, sidecar) and call control (dial, update, end,
 * transfer, refer).
 */
import * as Schema from "effect/Schema"

const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const httpUrl = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))
const wsUrl = Schema.String.pipe(Schema.pattern(/^wss?:\/\/\S+$/i, { message: () => "a ws(s) URL" }))
const opt = Schema.optional
const direction = Schema.Literal("listen", "speak", "both")

/** `control_id`: names an operation so that its pause / resume / stop / volume can follow. */
export const controlId = { control_id: nonEmpty }
export const ControlOnly = Schema.Struct(controlId)
export const NoParams = Schema.Struct({})

/** A SWML document (JSON), as `dial`, `update` and `transfer` take it inline. */
export const Swml = Schema.Struct({
  version: opt(Schema.String),
  sections: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Unknown) })
}, Extra)

export const HangupReason = Schema.Literal("hangup", "cancel", "busy", "noAnswer", "decline", "error")

const codec = Schema.Literal(
  "OPUS",
  "OPUS@48000H@20I",
  "OPUS@24000H@20I",
  "OPUS@16000H@20I",
  "OPUS@8000H@20I",
  "G722",
  "PCMU",
  "PCMA",
  "G729",
  "VP8",
  "H264"
)

const dialBase = {
  from: nonEmpty,
  to: opt(nonEmpty),
  username: opt(Schema.String),
  password: opt(Schema.String),
  to_script: opt(Schema.Union(Schema.String, Swml)),
  caller_id: opt(Schema.String),
  fallback_url: opt(httpUrl),
  status_url: opt(httpUrl),
  status_events: opt(Schema.Array(Schema.Literal("created", "ringing", "answered", "ended"))),
  url_method: opt(Schema.Literal("GET", "POST")),
  codecs: opt(Schema.Union(Schema.Array(codec), Schema.String)),
  timeout: opt(Schema.Int.pipe(Schema.between(1, 600))),
  max_price_per_minute: opt(Schema.Number),
  send_digits: opt(Schema.String.pipe(Schema.pattern(/^[0-9A-Dw*#,]+$/))),
  region: opt(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  custom_variables: opt(Schema.Record({ key: Schema.String, value: Schema.String }))
}

/** `dial`: `from`, `to`, and the SWML the call runs, by `url` or inline `swml` (exactly one: never both). */
export const Dial = Schema.Union(
  Schema.Struct({ ...dialBase, url: httpUrl, swml: opt(Schema.Never) }),
  Schema.Struct({ ...dialBase, swml: Swml, url: opt(Schema.Never) })
)

const updateBase = {
  id: nonEmpty,
  fallback_url: opt(httpUrl),
  status: opt(Schema.Literal("canceled", "completed")),
  status_url: opt(httpUrl)
}

/** `update`: the call (`id`), a new dialplan (`url` or `swml`) and / or `status` to end it. */
export const Update = Schema.Union(
  Schema.Struct({ ...updateBase, url: httpUrl, swml: opt(Schema.Never) }),
  Schema.Struct({ ...updateBase, swml: Swml, url: opt(Schema.Never) }),
  Schema.Struct({ ...updateBase, status: Schema.Literal("canceled", "completed"), url: opt(Schema.Never), swml: opt(Schema.Never) })
)

const item = <T extends string, P extends Schema.Struct.Fields>(type: T, params: P) =>
  Schema.Struct({ type: Schema.Literal(type), params: Schema.Struct(params) })

const PlayItem = Schema.Union(
  item("audio", { url: httpUrl }),
  item("tts", {
    text: nonEmpty,
    language: opt(Schema.String),
    gender: opt(Schema.Literal("male", "female")),
    voice: opt(Schema.String)
  }),
  item("silence", { duration: Schema.Number.pipe(Schema.positive()) }),
  item("ringtone", { name: nonEmpty, duration: opt(Schema.Number.pipe(Schema.positive())) })
)

export const Play = Schema.Struct({
  ...controlId,
  play: Schema.Array(PlayItem).pipe(Schema.minItems(1)),
  volume: opt(Schema.Number.pipe(Schema.between(-40, 40))),
  direction: opt(direction),
  loop: opt(Schema.Int.pipe(Schema.nonNegative())),
  language: opt(Schema.String),
  voice: opt(Schema.String),
  gender: opt(Schema.Literal("male", "female")),
  status_url: opt(httpUrl)
})

export const PlayVolume = Schema.Struct({ ...controlId, volume: Schema.Number.pipe(Schema.between(-40, 40)) })

export const Record = Schema.Struct({
  ...controlId,
  record: Schema.Struct({
    audio: Schema.Struct({
      beep: opt(Schema.Boolean),
      format: opt(Schema.Literal("mp3", "wav", "mp4")),
      stereo: opt(Schema.Boolean),
      direction: opt(direction),
      initial_timeout: opt(Schema.Number.pipe(Schema.nonNegative())),
      end_silence_timeout: opt(Schema.Number.pipe(Schema.nonNegative())),
      max_length: opt(Schema.Int.pipe(Schema.nonNegative())),
      terminators: opt(Schema.String),
      input_sensitivity: opt(Schema.Number.pipe(Schema.between(0, 100)))
    })
  }),
  status_url: opt(httpUrl)
})

export const RecordPause = Schema.Struct({ ...controlId, behavior: opt(Schema.Literal("skip", "silence")) })

export const Collect = Schema.Struct({
  ...controlId,
  initial_timeout: opt(Schema.Number.pipe(Schema.nonNegative())),
  digits: opt(Schema.Struct({
    max: Schema.Int.pipe(Schema.positive()),
    terminators: opt(Schema.String),
    digit_timeout: opt(Schema.Number.pipe(Schema.nonNegative()))
  })),
  speech: opt(Schema.Struct({
    end_silence_timeout: opt(Schema.Number),
    speech_timeout: opt(Schema.Number),
    language: opt(Schema.String),
    hints: opt(Schema.Array(Schema.String)),
    model: opt(Schema.String),
    engine: opt(Schema.Literal("Google", "Google.V2", "Deepgram"))
  })),
  continuous: opt(Schema.Boolean),
  partial_results: opt(Schema.Boolean),
  send_start_of_input: opt(Schema.Boolean),
  start_input_timers: opt(Schema.Boolean),
  status_url: opt(httpUrl)
}).pipe(Schema.filter((p) => (p.digits === undefined && p.speech === undefined ? "give digits, speech or both" : undefined)))

export const Detect = Schema.Struct({
  ...controlId,
  detect: Schema.Union(
    Schema.Struct({
      type: Schema.Literal("machine"),
      params: opt(Schema.Struct({
        initial_timeout: opt(Schema.Number),
        end_silence_timeout: opt(Schema.Number),
        machine_ready_timeout: opt(Schema.Number),
        machine_voice_threshold: opt(Schema.Number),
        machine_words_threshold: opt(Schema.Int),
        detect_interruptions: opt(Schema.Boolean),
        detect_message_end: opt(Schema.Boolean)
      }))
    }),
    Schema.Struct({
      type: Schema.Literal("fax"),
      params: opt(Schema.Struct({ tone: opt(Schema.Literal("CNG", "CED", "cng", "ced")) }))
    }),
    Schema.Struct({ type: Schema.Literal("digit"), params: opt(Schema.Struct({ digits: opt(Schema.String) })) })
  ),
  timeout: opt(Schema.Number.pipe(Schema.nonNegative())),
  status_url: opt(httpUrl)
})

const tapCodec = Schema.Literal("PCMA", "PCMU", "pcma", "pcmu", "OPUS", "opus")

export const Tap = Schema.Struct({
  ...controlId,
  tap: Schema.Struct({ type: Schema.Literal("audio"), params: Schema.Struct({ direction }) }),
  device: Schema.Union(
    Schema.Struct({
      type: Schema.Literal("rtp"),
      params: Schema.Struct({
        addr: nonEmpty,
        port: Schema.Int.pipe(Schema.between(1, 65535)),
        codec: opt(tapCodec),
        ptime: opt(Schema.Literal(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120))
      })
    }),
    Schema.Struct({ type: Schema.Literal("ws"), params: Schema.Struct({ uri: wsUrl, codec: opt(tapCodec) }) })
  ),
  status_url: opt(httpUrl)
})

export const Stream = Schema.Struct({
  ...controlId,
  url: wsUrl,
  name: opt(Schema.String),
  codec: opt(Schema.String),
  track: opt(Schema.Literal("inbound_track", "outbound_track", "both_tracks")),
  authorization_bearer_token: opt(Schema.String),
  custom_parameters: opt(Extra),
  status_url: opt(httpUrl),
  status_url_method: opt(Schema.Literal("GET", "POST"))
})

export const Transcribe = Schema.Struct({ ...controlId, status_url: opt(httpUrl) })

const speech = {
  webhook: opt(Schema.String),
  live_events: opt(Schema.Boolean),
  ai_summary: opt(Schema.Boolean),
  ai_summary_prompt: opt(Schema.String),
  speech_engine: opt(Schema.String),
  speech_timeout: opt(Schema.Int),
  vad_silence_ms: opt(Schema.Int),
  vad_thresh: opt(Schema.Int),
  debug_level: opt(Schema.Int)
}
const transcribeDirection = Schema.Array(Schema.Literal("remote-caller", "local-caller"))
const summarize = Schema.Struct({
  summarize: Schema.Struct({ webhook: opt(Schema.String), prompt: opt(Schema.String) })
})

export const LiveTranscribe = Schema.Struct({
  action: Schema.Union(
    Schema.Struct({ start: Schema.Struct({ lang: nonEmpty, direction: transcribeDirection, ...speech }) }),
    summarize,
    Schema.Literal("stop")
  )
})

export const LiveTranslate = Schema.Struct({
  action: Schema.Union(
    Schema.Struct({
      start: Schema.Struct({
        from_lang: nonEmpty,
        to_lang: nonEmpty,
        direction: transcribeDirection,
        from_voice: opt(Schema.String),
        to_voice: opt(Schema.String),
        filter_from: opt(Schema.String),
        filter_to: opt(Schema.String),
        ...speech
      })
    }),
    summarize,
    Schema.Struct({
      inject: Schema.Struct({ message: nonEmpty, direction: Schema.Literal("remote-caller", "local-caller") })
    }),
    Schema.Literal("stop")
  ),
  status_url: opt(httpUrl)
})

export const AiMessage = Schema.Struct({
  role: opt(Schema.Literal("system", "user", "assistant")),
  message_text: opt(Schema.String),
  reset: opt(Schema.Struct({
    full_reset: opt(Schema.Boolean),
    user_prompt: opt(Schema.String),
    system_prompt: opt(Schema.String)
  })),
  global_data: opt(Extra)
})

/** The platform takes the hold timeout as a numeric string of seconds (an integer is refused). */
export const AiHold = Schema.Struct({
  timeout: opt(Schema.String.pipe(Schema.pattern(/^\d+$/, { message: () => "a numeric string of seconds" }))),
  prompt: opt(Schema.String)
})

export const AiStop = Schema.Struct({ control_id: opt(nonEmpty) })

/** `calling.ai_sidecar`: the body of the SWML `ai_sidecar` instruction. */
export const AiSidecar = Schema.Struct({
  prompt: opt(Schema.Union(Schema.String, Extra)),
  lang: nonEmpty,
  model: opt(Schema.String),
  direction: opt(transcribeDirection),
  customer_role: opt(Schema.Literal("remote-caller", "local-caller")),
  url: opt(httpUrl),
  SWAIG: opt(Extra),
  permissions: opt(Extra),
  global_data: opt(Extra),
  hints: opt(Schema.Array(Schema.String).pipe(Schema.minItems(1))),
  params: opt(Extra),
  action: opt(Schema.Struct({
    summarize: Schema.Struct({ webhook: opt(Schema.String), prompt: opt(Schema.String) })
  }))
})

export const SidecarText = Schema.Struct({ text: nonEmpty })

export const Refer = Schema.Struct({
  device: Schema.Struct({
    type: Schema.Literal("sip"),
    params: Schema.Struct({
      to: Schema.String.pipe(Schema.pattern(/^sips?:\S+$/, { message: () => "a sip: URI" })),
      from: opt(Schema.String),
      username: opt(Schema.String),
      password: opt(Schema.String)
    })
  }),
  status_url: opt(httpUrl)
})

export const Transfer = Schema.Struct({ dest: Schema.Union(nonEmpty, Swml) })

export const End = Schema.Struct({ reason: opt(HangupReason) })

export const UserEvent = Schema.Struct({ event: Extra })
