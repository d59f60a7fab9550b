/** `GET /v2/token`: who the caller is. */
import type { HttpHandler } from "msw";
import { fixtures } from "../../fixtures.js";
import type { Simulation } from "../route-context.js";

export function accountRoutes({ http, config }: Simulation): HttpHandler[] {
  return [http.get("/v2/token", ({ response }) => response(200).json(fixtures.userRead(config.user)))];
}
