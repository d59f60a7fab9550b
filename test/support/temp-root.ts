import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";
import { context, type PipelineContext } from "../../scripts/lib/pipeline.js";

/** A scratch copy of the pipeline's config in a temp dir, so scripts can write pins and generated/ without touching the repo. */
export function tempRoot(argv: string[] = [], env: NodeJS.ProcessEnv = {}): PipelineContext & { dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), "ldsdk-"));
  cpSync(join(repoRoot, "openapi", "config.json"), join(root, "openapi", "config.json"), { recursive: true });
  return { ...context(argv, env, root), dispose: () => rmSync(root, { recursive: true, force: true }) };
}
