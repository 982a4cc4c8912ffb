/**
 * cXML `<Pay>` as the platform runs it: the caller is asked for each step of the payment
 * (`payment-card-number`, `expiration-date`, `security-code`, `postal-code`; with
 * `paymentMethod="ach-debit"`: `bank-routing-number`, `bank-account-number`) and keys it in (the
 * far end's `CallScript.inputs`, `calls.input`); each step plays its `<Prompt>` (by `for`,
 * `attempt`, `cardType`, `errorType`; nested `Say` / `Play`) or a default one, is posted to
 * `statusCallback` (`For`, `Attempt`, `ErrorType`, what is known so far, masked), and is tried
 * `maxAttempts` times. The collected data is then posted as JSON to `paymentConnectorUrl`, whose
 * answer (`charge_id` / `token_id`, `error_code`, `error_message`) decides the result; the action
 * gets `Result` and the masked details. The transcript keeps the result and the masked card number only.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import * as Transcript from "../../Transcript.js"
import * as Http from "../swml/http.js"
import { type CxmlContext, ENDED, type Flow, NEXT, type Where } from "./context.js"
import * as R from "./request.js"
import { failed, fetchNext, mediaOf, methodOf, num, str } from "./verbs.js"
import * as Xml from "./xml.js"

type JsonObject = RelayFrame.JsonObject
type Step = "payment-card-number" | "expiration-date" | "security-code" | "postal-code" | "bank-routing-number" | "bank-account-number"

/** Card brands by number prefix (the common IIN ranges). */
const BRANDS: ReadonlyArray<readonly [string, RegExp]> = [
  ["amex", /^3[47]/],
  ["visa", /^4/],
  ["mastercard", /^(5[1-5]|2[2-7])/],
  ["discover", /^(6011|65|64[4-9])/],
  ["jcb", /^35/],
  ["diners-club", /^3(0[0-5]|[68])/],
  ["enroute", /^(2014|2149)/],
  ["maestro", /^(50|5[6-9]|6)/]
]
const brandOf = (number: string) => BRANDS.find(([, prefix]) => prefix.test(number))?.[0] ?? "unknown"

const luhn = (digits: string) => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return digits.length >= 12 && sum % 10 === 0
}

/** The longest entry of each step, and the default prompt. */
const STEPS: Readonly<Record<Step, { readonly max: number; readonly say: string }>> = {
  "payment-card-number": { max: 19, say: "Please enter your card number, followed by the pound key." },
  "expiration-date": { max: 4, say: "Please enter the expiration date: two digits for the month, then two for the year." },
  "security-code": { max: 4, say: "Please enter the security code." },
  "postal-code": { max: 10, say: "Please enter the billing postal code, followed by the pound key." },
  "bank-routing-number": { max: 9, say: "Please enter the bank routing number." },
  "bank-account-number": { max: 17, say: "Please enter the bank account number, followed by the pound key." }
}

const words = (value: string | undefined) => (value ?? "").split(/\s+/).filter((w) => w !== "")
const masked = (digits: string) => `xxxx${digits.slice(-4)}`

/** What has been keyed in so far. */
interface Collected {
  card?: string
  brand?: string
  expiry?: string
  cvv?: string
  postal?: string
  routing?: string
  account?: string
}

/** The error of an entry for a step (undefined: valid). */
const check = (step: Step, digits: string, got: Collected, a: Readonly<Record<string, string>>, now: number): string | undefined => {
  switch (step) {
    case "payment-card-number": {
      if (!luhn(digits)) return "invalid-card-number"
      return words(a.validCardTypes ?? "visa mastercard amex").includes(brandOf(digits)) ? undefined : "invalid-card-type"
    }
    case "expiration-date": {
      const month = Number(digits.slice(0, 2))
      const year = 2000 + Number(digits.slice(2, 4))
      const today = new Date(now)
      const expired = year < today.getUTCFullYear() || (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1)
      return digits.length !== 4 || month < 1 || month > 12 || expired ? "invalid-date" : undefined
    }
    case "security-code":
      return digits.length === (got.brand === "amex" ? 4 : 3) ? undefined : "invalid-security-code"
    case "postal-code":
      return digits.length >= (num(a.minPostalCodeLength) ?? 1) ? undefined : "invalid-postal-code"
    case "bank-routing-number":
      return digits.length === 9 ? undefined : "invalid-bank-routing-number"
    case "bank-account-number":
      return digits.length >= 4 ? undefined : "invalid-bank-account-number"
  }
}

const keep = (step: Step, digits: string, got: Collected) => {
  if (step === "payment-card-number") Object.assign(got, { card: digits, brand: brandOf(digits) })
  else if (step === "expiration-date") got.expiry = digits
  else if (step === "security-code") got.cvv = digits
  else if (step === "postal-code") got.postal = digits
  else if (step === "bank-routing-number") got.routing = digits
  else got.account = digits
}

