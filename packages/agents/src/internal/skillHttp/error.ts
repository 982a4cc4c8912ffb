/** The typed failure of an outbound request of a skill (documented in SkillHttp). */
import * as Schema from "effect/Schema"

export class SkillHttpError extends Schema.TaggedError<SkillHttpError>()("SkillHttpError", {
  reason: Schema.Literal("status", "transport", "timeout", "decode", "too-large", "invalid-url", "blocked-address"),
  url: Schema.String,
  status: Schema.optional(Schema.Number),
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const what = this.reason === "status" ? `status ${this.status ?? "?"}` : this.reason
    return `${what} ${this.reason === "blocked-address" ? "for" : "from"} ${this.url}${
      this.detail === undefined ? "" : `: ${this.detail}`
    }`
  }
}
