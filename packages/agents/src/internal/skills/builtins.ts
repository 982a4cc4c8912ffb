/**
 * The built-in skills, registered and locked in every `SkillRegistry`. One line per skill (when two
 * branches add lines here, keep both).
 */
import type * as Skill from "../../Skill.js"
import { ApiNinjasTrivia } from "../../skills/ApiNinjasTrivia.js"
import { AskClaude } from "../../skills/AskClaude.js"
import { ClaudeSkills } from "../../skills/ClaudeSkills.js"
import { CustomSkills } from "../../skills/CustomSkills.js"
import { Datasphere } from "../../skills/Datasphere.js"
import { DatasphereServerless } from "../../skills/DatasphereServerless.js"
import { Datetime } from "../../skills/Datetime.js"
import { GoogleMaps } from "../../skills/GoogleMaps.js"
import { InfoGatherer } from "../../skills/InfoGatherer.js"
import { Joke } from "../../skills/Joke.js"
import { MathSkill } from "../../skills/Math.js"
import { McpGateway } from "../../skills/McpGateway.js"
import { NativeVectorSearch } from "../../skills/NativeVectorSearch.js"
import { PlayBackgroundFile } from "../../skills/PlayBackgroundFile.js"
import { Spider } from "../../skills/Spider.js"
import { SwmlTransfer } from "../../skills/SwmlTransfer.js"
import { WeatherApi } from "../../skills/WeatherApi.js"
import { WebSearch } from "../../skills/WebSearch.js"
import { WikipediaSearch } from "../../skills/WikipediaSearch.js"

export const builtins = [
  Datetime,
  MathSkill,
  Joke,
  PlayBackgroundFile,
  SwmlTransfer,
  InfoGatherer,
  CustomSkills,
  ClaudeSkills,
  GoogleMaps,
  Datasphere,
  DatasphereServerless,
  NativeVectorSearch,
  McpGateway,
  WeatherApi,
  ApiNinjasTrivia,
  WikipediaSearch,
  WebSearch,
  Spider,
  AskClaude
] as const

/** What the tools of the built-ins need (provided where the agent is served). */
export type Requirements = Skill.Requirements<typeof builtins[number]>