/** What the action and the status callback get of the collected data (masked). */
const shown = (got: Collected, method: string): Record<string, string> => ({
  PaymentMethod: method,
  ...(got.card === undefined ? {} : { PaymentCardNumber: masked(got.card), PaymentCardType: got.brand! }),
  ...(got.expiry === undefined ? {} : { ExpirationDate: got.expiry }),
  ...(got.cvv === undefined ? {} : { SecurityCode: "x".repeat(got.cvv.length) }),
  ...(got.postal === undefined ? {} : { PaymentCardPostalCode: got.postal }),
  ...(got.routing === undefined ? {} : { BankRoutingNumber: got.routing }),
  ...(got.account === undefined ? {} : { BankAccountNumber: masked(got.account) })
})

/** The `<Prompt>` for a step and attempt (after an error, the one naming it first), else none. */
const promptFor = (prompts: ReadonlyArray<Xml.Element>, step: string, attempt: number, brand: string | undefined, error: string | undefined) => {
  const fits = prompts.filter((p) =>
    p.attributes.for === step &&
    (p.attributes.attempt === undefined || num(p.attributes.attempt) === attempt) &&
    (p.attributes.cardType === undefined || (brand !== undefined && words(p.attributes.cardType).includes(brand)))
  )
  const named = (e: string) => fits.find((p) => words(p.attributes.errorType).includes(e))
  return (error === undefined ? undefined : named(error === "input-timeout" ? "timeout" : error)) ?? fits.find((p) => p.attributes.errorType === undefined)
}

