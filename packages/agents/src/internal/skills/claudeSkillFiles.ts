/**
 * Claude skill folders, as `claude_skills` reads them: `<skills_path>/<folder>/SKILL.md` with an
 * optional YAML front matter (`name`, `description`, `argument-hint`, `disable-model-invocation`,
 * `user-invocable`…), the other `.md` files of the folder as named sections, and (when asked) the
 * remaining files listed as scripts / assets / other. Nothing here executes anything.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as YAML from "yaml"

/** A parsed `SKILL.md` and what sits beside it. */
export interface ClaudeSkill {
  readonly name: string
  readonly description: string | undefined
  readonly body: string
  readonly dir: string
  /** Section key (path without `.md`, `/`-separated) → file path. */
  readonly sections: ReadonlyMap<string, string>
  readonly files: { readonly scripts: ReadonlyArray<string>; readonly assets: ReadonlyArray<string>; readonly other: ReadonlyArray<string> }
  readonly argumentHint: string | undefined
  /** No tool (invocation control). */
  readonly skipTool: boolean
  /** No prompt section (invocation control). */
  readonly skipPrompt: boolean
}

/** The front matter and body of a `SKILL.md`; a file without (or with unreadable) front matter is all body. */
export const parseSkillMd = (content: string): { readonly frontMatter: Record<string, unknown>; readonly body: string } => {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(content)
  if (match === null) return { frontMatter: {}, body: content.trim() }
  let frontMatter: Record<string, unknown> = {}
  try {
    const parsed: unknown = YAML.parse(match[1]!)
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      frontMatter = parsed as Record<string, unknown>
    }
  } catch {
    frontMatter = {}
  }
  return { frontMatter, body: match[2]!.trim() }
}

/** Shell-style glob match of a whole name, case-insensitive: `*` any run, `?` one character. */
export const globMatch = (name: string, pattern: string): boolean => {
  let source = "^"
  for (const ch of pattern) {
    if (ch === "*") source += ".*"
    else if (ch === "?") source += "."
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")
  }
  return new RegExp(`${source}$`, "i").test(name)
}

/** Included by one of `include` and excluded by none of `exclude`. */
export const selected = (name: string, include: ReadonlyArray<string>, exclude: ReadonlyArray<string>): boolean =>
  !exclude.some((p) => globMatch(name, p)) && include.some((p) => globMatch(name, p))

/** A skill name as a SWAIG function name: lower case, `[a-z0-9_]`, not starting with a digit. */
export const sanitizeToolName = (name: string): string => {
  const cleaned = name.toLowerCase().replace(/[-\s]+/g, "_").replace(/[^a-z0-9_]/g, "")
  const safe = /^\d/.test(cleaned) ? `_${cleaned}` : cleaned
  return safe.length > 0 ? safe : "unnamed"
}

/**
 * `$ARGUMENTS[n]` and `$n` → the n-th whitespace-separated argument, `$ARGUMENTS` → all of them;
 * when the text has no bare `$ARGUMENTS`, non-empty arguments are appended after `ARGUMENTS:`.
 */
