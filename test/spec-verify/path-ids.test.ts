import { describe, expect, it } from "vitest";
import { firstItem, PathIds } from "../../src/spec-verify/path-ids.js";

describe("PathIds: ids for path parameters from the list answers above them", () => {
  it("fills each parameter from the first item of the list one level up, by its own name, snake_case, id or _id", () => {
    const ids = new PathIds();
    const path = "/v2/programs/{programId}/customers/{customerId}/offers/{offer_id}";
    expect(ids.resolve(path)).toEqual({ missing: "programId" });
    ids.learn("/v2/programs", { items: [{ id: "p1", name: "first" }, { id: "p2" }], total: 2 });
    expect(ids.resolve(path)).toEqual({ missing: "customerId" });
    ids.learn("/v2/programs/{programId}/customers", [{ customer_id: "c1", id: "not this one" }]);
    ids.learn("/v2/programs/{programId}/customers/{customerId}/offers", [{ _id: 7 }]);
    expect(ids.resolve(path)).toEqual({ params: { programId: "p1", customerId: "c1", offer_id: "7" } });
  });

  it("takes string lists as ids, and learns nothing from an empty list or an item without an id", () => {
    const ids = new PathIds();
    ids.learn("/v2/images", ["logo", "icon"]);
    expect(ids.resolve("/v2/images/{type}")).toEqual({ params: { type: "logo" } });
    ids.learn("/v2/things", { items: [] });
    expect(ids.resolve("/v2/things/{thingId}")).toEqual({ missing: "thingId" });
    ids.learn("/v2/others", [{ name: "no id here" }]);
    expect(ids.resolve("/v2/others/{otherId}")).toEqual({ missing: "otherId" });
  });

  it("firstItem: the array itself, or the first non-empty array among an object's fields", () => {
    expect(firstItem([1, 2])).toBe(1);
    expect(firstItem({ total: 1, tags: [], data: [{ id: "x" }] })).toEqual({ id: "x" });
    expect(firstItem({ id: "x" })).toBeUndefined();
    expect(firstItem(null)).toBeUndefined();
  });
});
