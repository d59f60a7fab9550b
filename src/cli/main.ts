#!/usr/bin/env node
// The `loyaltydog` bin.
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2));
// Exit only once stdout and stderr have handed everything to the OS: a pipe to a slow reader holds what it has
// not taken yet, and `process.exit` before that cuts the output. Then exit explicitly, so idle keep-alive
// sockets to the API cannot hold the process open.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();

/** Resolves when every write queued on `stream` so far has been flushed (write callbacks run in order). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    // An empty write queues behind the others; an error (the reader went away) settles it too.
    else stream.write("", () => resolve());
  });
}
