import { stat } from "node:fs/promises";
import { APIConnectionError, type LoyaltyDogClient } from "../index.js";
import { downloadToFile } from "../node/index.js";
import { type CompletedExport, classifyTaskState, WaitTimeoutError, waitForAuditLogExport } from "../tasks.js";
import type { CliContext } from "./context.js";
import { formatBytes, formatElapsed } from "./progress.js";
import { terminalSafe } from "./terminal-text.js";

/**
 * The part `audit-logs export` and `tasks wait` share: wait with a live
 * status line, then save the file to `out` (streamed to a temporary
 * `<out>.<random>.part` until complete, or to `<out>.part`, kept on failure,
 * with `resume`), or print the URL when there is no `out`.
 */
export async function waitAndSave(
  ctx: Pick<CliContext, "signal" | "progress" | "stdout">,
  client: LoyaltyDogClient,
  taskId: string,
  out: string | undefined,
  options: { resume: boolean } = { resume: false },
): Promise<CompletedExport> {
  const { progress, signal } = ctx;
  const started = Date.now();
  let done: CompletedExport;
  let last = { state: "starting", polls: 0 };
  let received = false;
  const show = () =>
    progress.update(
      `export ${taskId}: ${last.state} · ${last.polls} ${last.polls === 1 ? "poll" : "polls"} · ${formatElapsed(Date.now() - started)}`,
    );
  // Polls drift apart to 15 s on long tasks; on a terminal the elapsed time keeps ticking between them.
  const ticker = progress.live ? setInterval(show, 1000) : undefined;
  try {
    done = await waitForAuditLogExport(client, taskId, {
      signal,
      onProgress: ({ status, polls }) => {
        last = { state: status.status, polls };
        received = true;
        // The final state is said once, by the line that ends the wait (below) or the error.
        if (classifyTaskState(status.status) === "running") show();
      },
      // The wait rides these out (the client has retried each already); the line says so instead of standing still.
      onPollError: ({ error, consecutiveFailures, polls }) => {
        const why = error instanceof Error ? error.message : String(error);
        last = { state: `polls failing (${consecutiveFailures} in a row: ${why})`, polls };
        show();
      },
    });
  } catch (error) {
    progress.fail(`export ${taskId}: stopped after ${formatElapsed(Date.now() - started)}`);
    if (error instanceof APIConnectionError && !received) {
      // The SDK ends a wait that never got a status on a connection error: most likely configuration.
      progress.fail("no status received: check LOYALTYDOG_BASE_URL and the network");
    }
    if (error instanceof WaitTimeoutError) {
      // Still running server-side: say how to pick the wait up again.
      progress.fail(`still running; resume with: loyaltydog tasks wait ${taskId}`);
    }
    throw error;
  } finally {
    clearInterval(ticker);
  }
  progress.done(`export ${taskId}: ${done.status} (${formatElapsed(Date.now() - started)})`);
  if (out) {
    progress.update(`downloading to ${out} …`);
    // Chunks arrive every few ms; a status line twice a second is plenty (and keeps CI logs short).
    let shownAt = Date.now();
    try {
      const saved = await downloadToFile(client, done.downloadUrl, out, {
        signal,
        resume: options.resume,
        onProgress: ({ bytes, total }) => {
          if (Date.now() - shownAt < 500) return;
          shownAt = Date.now();
          progress.update(`downloading to ${out}: ${formatBytes(bytes)}${total ? ` of ${formatBytes(total)}` : ""}`);
        },
      });
      const resumed = saved.resumedFrom > 0 ? `, ${formatBytes(saved.resumedFrom)} of it from ${out}.part` : "";
      progress.done(`saved ${saved.path} (${formatBytes(saved.bytes)}${resumed})`);
      ctx.stdout.write(`${saved.path}\n`);
    } catch (error) {
      const verb = signal.aborted ? "stopped" : "failed";
      const kept = options.resume ? await stat(`${out}.part`).catch(() => undefined) : undefined;
      if (kept?.isFile()) {
        // The presigned URL may have expired by then: `tasks wait` asks for the task again, which signs a fresh one.
        progress.fail(
          `download to ${out} ${verb}; ${formatBytes(kept.size)} kept in ${out}.part, continue with: loyaltydog tasks wait ${terminalSafe(taskId)} --out ${out} --resume`,
        );
      } else {
        progress.fail(`download to ${out} ${verb}; nothing was written`);
      }
      throw error;
    }
  } else {
    // No --out: hand over the (presigned, ~1 h) URL so the user can fetch it another way.
    ctx.stdout.write(`${terminalSafe(done.downloadUrl)}\n`);
  }
  return done;
}
