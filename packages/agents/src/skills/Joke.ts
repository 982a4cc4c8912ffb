/**
 * The `joke` skill (the TypeScript reference's variant): `tell_joke(category?)` tells a joke from a
 * built-in list (general, programming, dad); `tool_name` renames the tool.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"

const jokes = {
  general: [
    "Why did the scarecrow win an award? ... Because he was outstanding in his field.",
    "What do you call a fake noodle? ... An impasta.",
    "Why did the bicycle fall over? ... Because it was two-tired."
  ],
  programming: [
    "Why do programmers prefer dark mode? ... Because light attracts bugs.",
    "How many programmers does it take to change a light bulb? ... None, that's a hardware problem.",
    "Why did the developer go broke? ... Because he used up all his cache."
  ],
  dad: [
    "I'm reading a book about anti-gravity. ... It's impossible to put down.",
    "What did the ocean say to the beach? ... Nothing, it just waved.",
    "Why don't skeletons fight each other? ... They don't have the guts."
  ]
} as const

type Category = keyof typeof jokes
const categories = Object.keys(jokes) as ReadonlyArray<Category>
const isCategory = (s: string): s is Category => (categories as ReadonlyArray<string>).includes(s)

/**
 * The `joke` skill (single instance; `tool_name` renames its tool, default `tell_joke`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Joke } from "@signalwire-effect/agents/skills/Joke"
 *
 * const agent = AgentBase.make({ name: "fun", route: "/fun", prompt: "You are cheerful." }).pipe(AgentBase.addSkill(Joke))
 * ```
 * @since 0.1.0
 */
export const Joke = Skill.make({
  name: "joke",
  description: "Tell jokes from a built-in collection",
  parameters: Schema.Struct({
    tool_name: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/)), { default: () => "tell_joke" })
      .annotations({ description: "The name of the joke tool" })
  }),
  setup: ({ tool_name }) =>
    Effect.succeed({
      tools: [Skill.tool({
        name: tool_name,
        description: "Tell a random joke, optionally from a category",
        parameters: Schema.Struct({
          category: Schema.optional(Schema.String.annotations({ description: "general, programming or dad (default: any)" }))
        }),
        handler: ({ category }) =>
          Effect.gen(function*() {
            const wanted = category?.trim().toLowerCase()
            if (wanted !== undefined && wanted !== "" && !isCategory(wanted)) {
              return FunctionResult.make(`I have no ${wanted.slice(0, 40)} jokes. I know ${categories.join(", ")} jokes.`)
            }
            const pool: ReadonlyArray<string> = wanted === undefined || wanted === "" ? categories.flatMap((c) => jokes[c]) : jokes[wanted]
            const index = yield* Random.nextIntBetween(0, pool.length)
            return FunctionResult.make(pool[index] ?? pool[0]!)
          })
      })],
      globalData: { joke_skill_enabled: true },
      promptSections: [{
        title: "Jokes",
        body: "You can tell jokes to lighten the mood.",
        bullets: [
          `Use the ${tool_name} tool when the caller asks for a joke.`,
          `Categories: ${categories.join(", ")}.`,
          "Say the setup, pause, then the punchline."
        ],
        subsections: []
      }]
    })
})
