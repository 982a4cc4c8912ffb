import { defineConfig } from "vitest/config"

// Root options that apply to the whole run (the projects are listed in vitest.workspace.ts):
// a passing test's console output is noise; a failing test still shows everything it printed.
export default defineConfig({
  test: {
    silent: "passed-only",
    workspace: "./vitest.workspace.ts"
  }
})
