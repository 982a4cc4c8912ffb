/** Where settings files are looked for (the reference SDK's order). */
import { homedir } from "node:os"
import { join, resolve } from "node:path"

interface Where {
  readonly cwd?: string | undefined
  readonly home?: string | undefined
}

export const searchPaths = (
  filename: string,
  options?: Where & { readonly extraDirs?: ReadonlyArray<string> | undefined; readonly serviceName?: string | undefined }
): ReadonlyArray<string> => {
  const cwd = options?.cwd ?? process.cwd()
  const home = options?.home ?? homedir()
  const service = options?.serviceName
  return [
    ...(service === undefined || service === "" ? [] : [join(cwd, `${service}_${filename}`), join(cwd, ".swml", `${service}_${filename}`)]),
    ...(options?.extraDirs ?? []).map((dir) => join(resolve(cwd, dir), filename)),
    join(cwd, filename),
    join(cwd, "config", filename),
    join(home, ".signalwire", filename),
    join(cwd, ".swml", filename),
    join(home, ".swml", filename),
    join("/etc", "swml", filename)
  ]
}

export const configFileCandidates = (
  options?: Where & { readonly serviceName?: string | undefined; readonly extraPaths?: ReadonlyArray<string> | undefined }
): ReadonlyArray<string> => {
  const cwd = options?.cwd ?? process.cwd()
  const home = options?.home ?? homedir()
  const service = options?.serviceName
  return [
    ...(service === undefined || service === "" ? [] : [join(cwd, `${service}_config.json`), join(cwd, ".swml", `${service}_config.json`)]),
    ...(options?.extraPaths ?? []).map((path) => resolve(cwd, path)),
    join(cwd, "config.json"),
    join(cwd, "agent_config.json"),
    join(cwd, ".swml", "config.json"),
    join(home, ".swml", "config.json"),
    join("/etc", "swml", "config.json")
  ]
}
