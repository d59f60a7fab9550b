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

  it("treats array order and values as meaningful", () => {
    expect(canonicalHash({ enum: ["a", "b"] })).not.toBe(canonicalHash({ enum: ["b", "a"] }));
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: "1" }));
  });
});
