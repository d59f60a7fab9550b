import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson } from "../../scripts/lib/canonical.js";

describe("canonical hashing", () => {
  it("ignores key order and whitespace at every depth", () => {
    const a = { openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/a": { get: { tags: ["t"] } } } };
    const b = JSON.parse(
      `{ "paths": {"/a": {"get": {"tags": ["t"]}}},\n "info": {"version": "1", "title": "x"}, "openapi": "3.1.0" }`,
    );
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalHash(b)).toBe(canonicalHash(a));
  });

  it("treats the order of sets as meaningless, and values and ordered arrays as meaningful", () => {
    expect(canonicalHash({ enum: ["a", "b"] })).toBe(canonicalHash({ enum: ["b", "a"] }));
    expect(canonicalHash({ required: ["a", "b"], type: ["string", "null"] })).toBe(
      canonicalHash({ required: ["b", "a"], type: ["null", "string"] }),
    );
    const param = (name: string) => ({ name, in: "query" });
    expect(canonicalHash({ parameters: [param("a"), param("b")] })).toBe(
      canonicalHash({ parameters: [param("b"), param("a")] }),
    );
    expect(canonicalHash({ allOf: [{ a: 1 }, { b: 1 }] })).not.toBe(canonicalHash({ allOf: [{ b: 1 }, { a: 1 }] }));
    // An example is data: a key called `tags` in it is not the keyword.
    expect(canonicalHash({ example: { tags: ["a", "b"] } })).not.toBe(canonicalHash({ example: { tags: ["b", "a"] } }));
    // A property called `enum` is a name, its schema keeps its own meaning.
    expect(canonicalJson({ properties: { enum: { type: "string" } } })).toBe(
      '{"properties":{"enum":{"type":"string"}}}',
    );
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: "1" }));
  });
});
