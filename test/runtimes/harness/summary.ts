// vitest globalSetup: clears the row file before the run and prints the runtime table after it.
import { formatRows, resetRows } from "./rows.js";

export function setup(): void {
  resetRows();
}

export function teardown(): void {
  process.stdout.write(formatRows());
}
