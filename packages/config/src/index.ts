/**
 * The settings every client shares (project id, API token, JWT, space): from options or the
 * environment, with one set of rules.
 *
 * @since 0.1.0
 */
export * as SignalWireConfig from "./SignalWireConfig.js"

/**
 * Schema failures as one short line naming the field, with every issue kept as data.
 *
 * @since 0.1.0
 */
export * as SchemaIssues from "./SchemaIssues.js"
