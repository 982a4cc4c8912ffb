import { describe, expect, it } from "@effect/vitest"
import { SignalWireConfig } from "@signalwire-effect/config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"

const withEnv = (entries: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

const leftMessage = <A>(either: Either.Either<A, { readonly toString: () => string }>): string =>
  Either.match(either, { onLeft: (e) => e.toString(), onRight: () => "no error" })

describe("SignalWireConfig", () => {
  it.effect("reads every setting from the environment, tokens redacted", () =>
    Effect.gen(function*() {
      const settings = yield* SignalWireConfig.load().pipe(withEnv({
        SIGNALWIRE_PROJECT_ID: "proj",
        SIGNALWIRE_API_TOKEN: "PT-secret-token",
        SIGNALWIRE_JWT_TOKEN: "jwt-secret",
        SIGNALWIRE_SPACE: "acme"
      }))
      expect(settings.project).toBe("proj")
      expect(settings.space).toBe("acme")
      expect(Redacted.value(settings.token!)).toBe("PT-secret-token")
      expect(Redacted.value(settings.jwtToken!)).toBe("jwt-secret")
      const printed = `${JSON.stringify(settings)} ${String(settings.token)} ${String(settings.jwtToken)}`
      expect(printed).not.toContain("PT-secret-token")
      expect(printed).not.toContain("jwt-secret")
    }))

  it.effect("an explicit value wins; an empty string, explicit or in the environment, counts as missing", () =>
    Effect.gen(function*() {
      const settings = yield* SignalWireConfig.load({ project: "explicit", token: "", space: "" }).pipe(withEnv({
        SIGNALWIRE_PROJECT_ID: "from-env",
        SIGNALWIRE_API_TOKEN: "env-token",
        SIGNALWIRE_JWT_TOKEN: "",
        SIGNALWIRE_SPACE: "env-space"
      }))
      expect(settings.project).toBe("explicit")
      expect(Redacted.value(settings.token!)).toBe("env-token")
      expect(settings.jwtToken).toBeUndefined()
      expect(settings.space).toBe("env-space")
    }))

  it("credentials: a JWT first, then project + token", () => {
    const jwt = SignalWireConfig.credentials(SignalWireConfig.make({ project: "p", token: "t", jwtToken: "j" }))
    expect(Either.getOrThrow(jwt)._tag).toBe("Jwt")
    const basic = SignalWireConfig.credentials(SignalWireConfig.make({ project: "p", token: "t", jwtToken: "j" }), {
      allowJwt: false
    })
    expect(Either.getOrThrow(basic)).toMatchObject({ _tag: "ProjectToken", project: "p" })
  })

  it("a missing setting is a ConfigError naming the option and the variable", () => {
    const noToken = SignalWireConfig.credentials(SignalWireConfig.make({ project: "p", token: "" }))
    expect(Either.isLeft(noToken) && noToken.left._tag).toBe("ConfigError")
    const message = leftMessage(noToken)
    expect(message).toContain("SIGNALWIRE_API_TOKEN")
    expect(message).toContain("`token`")
    expect(message).not.toContain("SIGNALWIRE_PROJECT_ID")

    const nothing = leftMessage(SignalWireConfig.credentials(SignalWireConfig.make({}), { allowJwt: false }))
    expect(nothing).toContain("SIGNALWIRE_PROJECT_ID")
    expect(nothing).toContain("SIGNALWIRE_API_TOKEN")
    expect(nothing).not.toContain("JWT")
  })

  it("spaceHost: bare names get the SignalWire domain, hosts are kept, URLs are refused", () => {
    expect(SignalWireConfig.spaceHost("acme")).toEqual(Either.right("acme.signalwire.com"))
    expect(SignalWireConfig.spaceHost("acme.signalwire.com")).toEqual(Either.right("acme.signalwire.com"))
    expect(SignalWireConfig.spaceHost("localhost")).toEqual(Either.right("localhost"))
    expect(SignalWireConfig.spaceHost("127.0.0.1:8765")).toEqual(Either.right("127.0.0.1:8765"))
    expect(leftMessage(SignalWireConfig.spaceHost("https://acme.signalwire.com"))).toContain("SIGNALWIRE_SPACE")
    expect(leftMessage(SignalWireConfig.spaceHost("acme corp"))).toContain("not \"acme corp\"")
    expect(leftMessage(SignalWireConfig.spaceHost(undefined))).toContain("Missing data at SIGNALWIRE_SPACE")
  })
})
