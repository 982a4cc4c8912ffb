/**
 * LiveKit's plugin and inference classes, so that code constructing them compiles and runs: they
 * do nothing (SignalWire runs speech recognition, synthesis, voice detection and the model), each
 * logs once when first used; the LLM classes carry the model name, which `AgentSession` maps to
 * `ai_model`.
 *
 * @since 0.1.0
 */
import { once } from "../internal/livewire.js"

class DeepgramSTT {
  constructor(_options?: Record<string, unknown>) {
    once("plugin_deepgram", "DeepgramSTT: speech recognition runs on SignalWire; the plugin does nothing")
  }
}

class ElevenLabsTTS {
  constructor(_options?: Record<string, unknown>) {
    once("plugin_elevenlabs", "ElevenLabsTTS: speech synthesis runs on SignalWire; the plugin does nothing")
  }
}

class CartesiaTTS {
  constructor(_options?: Record<string, unknown>) {
    once("plugin_cartesia", "CartesiaTTS: speech synthesis runs on SignalWire; the plugin does nothing")
  }
}

class OpenAILLM {
  readonly model: string
  constructor(options?: { model?: string; [key: string]: unknown }) {
    this.model = options?.model ?? ""
  }
}

class SileroVAD {
  constructor(_options?: Record<string, unknown>) {}
  static load(_options?: Record<string, unknown>): SileroVAD {
    once("plugin_silero", "SileroVAD.load(): voice activity detection runs on SignalWire; the plugin does nothing")
    return new SileroVAD()
  }
}

/**
 * The LiveKit plugin classes (`new plugins.DeepgramSTT()`, `plugins.SileroVAD.load()`, …).
 *
 * @example
 * ```ts
 * import { AgentSession, plugins } from "@signalwire-effect/sdk/livewire"
 *
 * new AgentSession({ stt: new plugins.DeepgramSTT(), llm: new plugins.OpenAILLM({ model: "gpt-4o-mini" }), vad: plugins.SileroVAD.load() })
 * ```
 * @since 0.1.0
 */
export const plugins = { DeepgramSTT, ElevenLabsTTS, CartesiaTTS, OpenAILLM, SileroVAD }

class STT {
  constructor(readonly model: string = "", _options?: Record<string, unknown>) {
    once("inference_stt", "inference.STT: speech recognition runs on SignalWire; ignored")
  }
}

class LLM {
  constructor(readonly model: string = "", _options?: Record<string, unknown>) {}
}

class TTS {
  constructor(readonly model: string = "", _options?: Record<string, unknown>) {
    once("inference_tts", "inference.TTS: speech synthesis runs on SignalWire; ignored")
  }
}

/**
 * LiveKit's `inference` classes (`new inference.LLM("openai/gpt-4o-mini")`).
 *
 * @example
 * ```ts
 * import { AgentSession, inference } from "@signalwire-effect/sdk/livewire"
 *
 * new AgentSession({ llm: new inference.LLM("openai/gpt-4o-mini"), tts: new inference.TTS("cartesia/sonic") })
 * ```
 * @since 0.1.0
 */
export const inference = { STT, LLM, TTS }
