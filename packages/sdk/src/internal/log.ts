/**
 * The facade's logging: one line per entry on stderr, filtered by `SIGNALWIRE_LOG_LEVEL`
 * (`debug` / `info` / `warn` / `error`, default `info`) and silenced by `SIGNALWIRE_LOG_MODE=off`,
 * as the reference SDK reads them. The same sink serves the Effect core's logs (through an Effect
 * `Logger`) and the facade's own (handler errors, dropped inbound work).
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"

type Level = "debug" | "info" | "warn" | "error"

const levels: Record<Level, LogLevel.LogLevel> = {
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warn: LogLevel.Warning,
  error: LogLevel.Error
}

const parseLevel = (value: string | undefined): LogLevel.LogLevel => {
  const key = (value ?? "").trim().toLowerCase()
  return key === "warning" ? LogLevel.Warning : levels[key as Level] ?? LogLevel.Info
}

const minimum = parseLevel(process.env.SIGNALWIRE_LOG_LEVEL)
const off = (process.env.SIGNALWIRE_LOG_MODE ?? "").trim().toLowerCase() === "off"

const write = (level: LogLevel.LogLevel, text: string) => {
  if (off || LogLevel.lessThan(level, minimum)) return
  console.error(`[relay] ${level.label} ${text}`)
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)

/** Logs a line from promise-land (handler failures, dropped work). */
export const log = (level: Level, text: string, error?: unknown): void =>
  write(levels[level], error === undefined ? text : `${text}: ${describe(error)}`)

const effectLogger = Logger.make(({ cause, logLevel, message }) => {
  const parts = Array.isArray(message) ? message : [message]
  const text = parts.map((part) => (typeof part === "string" ? part : describe(part))).join(" ")
  write(logLevel, Cause.isEmpty(cause) ? text : `${text}\n${Cause.pretty(cause)}`)
})

const loggerLayer = Logger.replace(Logger.defaultLogger, effectLogger)

/** Runs an Effect with the facade's logger and minimum level (inherited by every fiber it forks). */
export const withLogging = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Logger.withMinimumLogLevel(Effect.provide(effect, loggerLayer), minimum)
