/**
 * The RELAY client service: `RelayClient.layer(options)`, `RelayClient.layerConfig()`.
 *
 * @since 0.1.0
 */
export * as RelayClient from "./RelayClient.js"

/**
 * The connection states reported by `RelayClient.state`.
 *
 * @since 0.1.0
 */
export * as ConnectionState from "./ConnectionState.js"

/**
 * The typed errors every operation names.
 *
 * @since 0.1.0
 */
export * as RelayError from "./RelayError.js"

/**
 * The decoded events of `signalwire.event`.
 *
 * @since 0.1.0
 */
export * as RelayEvent from "./RelayEvent.js"

/**
 * JSON-RPC frames: decode, encode, redact (shared with the sandbox).
 *
 * @since 0.1.0
 */
export * as RelayFrame from "./RelayFrame.js"

/**
 * Where resume data (`protocol`, `authorization_state`) lives between clients.
 *
 * @since 0.1.0
 */
export * as SessionStore from "./SessionStore.js"

/**
 * The client's metrics (`relay_*`).
 *
 * @since 0.1.0
 */
export * as RelayMetrics from "./RelayMetrics.js"

/**
 * Calls: the Call model, its actions and their results.
 *
 * @since 0.1.0
 */
export * as Call from "./Call.js"

/**
 * Media items for play and prompts: TTS, audio, silence, ringtones.
 *
 * @since 0.1.0
 */
export * as Media from "./Media.js"

/**
 * Devices and dial plans: phone, SIP, WebRTC, Agora, calls, queues, streams.
 *
 * @since 0.1.0
 */
export * as Device from "./Device.js"

/**
 * Messages: SMS and MMS, sent and received.
 *
 * @since 0.1.0
 */
export * as Message from "./Message.js"
