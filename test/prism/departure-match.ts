/**
 * Whether a Prism violation is one of the simulator's listed departures (SIMULATOR_DEPARTURES): same operation
 * (or `*`), and the violation is about what the entry names: the upstream status (Prism: "Unable to match the
 * returned status code"), the media type, or a request field the simulator accepts more loosely.
 */
import type { SimulatorDeparture } from "../../src/testing/index.js";
import type { PrismViolation } from "./violation-recorder.js";

const STATUS_VIOLATION = "Unable to match the returned status code";

export function isListedDeparture(
  departures: readonly SimulatorDeparture[],
  violation: PrismViolation,
  /** What the simulator answered (Prism's own status may be its 500 or 422). */
  upstreamStatus: number | undefined,
): boolean {
  const [method, path] = violation.operation.split(" ");
  return departures.some((d) => {
    if ((d.method !== "*" && d.method !== method) || (d.path !== "*" && d.path !== path)) return false;
    switch (d.kind) {
      case "status":
        return (
          upstreamStatus !== undefined &&
          (d.statuses ?? []).includes(String(upstreamStatus)) &&
          violation.message.startsWith(STATUS_VIOLATION)
        );
      case "media-type":
        return d.mediaType !== undefined && violation.message.includes(`media type "${d.mediaType}`);
      case "request":
        return violation.location[0] === "request" && (d.fields ?? []).includes(violation.location.slice(1).join("."));
      default:
        return false;
    }
  });
}
