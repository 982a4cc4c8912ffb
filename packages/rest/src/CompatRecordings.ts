/**
 * Compat (LaML) recordings and transcriptions:
 * `/api/laml/2010-04-01/Accounts/{AccountSid}/Recordings` and `/Transcriptions` (list, get,
 * delete).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, pageParams, SidPath } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

/**
 * A recording of a call or a conference (`sid` is the recording id of the relay-REST API too).
 *
 * @example
 * ```ts
 * import type { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const seconds = (r: CompatRecordings.Recording) => r.duration
 * ```
 * @since 0.1.0
 */
export const Recording = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  call_sid: nullable(Schema.String),
  conference_sid: nullable(Schema.String),
  channels: nullable(Schema.Union(Schema.String, Schema.Number)),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  start_time: nullable(Schema.String),
  end_time: nullable(Schema.String),
  duration: nullable(Schema.Union(Schema.Number, Schema.String)),
  price: nullable(Schema.Union(Schema.String, Schema.Number)),
  price_unit: nullable(Schema.String),
  source: nullable(Schema.String),
  status: Schema.String,
  error_code: nullable(Schema.Union(Schema.String, Schema.Number)),
  uri: nullable(Schema.String),
  subresource_uris: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
}, Extra)

/**
 * A decoded {@link Recording}.
 *
 * @example
 * ```ts
 * import type { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const sid = (r: CompatRecordings.Recording) => r.sid
 * ```
 * @since 0.1.0
 */
export type Recording = typeof Recording.Type

/**
 * The filters of the recording list.
 *
 * @example
 * ```ts
 * import { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatRecordings.ListParams.Type = { CallSid: "6fcb…" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  CallSid: Schema.optional(Schema.String),
  ConferenceSid: Schema.optional(Schema.String),
  DateCreated: Schema.optional(Schema.String),
  "DateCreated<": Schema.optional(Schema.String),
  "DateCreated>": Schema.optional(Schema.String),
  ...pageParams
})

/**
 * A transcription of a recording.
 *
 * @example
 * ```ts
 * import type { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const text = (t: CompatRecordings.Transcription) => t.transcription_text
 * ```
 * @since 0.1.0
 */
export const Transcription = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  recording_sid: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  duration: nullable(Schema.Union(Schema.Number, Schema.String)),
  price: nullable(Schema.Union(Schema.String, Schema.Number)),
  price_unit: nullable(Schema.String),
  status: nullable(Schema.String),
  transcription_text: nullable(Schema.String),
  type: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Transcription}.
 *
 * @example
 * ```ts
 * import type { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const sid = (t: CompatRecordings.Transcription) => t.sid
 * ```
 * @since 0.1.0
 */
export type Transcription = typeof Transcription.Type

/**
 * The filters of the transcription list.
 *
 * @example
 * ```ts
 * import { CompatRecordings } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatRecordings.TranscriptionListParams.Type = { PageSize: 10 }
 * ```
 * @since 0.1.0
 */
export const TranscriptionListParams = Schema.Struct({
  DateCreated: Schema.optional(Schema.String),
  "DateCreated<": Schema.optional(Schema.String),
  "DateCreated>": Schema.optional(Schema.String),
  ...pageParams
})

const recordings = `${ACCOUNT}/Recordings`
const transcriptions = `${ACCOUNT}/Transcriptions`

/**
 * The `compatRecordings` group.
 *
 * @example
 * ```ts
 * import { CompatRecordings } from "@signalwire-effect/rest"
 *
 * CompatRecordings.group.identifier // "compatRecordings"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatRecordings")
  .add(
    HttpApiEndpoint.get("list", recordings).setPath(AccountPath).setUrlParams(ListParams).addSuccess(CompatPage("recordings", Recording))
  )
  .add(HttpApiEndpoint.get("get", `${recordings}/:Sid`).setPath(SidPath).addSuccess(Recording))
  .add(HttpApiEndpoint.del("delete", `${recordings}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The `compatTranscriptions` group.
 *
 * @example
 * ```ts
 * import { CompatRecordings } from "@signalwire-effect/rest"
 *
 * CompatRecordings.transcriptionsGroup.identifier // "compatTranscriptions"
 * ```
 * @since 0.1.0
 */
export const transcriptionsGroup = HttpApiGroup.make("compatTranscriptions")
  .add(
    HttpApiEndpoint.get("list", transcriptions)
      .setPath(AccountPath)
      .setUrlParams(TranscriptionListParams)
      .addSuccess(CompatPage("transcriptions", Transcription))
  )
  .add(HttpApiEndpoint.get("get", `${transcriptions}/:Sid`).setPath(SidPath).addSuccess(Transcription))
  .add(HttpApiEndpoint.del("delete", `${transcriptions}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
