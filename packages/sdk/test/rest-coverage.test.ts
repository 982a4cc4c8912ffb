/**
 * Every method of the Effect client has its Promise counterpart on the facade, with the same
 * parameters: checked on the types (any namespace added to the Effect client is covered with no
 * facade code) and on the objects the facade builds at run time.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { describe, expect, expectTypeOf, it } from "vitest"
import { RestClient as Core, type Messaging, type PhoneNumbers } from "@signalwire-effect/rest"
import { RestClient } from "@signalwire-effect/sdk"
import { keysOf, promisify } from "../src/internal/restRuntime.js"

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** The paths (`logs.messages.list`) of `C`'s methods that `F` lacks or types differently. */
type Missing<C, F, Path extends string = ""> = {
  [K in keyof C & string]: K extends keyof F ? Check<C[K], F[K], `${Path}${K}`> : `${Path}${K}`
}[keyof C & string]

type Check<C, F, Path extends string> = C extends (...args: infer P) => infer R
  ? F extends (...args: infer FP) => infer FR
    ? Same<P, FP> extends true ? Result<R, FR, Path> : Path
    : Path
  : C extends object ? Missing<C, F, `${Path}.`>
  : Same<C, F> extends true ? never
  : Path

type Result<R, FR, Path extends string> = R extends Effect.Effect<infer A, infer _E, infer _R>
  ? Same<FR, Promise<A>> extends true ? never : Path
  : R extends Stream.Stream<infer A, infer _E, infer _R> ? FR extends AsyncIterable<infer FA> ? Same<A, FA> extends true ? never : Path : Path
  : Path

describe("facade coverage of the Effect client", () => {
  it("types: every Effect method is a facade method with the same parameters (Effect → Promise, Stream → AsyncIterable)", () => {
    expectTypeOf<Missing<Core.RestClient["Type"], RestClient>>().toEqualTypeOf<never>()
    expectTypeOf<RestClient["phoneNumbers"]["get"]>().toEqualTypeOf<(id: string) => Promise<PhoneNumbers.PhoneNumber>>()
    expectTypeOf<ReturnType<RestClient["logs"]["messages"]["paginate"]>>().toEqualTypeOf<AsyncGenerator<Messaging.MessageLog, void, undefined>>()
    // The check itself catches a missing method, a wrong result and wrong parameters.
    type C = {
      readonly a: { readonly get: (id: string) => Effect.Effect<number> }
      readonly b: (n: number) => Effect.Effect<string>
      readonly c: () => Effect.Effect<string>
    }
    type F = { readonly a: { readonly get: (id: number) => Promise<number> }; readonly b: (n: number) => Promise<number> }
    expectTypeOf<Missing<C, F>>().toEqualTypeOf<"a.get" | "b" | "c">()
  })

  it("objects: every function of the Effect client, at any depth, is a function of the facade", () => {
    const core = Effect.runSync(
      Effect.provide(
        Core.RestClient,
        Core.layer({ project: "p", token: "t", space: "acme" }).pipe(Layer.provide(FetchHttpClient.layer))
      )
    )
    const facade = new RestClient({ project: "p", token: "t", host: "acme" })
    const paths = (value: object, prefix = ""): Array<string> =>
      keysOf(value).map((key) => [key, (value as Record<string, unknown>)[key]] as const).flatMap(([key, v]) =>
        typeof v === "function" ? [`${prefix}${key}`] : typeof v === "object" && v !== null ? paths(v, `${prefix}${key}.`) : []
      )
    const methods = paths(core)
    expect(methods.length).toBeGreaterThan(90)
    expect(methods).toContain("logs.messages.paginate")
    expect(methods).toContain("registry.campaigns.createOrder")
    const at = (root: object, path: string): unknown =>
      path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root)
    expect(methods.filter((path) => typeof at(facade, path) !== "function")).toEqual([])
    expect(facade.baseUrl).toBe(core.baseUrl)
    return facade.close()
  })

  it("the mapping: methods of object literals and of class instances (with their this), at any depth; other fields kept", async () => {
    class Rooms {
      readonly prefix = "room-"
      get(id: string) {
        return Effect.succeed(`${this.prefix}${id}`)
      }
      all() {
        return Stream.make(1, 2, 3)
      }
    }
    const shape = { video: { rooms: new Rooms(), version: 2 }, ping: () => Effect.succeed("pong"), baseUrl: "http://x" }
    const runtime = {
      run: <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect),
      iterate: async function*<A, E>(stream: Stream.Stream<A, E>) {
        yield* await Effect.runPromise(Stream.runCollect(stream))
      }
    }
    const promised = promisify(shape, runtime)
    expectTypeOf(promised.video.rooms.get).toEqualTypeOf<(id: string) => Promise<string>>()
    expect(await promised.video.rooms.get("a")).toBe("room-a")
    const items: Array<number> = []
    for await (const n of promised.video.rooms.all()) items.push(n)
    expect(items).toEqual([1, 2, 3])
    expect(await promised.ping()).toBe("pong")
    expect([promised.video.version, promised.baseUrl, promised.video.rooms.prefix]).toEqual([2, "http://x", "room-"])
  })
})
