/**
 * The coverage table of the package README, computed from an OpenAPI document of the definition:
 * HTTP operations per client namespace (a group `fabric.aiAgents` belongs to `fabric`), beside the
 * reference SDK's method counts, and which platform paths beyond the reference are covered.
 */
import type * as OpenApi from "@effect/platform/OpenApi"

/**
 * Public methods per namespace of SignalWire's TypeScript SDK (`@signalwire/sdk` `RestClient`),
 * counted from its source (rest/ namespaces); the Python SDK has the same surface. These count
 * SDK methods, not HTTP operations: several methods can share one operation (the `set…` helpers of
 * `phoneNumbers` are all `PUT phone_numbers/{id}`; every `calling` command is `POST
 * /api/calling/calls`).
 */
export const REFERENCE: Readonly<Record<string, number>> = {
  addresses: 4,
  calling: 37,
  chat: 1,
  compat: 78,
  datasphere: 9,
  fabric: 97,
  importedNumbers: 1,
  logs: 8,
  lookup: 1,
  mfa: 3,
  numberGroups: 9,
  phoneNumbers: 13,
  project: 3,
  pubsub: 1,
  queues: 8,
  recordings: 3,
  registry: 12,
  shortCodes: 3,
  sipProfile: 2,
  verifiedCallers: 7,
  video: 30
}

/**
 * Operations SignalWire's published REST OpenAPI (signalwire/docs, `fern/apis/signalwire-rest`)
 * has and the reference SDKs lack, plus the two left from part one.
 */
export const EXTRA_OPERATIONS: ReadonlyArray<string> = [
  "GET /api/fabric/sip_addresses",
  "POST /api/fabric/sip_addresses",
  "GET /api/fabric/sip_addresses/{id}",
  "PATCH /api/fabric/sip_addresses/{id}",
  "DELETE /api/fabric/sip_addresses/{id}",
  "GET /api/fabric/resources/dialogflow_agents",
  "GET /api/fabric/resources/dialogflow_agents/{id}",
  "PUT /api/fabric/resources/dialogflow_agents/{id}",
  "DELETE /api/fabric/resources/dialogflow_agents/{id}",
  "GET /api/fabric/resources/dialogflow_agents/{id}/addresses",
  "POST /api/fabric/resources/{id}/sip_endpoints",
  "GET /api/relay/rest/domain_applications",
  "POST /api/relay/rest/domain_applications",
  "GET /api/relay/rest/domain_applications/{id}",
  "PUT /api/relay/rest/domain_applications/{id}",
  "DELETE /api/relay/rest/domain_applications/{id}",
  "GET /api/relay/rest/endpoints/sip",
  "POST /api/relay/rest/endpoints/sip",
  "GET /api/relay/rest/endpoints/sip/{id}",
  "PUT /api/relay/rest/endpoints/sip/{id}",
  "DELETE /api/relay/rest/endpoints/sip/{id}",
  "GET /api/video/logs",
  "GET /api/video/logs/{id}",
  "GET /api/projects",
  "POST /api/projects",
  "GET /api/projects/{id}",
  "PATCH /api/projects/{id}",
  "DELETE /api/projects/{id}",
  "POST /api/projects/{id}/signing-key/rotate",
  "PUT /api/relay/rest/addresses/{id}",
  "POST /api/relay/rest/phone_numbers/{id}/e911_address",
  "DELETE /api/relay/rest/phone_numbers/{id}/e911_address"
]

const METHODS = ["get", "post", "put", "patch", "delete"] as const

/** Every operation of the document: `METHOD path` and its namespace (the tag up to the first dot). */
export const operations = (doc: OpenApi.OpenAPISpec): ReadonlyArray<{ readonly key: string; readonly namespace: string }> =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Partial<Record<(typeof METHODS)[number], { readonly tags?: ReadonlyArray<string> }>>)[method]
      if (operation === undefined) return []
      const tag = operation.tags?.[0] ?? "untagged"
      // Compat groups (`compatMessages`, …) are one client namespace, `compat`; Fabric's are `fabric.*`.
      const namespace = tag.split(".")[0]!.replace(/^compat[A-Z]\w*$/, "compat")
      return [{ key: `${method.toUpperCase()} ${path}`, namespace }]
    })
  )

/** The distinct `command` values of the calling endpoint's request body (one HTTP operation). */
export const callingCommands = (doc: OpenApi.OpenAPISpec): ReadonlyArray<string> => {
  const found = new Set<string>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (typeof node !== "object" || node === null) return
    const command = (node as { readonly properties?: { readonly command?: { readonly enum?: ReadonlyArray<unknown> } } })
      .properties?.command?.enum
    command?.forEach((value) => typeof value === "string" && found.add(value))
    Object.values(node).forEach(walk)
  }
  const post = (doc.paths["/api/calling/calls"] as { readonly post?: unknown } | undefined)?.post
  walk(post)
  return Array.from(found).sort()
}

/** The markdown table (two tables) of the README. */
export const coverageTable = (doc: OpenApi.OpenAPISpec): string => {
  const ops = operations(doc)
  const counts = new Map<string, number>()
  for (const op of ops) counts.set(op.namespace, (counts.get(op.namespace) ?? 0) + 1)
  const names = Array.from(new Set([...Object.keys(REFERENCE), ...counts.keys()])).sort((a, b) => a.localeCompare(b))
  const rows = names.map((name) => {
    const ours = counts.get(name) ?? 0
    const reference = REFERENCE[name]
    return `| \`${name}\` | ${ours} | ${reference ?? "—"} |`
  })
  const total = ops.length
  const referenceTotal = Object.values(REFERENCE).reduce((a, b) => a + b, 0)
  const keys = new Set(ops.map((o) => o.key))
  const extras = EXTRA_OPERATIONS.map((key) => `| \`${key}\` | ${keys.has(key) ? "yes" : "**no**"} |`)
  const covered = EXTRA_OPERATIONS.filter((key) => keys.has(key)).length
  return [
    "| Namespace | HTTP operations defined | Reference SDK methods |",
    "|---|---:|---:|",
    ...rows,
    `| **Total** | **${total}** | **${referenceTotal}** |`,
    "",
    `\`calling\` is one HTTP operation (\`POST /api/calling/calls\`) whose body is one of ${callingCommands(doc).length} commands, each a method of \`rest.calling\`.`,
    "",
    `Platform operations beyond the reference SDKs: ${covered} of ${EXTRA_OPERATIONS.length} covered.`,
    "",
    "| Operation | Covered |",
    "|---|---|",
    ...extras
  ].join("\n")
}

export const BEGIN = "<!-- coverage:begin (npm run rest:coverage) -->"
export const END = "<!-- coverage:end -->"

/** The README's table section, between the markers. */
export const section = (readme: string): string | undefined => {
  const from = readme.indexOf(BEGIN)
  const to = readme.indexOf(END)
  return from < 0 || to < from ? undefined : readme.slice(from + BEGIN.length, to).trim()
}
