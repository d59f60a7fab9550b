import { belowStability, deprecationDays, deprecationVerdict, stabilityOf, stabilityRank } from "./lifecycle.js";
import { type Json, type SchemaStep, whereOf } from "./schema-step.js";

/** A property deprecated or reactivated (with oasdiff's sunset policy), and its `x-stability-level` moving. */
export function compareSchemaLifecycle(step: SchemaStep, b: Json, a: Json): void {
  const { options } = step.walk;
  if (b.deprecated !== true && a.deprecated === true) {
    const days = deprecationDays(options, step.place.stability);
    const verdict = step.field.length > 0 ? deprecationVerdict(a, options, days) : null;
    if (verdict === null) step.say("deprecated", "deprecated");
    else if (verdict === "with-sunset")
      step.say("deprecated-with-sunset", `deprecated, sunset ${String(a["x-sunset"])}`);
    else if (verdict === "sunset-invalid")
      step.say("deprecated-sunset-invalid", `deprecated with an unreadable sunset ${JSON.stringify(a["x-sunset"])}`);
    else if (verdict === "sunset-missing")
      step.say("deprecated-sunset-missing", `deprecated without a sunset date (policy: ${days} days)`);
    else step.say("sunset-date-too-small", `deprecated with sunset ${String(a["x-sunset"])}, under ${days} days away`);
  }
  if (b.deprecated === true && a.deprecated !== true) step.say("reactivated", "no longer deprecated");
  const sb = stabilityOf(b);
  const sa = stabilityOf(a);
  if (sb === sa || step.field.length === 0) return;
  if (sa === "invalid") {
    step.emit(
      "api-invalid-stability-level",
      whereOf(step.place, step.field),
      `x-stability-level ${JSON.stringify(a["x-stability-level"])} is not draft, alpha, beta or stable`,
    );
    return;
  }
  // An invalid old level was said when it was set; from it, a move is not "up" or "down".
  if (sb === "invalid" || belowStability(options, step.place.stability) || belowStability(options, sb)) return;
  const where = whereOf(step.place, step.field);
  const text = `stability ${sb ?? "stable"} → ${sa ?? "stable"}`;
  const side = step.place.direction;
  if (stabilityRank(sa) < stabilityRank(sb)) step.emit(`${side}-property-stability-decreased`, where, text);
  else if (stabilityRank(sa) > stabilityRank(sb)) step.emit(`${side}-property-stability-increased`, where, text);
}
