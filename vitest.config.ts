import { defineConfig } from "vitest/config"

// Root options that apply to the whole run (the projects are listed in vitest.workspace.ts):
// a passing test's console output is noise; a failing test still shows everything it printed.
export default defineConfig({
  test: {
    silent: "passed-only",
    // Vitest's default is one worker fewer than the CPUs: one worker on a 2-core CI machine. Most
    // test time is spent waiting on loopback sockets and the sandbox's timers, so two workers
    // overlap it (the suite's wall time about halves; tests carry no timing asserts).
    maxWorkers: 2,
    workspace: "./vitest.workspace.ts"
  }
})
