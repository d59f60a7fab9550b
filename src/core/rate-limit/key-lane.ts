import { noop, onAbort } from "../platform/abort.js";
import type { Clock } from "../platform/clock.js";
import { nextUtcMonthStart, type RateLimitBudget } from "./budgets.js";
import { QuotaExhaustedError } from "./quota-exhausted-error.js";
import { resetEpochMs, ServerHints } from "./server-hints.js";
import { type SharedBudgetStore, storeError } from "./shared-store.js";
import { type WindowCounter, windowCounter } from "./window-counter.js";

/** What every lane of one limiter shares. */
export interface LaneContext {
  clock: Clock;
  /** The key-scoped budgets, whole (alone) or each worker's share (with a store, used while it is out of reach). */
  ownBudgets: readonly RateLimitBudget[];
  /** The budgets as the store counts them (whole); undefined without a store. */
  store: { shared: SharedBudgetStore; budgets: readonly RateLimitBudget[]; workers: number } | undefined;
  /** The longest window worth waiting for (hard stops aside): a server wait of 24 of them is a hard stop. */
  longestWindowMs: number;
  /** The per-address budgets (the edge's), counted by this process across all its keys. */
  ipCounters: readonly WindowCounter[];
  changed(lane: KeyLane): void;
}

export type LaneMode = "local" | "shared" | "fallback";

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  dispose(): void;
}

/**
 * The requests of one API key, admitted one at a time in arrival order
 * (FIFO: a call is never overtaken, so none starves). Only the head waits on
 * the budgets; a caller whose signal aborts (its own, or its attempt's
 * `timeoutMs` deadline) leaves the queue at once with that reason, and if it
 * was the head the next one takes over. (A timed-out attempt the transport
 * retries comes back as a new arrival, behind calls that came after it.)
 *
 * With a shared store the lane asks the store for every request. When the
 * store cannot be reached, what the other workers sent is unknown: the lane
 * lets the server window then open reset (as the server's headers said), and
 * from then on counts on its own against its share of the budgets
 * (`limit / workers`), leaving `workers - 1` of the server's remaining
 * requests to the others. It asks the store again on every request; once the
 * store answers, the lane keeps to its share until the server window open at
 * that moment has reset (the store lost the counts the workers kept alone),
 * then shares again.
 */
export class KeyLane {
  readonly hints = new ServerHints();
  readonly counters: WindowCounter[];
  mode: LaneMode;
  /** A spent hard-stop budget (the monthly quota): every call fails until `until`. */
  stop: { budget: string; until: number } | undefined;
  /** In fallback: since when, and why (the store's error at that moment). */
  fallback: { since: number; reason: string } | undefined;
  /** What the store last said per budget, for snapshots. */
  shared: Record<string, { remaining: number; resetAt: number }> = {};
  readonly #queue: Waiter[] = [];
  #pumping = false;
  #wake = new AbortController();
  /** Fallback: nothing goes before this (the server window open when the store went away counts as spent). */
  #holdUntil = 0;
  /** Fallback, store back: share again from this time (the server window then open is the fallback's). */
  #rejoinAt: number | undefined;

