/**
 * Abort plumbing, in one place: the transport, the body reader, sleeps, the
 * poller and downloads all need "do this when that signal aborts, and stop
 * listening when done". A listener left on a long-lived caller signal is a
 * leak (and, past ten, a MaxListenersExceededWarning), so every helper here
 * hands back its own disposer.
 */

/** Runs `onAbort` once when `signal` aborts (at once if it already has); returns the unsubscribe. */
export function onAbort(signal: AbortSignal | undefined, onAbort: (reason: unknown) => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    onAbort(signal.reason);
    return noop;
  }
  const listener = () => onAbort(signal.reason);
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

/** A signal of our own that follows `parent`; `dispose()` drops the listener on the parent. */
export function linkSignal(parent: AbortSignal | undefined): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const dispose = onAbort(parent, (reason) => controller.abort(reason));
  return { signal: controller.signal, dispose };
}

/**
 * Settles with the promise, or rejects with the signal's reason as soon as it
 * aborts, even when the work behind the promise ignores the signal.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const dispose = onAbort(signal, (reason) => {
      // The abandoned work may still reject later; nobody is listening any more.
      promise.catch(noop);
      reject(reason);
    });
    promise.then(
      (value) => {
        dispose();
        resolve(value);
      },
      (error: unknown) => {
        dispose();
        reject(error);
      },
    );
  });
}

/** Resolves after `ms` (real timers); rejects with the signal's reason as soon as it aborts, clearing the timer. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // A signal already aborted rejects at once, through onAbort, and clears the timer just set.
    const timer = setTimeout(
      () => {
        dispose();
        resolve();
      },
      Math.max(0, ms),
    );
    const dispose = onAbort(signal, (reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}

export function noop(): void {}

/**
 * An AbortController that also aborts when `parent` does, or when `ms` pass
 * (with `reason()`): one per attempt, so every attempt has an exact deadline
 * and undici's listener lands on a signal nobody else shares. One object is
 * the listener (`handleEvent`) and the timer's argument, so an attempt
 * allocates no closures. `dispose()` clears both.
 */
export class Deadline {
  readonly controller = new AbortController();
  expired = false;
  readonly #parent: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #reason: () => unknown;

  /** `reason` builds the timeout's error; an Error, so every rejection prints. */
  constructor(parent: AbortSignal | undefined, ms: number, reason: () => unknown) {
    this.#parent = parent;
    this.#reason = reason;
    this.#timer = setTimeout(expire, ms, this);
    parent?.addEventListener("abort", this);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The parent aborted: follow it. */
  handleEvent(): void {
    this.controller.abort(this.#parent?.reason);
  }

  /** Time is up: abort with the timeout's reason. */
  expire(): void {
    this.expired = true;
    this.controller.abort(this.#reason());
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#parent?.removeEventListener("abort", this);
  }
}

function expire(deadline: Deadline): void {
  deadline.expire();
}
