import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { Serverless } from "../src/index.js"

const withEnv = (entries: ReadonlyArray<readonly [string, string]>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(entries)))

describe("Serverless.executionMode", () => {
  it.effect("recognises each platform by its environment, in order", () =>
    Effect.gen(function*() {
      expect(yield* Serverless.executionMode.pipe(withEnv([]))).toBe("server")
      expect(yield* Serverless.isServerless.pipe(withEnv([]))).toBe(false)
      expect(yield* Serverless.executionMode.pipe(withEnv([["AWS_LAMBDA_FUNCTION_NAME", "agent"]]))).toBe("lambda")
      expect(yield* Serverless.executionMode.pipe(withEnv([["LAMBDA_TASK_ROOT", "/var/task"]]))).toBe("lambda")
      expect(yield* Serverless.executionMode.pipe(withEnv([["K_SERVICE", "agent"]]))).toBe("google_cloud_function")
      expect(yield* Serverless.executionMode.pipe(withEnv([["GOOGLE_CLOUD_PROJECT", "p"]]))).toBe("google_cloud_function")
      expect(yield* Serverless.executionMode.pipe(withEnv([["FUNCTIONS_WORKER_RUNTIME", "node"]]))).toBe("azure_function")
      expect(yield* Serverless.executionMode.pipe(withEnv([["GATEWAY_INTERFACE", "CGI/1.1"], ["AWS_LAMBDA_FUNCTION_NAME", "x"]]))).toBe("cgi")
      expect(yield* Serverless.isServerless.pipe(withEnv([["FUNCTION_TARGET", "handler"]]))).toBe(true)
      // An empty value does not count.
      expect(yield* Serverless.executionMode.pipe(withEnv([["K_SERVICE", ""]]))).toBe("server")
    }))
})
