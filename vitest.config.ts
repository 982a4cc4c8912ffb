import { defineConfig } from "vitest/config"

// Global options of the test run (the projects are listed in vitest.workspace.ts; each package's
// own options are in its vitest.config.ts, from vitest.shared.ts). Worker isolation is decided
// here, for the whole run, not per project: see vitest.shared.ts for why it is off. What passing
// tests log is dropped here too (the reporter reads the root config's `silent`).
export default defineConfig({ test: { poolOptions: { forks: { isolate: false } }, silent: "passed-only" } })
