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
    // The test files of a worker share its module registry instead of loading effect, the platform
    // and our packages afresh for each file: the sandbox's 39 files took 240 s with isolation
    // (165 s of it importing) and 99 s without (13 s importing), same machine, same load. This
    // keeps a worker's modules between files; the root vitest.config.ts keeps the worker process
    // itself (both are needed). Test files therefore leave no global state behind (environment
    // variables put back; a file that needs modules loaded under its own environment calls
    // vi.resetModules, as sdk/test/eventOverflow.test.ts does).
    isolate: false,
    testTimeout: 20_000,
    // Effect logs of passing tests are noise; a failing test still shows everything it logged.
    silent: "passed-only"
  }
}

export default config
