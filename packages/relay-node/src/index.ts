/**
 * The `ws`-backed WebSocket constructor with RELAY's inbound frame cap.
 *
 * @since 0.1.0
 */
export * as NodeWebSocket from "./NodeWebSocket.js"

/**
 * RELAY client layers with the Node WebSocket already provided.
 *
 * @since 0.1.0
 */
export * as RelayNode from "./RelayNode.js"
