/**
 * `@signalwire-effect/sdk/relay`: the RELAY client alone — `RelayClient`, `Call`, the Action
 * classes, `Message`, the event classes, `RelayError`, the options types, the constants and the
 * `createDeferred` / `withTimeout` helpers — exactly as the root entry exports them, without
 * loading the REST client, the agents, SWML, skills, prefabs or LiveWire. A process that only
 * speaks RELAY starts with about half the heap of one importing the root entry (bench/README.md).
 *
 * ```ts
 * import { RelayClient } from "@signalwire-effect/sdk/relay"
 *
 * const client = new RelayClient({ contexts: ["office"] })
 * client.onCall(async (call) => {
 *   await call.answer()
 *   await call.hangup()
 * })
 * ```
 *
 * @since 0.1.0
 */
export {
  Action,
  AIAction,
  type CallLike,
  CollectAction,
  type CommandResult,
  type CompletedCallback,
  DetectAction,
  FaxAction,
  PayAction,
  PlayAction,
  RecordAction,
  StandaloneCollectAction,
  StreamAction,
  TapAction,
  TranscribeAction
} from "./Action.js"
export { Call } from "./Call.js"
export {
  type ActionOptions,
  type AIOptions,
  type CollectConfig,
  type CollectOptions,
  type ConnectOptions,
  type DetectAnsweringMachineOptions,
  type DetectOptions,
  type Device,
  type EventHandler,
  type FlatDeviceFields,
  type JoinConferenceOptions,
  type PayOptions,
  type PhoneDevice,
  type PlayAndCollectOptions,
  type PlayItem,
  type PlayOptions,
  type PlayRingtoneOptions,
  type PlayTTSOptions,
  type PromptTTSOptions,
  type QueueEnterOptions,
  type QueueLeaveOptions,
  type SendFaxOptions,
  type SipDevice,
  type StreamOptions,
  type TranscribeOptions
} from "./CallOptions.js"
export {
  CALL_STATE_ANSWERED,
  CALL_STATE_CREATED,
  CALL_STATE_ENDED,
  CALL_STATE_ENDING,
  CALL_STATE_RINGING,
  CONNECT_STATE_CONNECTED,
  CONNECT_STATE_CONNECTING,
  CONNECT_STATE_DISCONNECTED,
  CONNECT_STATE_FAILED,
  EVENT_CALL_COLLECT,
  EVENT_CALL_CONNECT,
  EVENT_CALL_DENOISE,
  EVENT_CALL_DETECT,
  EVENT_CALL_DIAL,
  EVENT_CALL_ECHO,
  EVENT_CALL_FAX,
  EVENT_CALL_HOLD,
  EVENT_CALL_PAY,
  EVENT_CALL_PLAY,
  EVENT_CALL_QUEUE,
  EVENT_CALL_RECEIVE,
  EVENT_CALL_RECORD,
  EVENT_CALL_REFER,
  EVENT_CALL_SEND_DIGITS,
  EVENT_CALL_STATE,
  EVENT_CALL_STREAM,
  EVENT_CALL_TAP,
  EVENT_CALL_TRANSCRIBE,
  EVENT_CALLING_ERROR,
  EVENT_CONFERENCE,
  EVENT_MESSAGING_RECEIVE,
  EVENT_MESSAGING_STATE,
  MESSAGE_STATE_DELIVERED,
  MESSAGE_STATE_FAILED,
  MESSAGE_STATE_INITIATED,
  MESSAGE_STATE_QUEUED,
  MESSAGE_STATE_RECEIVED,
  MESSAGE_STATE_SENT,
  MESSAGE_STATE_UNDELIVERED
} from "./constants.js"
export { createDeferred, type Deferred, withTimeout } from "./Deferred.js"
export { Message, type MessageInit } from "./Message.js"
export { RelayClient } from "./RelayClient.js"
export {
  type CallHandler,
  type DialOptions,
  type MessageHandler,
  type RawEventHandler,
  type RelayClientLike,
  type RelayClientOptions,
  type SendMessageOptions
} from "./RelayClientOptions.js"
export { RelayError } from "./RelayError.js"
export {
  CallingErrorEvent,
  CallReceiveEvent,
  CallStateEvent,
  CollectEvent,
  ConferenceEvent,
  ConnectEvent,
  DenoiseEvent,
  DetectEvent,
  DialEvent,
  EchoEvent,
  EVENT_CLASS_MAP,
  type EventClass,
  type EventParams,
  type EventPayload,
  FaxEvent,
  HoldEvent,
  MessageReceiveEvent,
  MessageStateEvent,
  parseEvent,
  PayEvent,
  PlayEvent,
  QueueEvent,
  RecordEvent,
  ReferEvent,
  RelayEvent,
  SendDigitsEvent,
  StreamEvent,
  TapEvent,
  TranscribeEvent
} from "./RelayEvent.js"
