import * as path from "node:path"
import { defaultClientConditions, defaultServerConditions } from "vite"
import type { ViteUserConfig } from "vitest/config"

/** The workspace runs the packages from source: their `exports` list this condition first (see tsconfig.base.json). */
const source = "@signalwire-effect/source"

const config: ViteUserConfig = {
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
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