export const substituteArguments = (text: string, args: string): string => {
  const hasBare = /\$ARGUMENTS(?!\[)/.test(text)
  const positional = args.length > 0 ? args.split(/\s+/) : []
  const at = (index: string) => positional[Number(index)] ?? ""
  const result = text
    .replace(/\$ARGUMENTS\[(\d+)\]/g, (_m, index: string) => at(index))
    .replace(/\$(\d+)(?!\d)/g, (_m, index: string) => at(index))
    .replace(/\$ARGUMENTS/g, () => args)
  return !hasBare && args.length > 0 ? `${result}\n\nARGUMENTS: ${args}` : result
}

/** `${CLAUDE_SKILL_DIR}` → the skill's folder, `${CLAUDE_SESSION_ID}` → the call id. */
export const substituteVariables = (text: string, dir: string, sessionId: string): string =>
  text.replace(/\$\{CLAUDE_SKILL_DIR\}/g, () => dir).replace(/\$\{CLAUDE_SESSION_ID\}/g, () => sessionId)

/** Options of a discovery. */
export interface Discovery {
  readonly include: ReadonlyArray<string>
  readonly exclude: ReadonlyArray<string>
  /** List the non-`.md` files (scripts/, assets/, other). */
  readonly listFiles: boolean
  /** Register every skill regardless of `disable-model-invocation` / `user-invocable`. */
  readonly ignoreInvocationControl: boolean
}

type Walked = ReadonlyArray<{ readonly rel: string; readonly full: string }>

/** Every file under `dir` (relative `/`-paths), hidden entries, `node_modules` and `__pycache__` skipped. */
const walk = (fs: FileSystem.FileSystem, path: Path.Path, dir: string, rel = ""): Effect.Effect<Walked> =>
  Effect.gen(function*() {
    const names = yield* fs.readDirectory(dir).pipe(Effect.orElseSucceed((): ReadonlyArray<string> => []))
    const out: Array<{ rel: string; full: string }> = []
    for (const name of [...names].sort()) {
      if (name.startsWith(".") || name === "node_modules" || name === "__pycache__") continue
      const full = path.join(dir, name)
      const info = yield* fs.stat(full).pipe(Effect.option)
      if (info._tag === "None") continue
      const relName = rel.length > 0 ? `${rel}/${name}` : name
      if (info.value.type === "Directory") out.push(...(yield* walk(fs, path, full, relName)))
      else if (info.value.type === "File") out.push({ rel: relName, full })
    }
    return out
  })

const optionalString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

/** The skills of the folders of `root` holding a `SKILL.md`, in name order, filtered by the globs. */
export const discover = (
  root: string,
  options: Discovery
): Effect.Effect<ReadonlyArray<ClaudeSkill>, string, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const info = yield* fs.stat(root).pipe(Effect.mapError(() => `skills_path does not exist: ${root}`))
    if (info.type !== "Directory") return yield* Effect.fail(`skills_path is not a directory: ${root}`)
    const entries = yield* fs.readDirectory(root).pipe(Effect.mapError(() => `cannot read skills_path: ${root}`))
    const skills: Array<ClaudeSkill> = []
    for (const entry of [...entries].sort()) {
      const dir = path.join(root, entry)
      const skillFile = path.join(dir, "SKILL.md")
      const isFile = yield* fs.stat(skillFile).pipe(Effect.map((s) => s.type === "File"), Effect.orElseSucceed(() => false))
      if (!isFile || !selected(entry, options.include, options.exclude)) continue
      const content = yield* fs.readFileString(skillFile).pipe(Effect.option)
      if (content._tag === "None") continue
      const { body, frontMatter } = parseSkillMd(content.value)
      const files = yield* walk(fs, path, dir)
      const sections = new Map(
        files
          .filter((f) => f.rel.toLowerCase().endsWith(".md") && f.rel.toUpperCase() !== "SKILL.MD")
          .map((f) => [f.rel.slice(0, -3), f.full] as const)
      )
      const others = files.filter((f) => !f.rel.toLowerCase().endsWith(".md")).map((f) => f.rel)
      const disabled = frontMatter["disable-model-invocation"] === true
      const userInvocable = frontMatter["user-invocable"] !== false
      const control = !options.ignoreInvocationControl
      const name = optionalString(frontMatter["name"])
      skills.push({
        name: name !== undefined && name.length > 0 ? name : entry,
        description: optionalString(frontMatter["description"]),
        body,
        dir,
        sections,
        files: options.listFiles
          ? {
            scripts: others.filter((f) => f.startsWith("scripts/")),
            assets: others.filter((f) => f.startsWith("assets/")),
            other: others.filter((f) => !f.startsWith("scripts/") && !f.startsWith("assets/"))
          }
          : { scripts: [], assets: [], other: [] },
        argumentHint: optionalString(frontMatter["argument-hint"]),
        skipTool: control && (disabled || !userInvocable),
        skipPrompt: control && disabled
      })
    }
    return skills
  })
