import { mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.js"

// Tests run several clients at once in one process: lift the reference's one-connection default.
// Facade logs go to stderr, which vitest shows even for passing tests: only errors here.
export default mergeConfig(shared, { test: { env: { RELAY_MAX_CONNECTIONS: "1000", SIGNALWIRE_LOG_LEVEL: "error" } } })
