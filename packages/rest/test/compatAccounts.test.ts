import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { FORM, PROJECT, compatError, withRest } from "./fixtures.js"

const ROOT = "/api/laml/2010-04-01"

/** A compat request written from SignalWire's documents: fetch, Basic auth, a form body. */
const raw = (
  sandbox: RelaySandbox.Sandbox,
  method: string,
  path: string,
  form?: Record<string, string>,
  auth = { project: PROJECT, token: "sandbox-token" }
) =>
  Effect.promise(async () => {
    const response = await fetch(`${sandbox.rest.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${auth.project}:${auth.token}`).toString("base64")}`,
        ...(form === undefined ? {} : { "content-type": FORM })
      },
      ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() })
    })
    const text = await response.text()
    return { status: response.status, body: text.length === 0 ? undefined : JSON.parse(text) as unknown }
  })

describe("compat accounts and tokens", () => {
  it.scoped("the project is the account; subprojects are created, read, renamed and listed (with paginate)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const self = yield* rest.compat.accounts.get(PROJECT)
          expect(self).toMatchObject({ sid: PROJECT, status: "active", subproject: false, type: "Full", uri: `${ROOT}/Accounts/${PROJECT}` })
          expect(self.subresource_uris).toMatchObject({ messages: `${ROOT}/Accounts/${PROJECT}/Messages` })
          const sub = yield* rest.compat.accounts.create({ FriendlyName: "Customer A" })
          expect(sub).toMatchObject({ friendly_name: "Customer A", subproject: true, owner_account_sid: PROJECT })
          expect((yield* rest.compat.accounts.update(sub.sid, { FriendlyName: "Customer B" })).friendly_name).toBe("Customer B")
          expect((yield* rest.compat.accounts.get(sub.sid)).friendly_name).toBe("Customer B")
          expect((yield* rest.compat.accounts.update(PROJECT, { FriendlyName: "Main" })).friendly_name).toBe("Main")
          expect((yield* rest.compat.accounts.list({ FriendlyName: "Customer B" })).accounts.map((a) => a.sid)).toEqual([sub.sid])
          const all = yield* Stream.runCollect(rest.compat.accounts.paginate({ PageSize: 1 }))
          expect(Chunk.toReadonlyArray(all).map((a) => a.sid)).toEqual([PROJECT, sub.sid])
          expect(yield* Effect.flip(rest.compat.accounts.get("nope"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.compat.accounts.update("nope", { FriendlyName: "x" }))).toMatchObject(compatError(404, 20404))
          expect((yield* Effect.flip(rest.compat.accounts.create({ FriendlyName: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "compatAccounts.create")).toMatchObject({
        method: "POST",
        path: `${ROOT}/Accounts`,
        contentType: FORM,
        body: "FriendlyName=Customer+A",
        status: 201
      })
      expect(journal.filter((r) => r.operation === "compatAccounts.list").map((r) => r.query)).toEqual([
        { FriendlyName: "Customer B" },
        { PageSize: "1" },
        { Page: "1", PageSize: "1", PageToken: expect.stringMatching(/^PA/) }
      ])
    }))

  it.scoped("tokens: created with a form (permissions as repeated keys), updated with a JSON PATCH, deleted; the project's tokens", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sub = yield* rest.compat.accounts.create({ FriendlyName: "Sub" })
          const token = yield* rest.compat.tokens.create({ name: "ci", permissions: ["messaging", "voice"] }).pipe(Effect.flip)
          expect(token).toMatchObject(compatError(422, 10003))
          const created = yield* rest.compat.tokens.create({ name: "ci", permissions: ["messaging", "fax"], subproject_id: sub.sid })
          expect(created).toMatchObject({ name: "ci", permissions: ["messaging", "fax"], token: expect.stringMatching(/^PT/) })
          expect(yield* Effect.flip(rest.compat.tokens.create({ name: "x", permissions: ["calling"], subproject_id: "nope" })))
            .toMatchObject(compatError(422, 10004))
          expect(yield* rest.compat.tokens.update(created.id, { name: "renamed", permissions: ["calling"] })).toMatchObject({
            id: created.id,
            name: "renamed",
            permissions: ["calling"]
          })
          expect(yield* Effect.flip(rest.compat.tokens.update(created.id, { permissions: ["everything"] }))).toMatchObject(compatError(422, 10003))
          // The same token as the relay-REST project tokens: deleted there, gone here.
          yield* rest.project.tokens.delete(created.id)
          expect(yield* Effect.flip(rest.compat.tokens.update(created.id, { name: "x" }))).toMatchObject(compatError(404, 20404))
          const again = yield* rest.compat.tokens.create({ name: "one", permissions: ["calling"] })
          yield* rest.compat.tokens.delete(again.id)
          expect(yield* Effect.flip(rest.compat.tokens.delete(again.id))).toMatchObject(compatError(404, 20404))
        }))
      const journal = yield* sandbox.rest.journal
      const create = journal.find((r) => r.operation === "compatTokens.create" && r.status === 200)!
      expect(create.contentType).toBe(FORM)
      expect(new URLSearchParams(create.body as string).getAll("permissions")).toEqual(["messaging", "fax"])
      const update = journal.find((r) => r.operation === "compatTokens.update")!
      expect(update).toMatchObject({ method: "PATCH", contentType: "application/json", body: { name: "renamed", permissions: ["calling"] } })
    }))

  it.scoped("compat errors: bad credentials 401 (20003), another AccountSid 404, an unknown path 404, rejected fields 400 with the platform's code", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const messages = `${ROOT}/Accounts/${PROJECT}/Messages`
      expect(yield* raw(sandbox, "GET", messages, undefined, { project: PROJECT, token: "wrong" })).toMatchObject(compatError(401, 20003))
      expect(yield* withRest(sandbox, (rest) => Effect.flip(rest.compat.queues.list()), { token: "wrong" })).toMatchObject(
        compatError(401, 20003)
      )
      expect(yield* raw(sandbox, "GET", `${ROOT}/Accounts/someone-else/Messages`)).toMatchObject(compatError(404, 20404))
      expect(yield* raw(sandbox, "GET", `${ROOT}/Accounts/${PROJECT}/Nothing`)).toMatchObject(compatError(404, 20404))
      const send = (form: Record<string, string>) => raw(sandbox, "POST", messages, form)
      expect(yield* send({ From: "+15551234567", Body: "x" })).toMatchObject(compatError(400, 21604))
      expect(yield* send({ To: "555", From: "+15551234567", Body: "x" })).toMatchObject(compatError(400, 21211))
      expect(yield* send({ To: "+15550001111", From: "+15551234567" })).toMatchObject(compatError(400, 21602))
      expect(yield* send({ To: "+15550001111", From: "+15551234567", Body: "x", MediaUrl: "ftp://x" })).toMatchObject(compatError(400, 21620))
      expect(yield* send({ To: "+15550001111", From: "+15551234567", Body: "x", ValidityPeriod: "0" })).toMatchObject(compatError(400, 21624))
      expect(yield* raw(sandbox, "POST", `${ROOT}/Accounts/${PROJECT}/Applications`, { VoiceUrl: "https://x" })).toMatchObject(
        compatError(400, 20002)
      )
      expect(yield* raw(sandbox, "POST", `${ROOT}/Accounts/${PROJECT}/Applications`, { FriendlyName: "a", VoiceMethod: "PUT" }))
        .toMatchObject(compatError(400, 21209))
      expect(yield* raw(sandbox, "GET", `${messages}?PageToken=bogus`)).toMatchObject(compatError(400, 21481))
      // A well-formed form is accepted as the platform documents it.
      expect(yield* send({ To: "+15550001111", From: "+15551234567", Body: "x" })).toMatchObject({ status: 201, body: { body: "x" } })
      expect((yield* sandbox.rest.journal).map((r) => [r.auth, r.operation, r.status])).toEqual([
        ["invalid", "compatMessages.list", 401],
        ["invalid", "compatQueues.list", 401],
        ["ok", "compatMessages.list", 404],
        ["ok", undefined, 404],
        ["ok", "compatMessages.create", 400],
        ["ok", "compatMessages.create", 400],
        ["ok", "compatMessages.create", 400],
        ["ok", "compatMessages.create", 400],
        ["ok", "compatMessages.create", 400],
        ["ok", "compatApplications.create", 400],
        ["ok", "compatApplications.create", 400],
        ["ok", "compatMessages.list", 400],
        ["ok", "compatMessages.create", 201]
      ])
    }))
})