  constructor(
    readonly keyHash: string,
    private readonly context: LaneContext,
  ) {
    this.counters = context.ownBudgets.map(windowCounter);
    this.mode = context.store ? "shared" : "local";
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves when this request may be sent; rejects with the signal's reason, or a QuotaExhaustedError. */
  admit(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, dispose: noop };
      waiter.dispose = onAbort(signal, (reason) => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        if (index === 0) this.#wakeUp();
        reject(reason);
      });
      this.#queue.push(waiter);
      if (!this.#pumping) void this.#pump();
    });
  }

  /** One answer came back: its headers, and whether it was `429 monthly_quota_exceeded`. */
  observe(status: number, headers: Headers, quotaExceeded: boolean): void {
    const now = this.context.clock.now();
    const before = this.hints.resetAt;
    this.hints.observe(status, headers, now);
    const store = this.context.store;
    if (store && this.hints.resetAt !== before && this.hints.resetAt !== undefined) {
      // A new server window: the store's window for the same budget must not end before it.
      const budget = this.#serverBudget();
      if (budget) store.shared.follow(this.keyHash, budget, this.hints.resetAt, now).catch(noop);
    }
    if (quotaExceeded) {
      const hardStop = this.#hardStopBudget();
      const until =
        resetEpochMs(headers.get("x-ratelimit-reset"), now) ??
        this.#counterFor(hardStop?.name)?.resetAt(now) ??
        nextUtcMonthStart(now);
      this.stop = { budget: hardStop?.name ?? "monthly", until };
      // Every other worker learns it from the store, without spending a request to find out.
      if (this.context.store && hardStop) {
        this.context.store.shared.stop(this.keyHash, hardStop, until, now).catch(noop);
      }
    }
    if (status === 429) this.#wakeUp();
    this.context.changed(this);
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0]!;
        const now = this.context.clock.now();
        if (this.#stopped(now)) {
          this.#failAll();
          continue;
        }
        let wait = this.hints.waitMs(now, this.#reserve());
        if (wait > 0 && this.#isHardStop(wait)) {
          // The server's spent window is the monthly quota: stop, rather than queue calls for weeks.
          this.stop = { budget: this.#hardStopBudget()?.name ?? "monthly", until: now + wait };
          this.context.changed(this);
          continue;
        }
        if (wait === 0 && this.context.store) wait = await this.#askStore(head, now);
        else if (wait === 0) wait = this.#localWait(now);
        if (wait < 0) continue;
        if (wait > 0) {
          await this.context.clock.sleep(wait, this.#wake.signal).catch(noop);
          continue;
        }
        this.#grant(now);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** 0: go; > 0: wait that long; -1: look again at once (the head left, or a hard stop began). */
  async #askStore(head: Waiter, now: number): Promise<number> {
    const { shared, budgets } = this.context.store!;
    const connecting = shared.ready?.();
    if (connecting) {
      // The store is not ready yet (a client still connecting): wait, then look again with a fresh clock.
      await connecting.catch((error: unknown) => this.#storeAway(error, this.context.clock.now()));
      return -1;
    }
    let taken: Awaited<ReturnType<SharedBudgetStore["take"]>>;
    try {
      taken = await shared.take(this.keyHash, budgets, now);
    } catch (error) {
      return this.#storeAway(error, now);
    }
    if (this.mode === "fallback") {
      // The store lost the counts the workers kept alone: share again once the server window open now has reset.
      // Until then a request needs the share's consent too, and the store's, so the store counts it for the others.
      this.#rejoinAt ??= this.#serverWindowEnd(now);
      if (now < this.#rejoinAt || now < this.#holdUntil) {
        const local = Math.max(this.#holdUntil - now, this.#localWait(now));
        if (taken.granted) {
          if (local === 0 && this.#queue[0] === head) return 0;
          await shared.refund(this.keyHash, budgets, now).catch(noop);
          return local === 0 ? -1 : local;
        }
        if (taken.hardStop === undefined) return Math.max(1, local, taken.waitMs);
      } else {
        this.#rejoinAt = undefined;
        this.#setMode("shared");
      }
    }
    if (!taken.granted) {
      if (taken.hardStop !== undefined) {
        this.stop = { budget: taken.hardStop, until: now + taken.waitMs };
        this.context.changed(this);
        return -1;
      }
      return Math.max(1, taken.waitMs);
    }
    if (taken.budgets) this.shared = taken.budgets;
    if (this.#queue[0] !== head) {
      // Aborted while the store answered: the request is not sent, so its place in the budget goes back.
      await shared.refund(this.keyHash, budgets, now).catch(noop);
      return -1;
    }
    return 0;
  }

  /** The store failed: fall back (saying when and why) or stay there, and wait as the share says. */
  #storeAway(error: unknown, now: number): number {
    if (this.mode === "shared") {
      // What the others sent in the server's current window is unknown now: let it reset, then keep to the share.
      this.#holdUntil = this.#serverWindowEnd(now);
      this.fallback = { since: now, reason: storeError(error) };
      this.#setMode("fallback");
    }
    this.#rejoinAt = undefined;
    return Math.max(this.#holdUntil - now, this.#localWait(now));
  }

  /** Alone, or while the store is away: this process's own counts (the whole budget, or its share). */
  #localWait(now: number): number {
    let wait = 0;
    for (const counter of this.counters) {
      const ms = counter.waitMs(now);
      if (ms > 0 && counter.budget.hardStop) {
        this.stop = { budget: counter.budget.name, until: now + ms };
        this.context.changed(this);
        return -1;
      }
      wait = Math.max(wait, ms);
    }
    for (const counter of this.context.ipCounters) wait = Math.max(wait, counter.waitMs(now));
    return wait;
  }

  #grant(now: number): void {
    const head = this.#queue.shift()!;
    head.dispose();
    // Counted even while the store counts: if it goes away, the share already holds what this worker sent.
    for (const counter of this.counters) counter.record(now);
    for (const counter of this.context.ipCounters) counter.record(now);
    this.hints.sent();
    head.resolve();
  }

  #stopped(now: number): boolean {
    if (this.stop && this.stop.until <= now) {
      this.stop = undefined;
      this.context.changed(this);
    }
    return this.stop !== undefined;
  }

  #failAll(): void {
    const { budget, until } = this.stop!;
    for (const waiter of this.#queue.splice(0)) {
      waiter.dispose();
      waiter.reject(new QuotaExhaustedError(budget, until));
    }
  }

  /** Server requests left to the other workers: none while the store coordinates them. */
  #reserve(): number {
    const store = this.context.store;
    if (!store || this.mode === "shared") return 0;
    return store.workers - 1;
  }

  /**
   * When the server's current window ends: as its headers said, or, if the last word is from a window that has
   * ended, at the latest one window from now (a new one may have begun since).
   */
  #serverWindowEnd(now: number): number {
    const resetAt = this.hints.resetAt;
    if (resetAt !== undefined && resetAt > now) return resetAt;
    const budget = this.#serverBudget();
    return budget ? now + (budget.window as number) : now;
  }

  /** The shared budget the server's headers describe: the rolling window whose limit they name. */
  #serverBudget(): RateLimitBudget | undefined {
    return this.context.store?.budgets.find((b) => b.limit === this.hints.limit && b.window !== "utc-month");
  }

  #setMode(mode: LaneMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    if (mode !== "fallback") this.fallback = undefined;
    this.context.changed(this);
  }

  #hardStopBudget(): RateLimitBudget | undefined {
    return (this.context.store?.budgets ?? this.context.ownBudgets).find((budget) => budget.hardStop);
  }

  /** A wait the server asks for is the hard stop when its limit is that budget's, or it outlasts a day of windows. */
  #isHardStop(wait: number): boolean {
    const hardStop = this.#hardStopBudget();
    if (
      hardStop &&
      this.hints.limit === hardStop.limit &&
      this.hints.remaining !== undefined &&
      this.hints.remaining <= 0
    ) {
      return true;
    }
    return wait > this.context.longestWindowMs * 24;
  }

  #counterFor(name: string | undefined): WindowCounter | undefined {
    return this.counters.find((counter) => counter.budget.name === name);
  }

  #wakeUp(): void {
    this.#wake.abort();
    this.#wake = new AbortController();
  }
}
