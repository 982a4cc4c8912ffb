/**
 * The `math` skill: `calculate(expression)` evaluates arithmetic with a parser of its own (never
 * `eval`): `+ - * / % **` (and `^`), parentheses, unary minus. Division by zero and anything that
 * is not arithmetic are answered with a reply, not an error.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { evaluate } from "../internal/skills/arithmetic.js"
import * as Skill from "../Skill.js"

const format = (value: number): string => Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)))

const reasons = {
  "empty": "Please give me a mathematical expression to evaluate.",
  "syntax": "I could not evaluate that expression. Use numbers, + - * / % ** and parentheses.",
  "division-by-zero": "That expression divides by zero, which has no answer.",
  "not-finite": "The result is too large to compute.",
  "too-deep": "That expression is nested too deeply for me to evaluate.",
  "too-long": "That expression is too long for me to evaluate."
} as const

/**
 * The `math` skill (single instance, no parameters of its own).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { MathSkill } from "@signalwire-effect/agents/skills/Math"
 *
 * const agent = AgentBase.make({ name: "calc", route: "/calc", prompt: "You do sums." }).pipe(AgentBase.addSkill(MathSkill))
 * ```
 * @since 0.1.0
 */
export const MathSkill = Skill.make({
  name: "math",
  description: "Perform basic mathematical calculations",
  parameters: Schema.Struct({}),
  setup: () =>
    Effect.succeed({
      tools: [Skill.tool({
        name: "calculate",
        description: "Evaluate a mathematical expression: + - * / % ** (or ^), parentheses for grouping, unary minus.",
        parameters: Schema.Struct({
          expression: Schema.String.annotations({ description: "The expression, e.g. \"2 + 3 * 4\" or \"(10 - 4) ** 2\"" })
        }),
        handler: ({ expression }) =>
          Effect.succeed(FunctionResult.make(Either.match(evaluate(expression), {
            onLeft: (reason) => reasons[reason],
            onRight: (value) => `The result of ${expression.trim()} is ${format(value)}.`
          })))
      })],
      promptSections: [{
        title: "Mathematical Calculations",
        body: "You can perform mathematical calculations.",
        bullets: [
          "Use the calculate tool rather than computing in your head.",
          "Supported: + - * / % ** (or ^) and parentheses, e.g. (2 + 3) * 4."
        ],
        subsections: []
      }]
    })
})
