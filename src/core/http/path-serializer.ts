import { InvalidArgumentError } from "../errors/invalid-argument.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * Fills `{param}` slots, always percent-encoded. Stricter than openapi-fetch's
 * default on purpose: a missing or empty value is an error (the default
 * leaves `{task_id}` in the URL, or `/export/` hits another route). A `/`
 * inside a value is encoded (`../token` stays one segment), and the values
 * `.` and `..` are refused: URL parsers treat them (even percent-encoded) as
 * "this" and "parent" directory, so no encoding keeps them in place.
 */
export function serializePath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(PATH_PARAM, (_slot, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") {
      throw new InvalidArgumentError(`path parameter "${name}" is required for ${template}`);
    }
    if (typeof value === "object") {
      throw new InvalidArgumentError(`path parameter "${name}" must be a string or number, not ${typeof value}`);
    }
    const text = String(value);
    if (text === "." || text === "..") {
      throw new InvalidArgumentError(`path parameter "${name}" cannot be "${text}": it would change the path`);
    }
    return encodeURIComponent(text);
  });
}