/** `<Pay>`: collects each step, calls the payment connector, then the action. */
export const pay = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    const children = Xml.elements(el.children)
    const other = children.find((c) => c.name !== "Prompt" && c.name !== "Parameter")
    if (other !== undefined) {
      yield* x.append(Transcript.VerbUnsupported.make({ at: x.now(), ...where, path: `${where.path}.${other.name}`, verb: `Pay/${other.name}` }))
      return yield* failed(x, where, "Pay", `<${other.name}> is not a noun of <Pay>`)
    }
    // SignalWire's pages name it paymentConnectorUrl and paymentConnector: both are read.
    const connectorRef = a.paymentConnectorUrl ?? a.paymentConnector
    const connector = connectorRef === undefined || connectorRef === "" ? undefined : R.resolve(connectorRef, base)
    if (connector === undefined) return yield* failed(x, where, "Pay", "<Pay> needs a paymentConnectorUrl")
    const method = a.paymentMethod ?? "credit-card"
    const charge = num(a.chargeAmount) ?? 0
    const prompts = children.filter((c) => c.name === "Prompt")
    const parameters = Object.fromEntries(children.filter((c) => c.name === "Parameter").map((c) => [c.attributes.name ?? "", c.attributes.value ?? ""]))
    const maxAttempts = Math.min(Math.max(num(a.maxAttempts) ?? 1, 1), 3)
    const timeout = num(a.timeout) ?? 5
    const postalGiven = a.postalCode !== undefined && a.postalCode !== "true" && a.postalCode !== "false" ? a.postalCode : undefined
    const steps: ReadonlyArray<Step> = method === "ach-debit"
      ? ["bank-routing-number", "bank-account-number"]
      : [
        "payment-card-number",
        "expiration-date",
        ...(a.securityCode === "false" ? [] : ["security-code" as const]),
        ...(a.postalCode === "false" || postalGiven !== undefined ? [] : ["postal-code" as const])
      ]
    const got: Collected = postalGiven === undefined ? {} : { postal: postalGiven }
    const callback = a.statusCallback === undefined ? undefined : R.resolve(a.statusCallback, base)
    const status = (step: string, attempt: number, error: string | undefined) =>
      callback === undefined ? Effect.void : Effect.asVoid(R.send(x, "status_callback", callback, methodOf(a.statusCallbackMethod), {
        ...R.standard(x),
        For: step,
        Attempt: String(attempt),
        ...(error === undefined ? {} : { ErrorType: error }),
        ...shown(got, method)
      }))
    const speak = (step: string, attempt: number, error: string | undefined) =>
      Effect.gen(function*() {
        const prompt = promptFor(prompts, step, attempt, got.brand, error)
        const items: Array<JsonObject> = []
        for (const child of prompt === undefined ? [] : Xml.elements(prompt.children)) {
          const media = mediaOf(x, child)
          if (Either.isLeft(media)) return Either.left(media.left)
          for (const m of media.right) {
            yield* x.append(m.entry)
            items.push(m.item)
          }
        }
        if (prompt === undefined && step !== "payment-processing") {
          const text = STEPS[step as Step].say
          yield* x.append(Transcript.Played.make({ at: x.now(), by: "cxml", kind: "say", text }))
          items.push({ type: "tts", params: { text, ...(a.language === undefined ? {} : { language: a.language }) } })
        }
        return Either.right(items)
      })
    const finish = (result: string, extra: Record<string, string>) =>
      Effect.gen(function*() {
        yield* x.append(Transcript.Paid.make({
          at: x.now(),
          result,
          paymentMethod: method,
          ...(a.chargeAmount === undefined ? {} : { chargeAmount: a.chargeAmount }),
          ...(result === "success" && got.card !== undefined ? { maskedCardNumber: masked(got.card) } : {}),
          ...(result === "success" ? {} : { detail: extra.PaymentError ?? result })
        }))
        // With no action, the document is requested again (as the platform does).
        const action = a.action ?? base
        if (action === undefined) return NEXT
        return yield* fetchNext(x, where, "Pay", action, base, a.method, { Result: result, ...shown(got, method), ...extra }, "action")
      })

    yield* x.ops.answer
    for (const step of steps) {
      let error: string | undefined
      let attempt = 1
      for (; attempt <= maxAttempts; attempt++) {
        yield* status(step, attempt, error)
        const items = yield* speak(step, attempt, error)
        if (Either.isLeft(items)) return yield* failed(x, where, "Pay", items.left)
        const collect: JsonObject = { initial_timeout: timeout, digits: { max: STEPS[step].max, digit_timeout: timeout, terminators: "#" } }
        const done = yield* x.ops.run("calling.play_and_collect", { play: items.right, collect }, "calling.call.collect", (p) => p.final !== false && p.state !== "collecting")
        if (Either.isLeft(done)) {
          if (done.left._tag === "Ended") {
            yield* x.append(Transcript.Paid.make({ at: x.now(), result: "caller-hung-up", paymentMethod: method }))
            return ENDED
          }
          return yield* failed(x, where, "Pay", done.left.detail)
        }
        const result = done.right.result as { readonly type?: string; readonly params?: JsonObject } | undefined
        const digits = result?.type === "digit" ? (str(result.params?.digits) ?? "") : ""
        if (digits.startsWith("*")) return yield* finish("caller-interrupted-with-star", {})
        error = digits === "" ? "input-timeout" : check(step, digits, got, a, x.now())
        if (error === undefined) {
          keep(step, digits, got)
          break
        }
      }
      if (error !== undefined) return yield* finish("too-many-failed-attempts", { PaymentError: `${step}: ${error}` })
    }

    // The payment connector: the collected data as JSON; its answer decides.
    yield* status("payment-processing", 1, undefined)
    const processing = yield* speak("payment-processing", 1, undefined)
    if (Either.isRight(processing) && processing.right.length > 0) {
      yield* x.ops.run("calling.play", { play: processing.right }, "calling.call.play", (p) => p.state === "finished" || p.state === "error")
    }
    const transaction = crypto.randomUUID()
    const common = {
      transaction_id: transaction,
      description: a.description ?? "",
      currency_code: (a.currency ?? "usd").toUpperCase(),
      parameters,
      ...(got.postal === undefined ? {} : { postal_code: got.postal })
    }
    const card = got.card === undefined ? {} : {
      cardnumber: got.card,
      ...(got.cvv === undefined ? {} : { cvv: got.cvv }),
      expiry_month: got.expiry?.slice(0, 2) ?? "",
      expiry_year: got.expiry?.slice(2, 4) ?? ""
    }
    const bank = got.routing === undefined ? {} : { routing_number: got.routing, account_number: got.account ?? "" }
    const body = charge > 0
      ? { ...common, method, ...card, ...bank, chargeAmount: charge }
      : { ...common, ...card, ...bank, amount: 0, token_type: a.tokenType ?? "reusable" }
    const reply = yield* Http.exchange(x.http, { purpose: "request", method: "POST", url: connector, body: JSON.stringify(body), signing: "none" })
    if (Either.isLeft(reply)) {
      return yield* finish("payment-connector-error", { PaymentError: "the payment connector did not answer", ConnectorError: reply.left.detail ?? reply.left.reason })
    }
    const answer = yield* Effect.sync(() => {
      try {
        const parsed: unknown = JSON.parse(reply.right.text)
        return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined
      } catch {
        return undefined
      }
    })
    if (answer === undefined) return yield* finish("payment-connector-error", { PaymentError: "the payment connector's answer is not JSON", ConnectorError: reply.right.text.slice(0, 200) })
    const id = str(answer[charge > 0 ? "charge_id" : "token_id"])
    if (answer.error_code !== null && answer.error_code !== undefined || id === undefined) {
      return yield* finish("payment-connector-error", {
        PaymentError: str(answer.error_message) ?? "the payment was declined",
        ...(answer.error_code === null || answer.error_code === undefined ? {} : { PayErrorCode: String(answer.error_code) })
      })
    }
    return yield* finish("success", charge > 0 ? { PaymentConfirmationCode: id } : { PaymentToken: id, ProfileId: `profile_${x.callId}` })
  })
