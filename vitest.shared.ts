import * as path from "node:path"
import type { ViteUserConfig } from "vitest/config"

const config: ViteUserConfig = {
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [path.join(__dirname, "vitest.setup.ts")],
    sequence: { concurrent: true },
    testTimeout: 20_000,
    // Effect logs of passing tests are noise; a failing test still shows everything it logged.
    silent: "passed-only"
  }
}

export default config
