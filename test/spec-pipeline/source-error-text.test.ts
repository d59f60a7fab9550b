import { describe, expect, it } from "vitest";
import { parseOpenApi, SpecSourceError } from "../../scripts/lib/spec-source.js";

// `spec:pull` and `spec:check` report a bad source in one line ("exits non-zero with a one-line reason").
describe("a source that is not JSON", () => {
  it.each([
    ["an HTML page with line breaks", "<!doctype html>\n<html>\r\n<title>502</title>\n</html>\n"],
    ["text with tabs and breaks", "openapi:\t3.1.0\npaths:\n  /x: {}\n"],
  ])("is refused with a one-line reason: %s", (_, text) => {
    let error: unknown;
    try {
      parseOpenApi("spec.json", text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecSourceError);
    expect((error as SpecSourceError).kind).toBe("not-json");
    expect((error as SpecSourceError).message).toMatch(/not valid JSON/);
    expect((error as SpecSourceError).message).not.toMatch(/[\r\n\t]/);
  });
});
