import type { Direction, SchemaNode } from "./schema-ir.js";

/** Prints schema trees as one schema library's source. The module builder is the same for every library. */
export interface ValidatorEmitter {
  /** The import line(s) the module starts with. */
  readonly imports: string;
  /** The import of the string-format checks from `specifier`, added when the module checks a format. */
  formatImport(specifier: string): string;
  /** The TypeScript type of any schema, for the tables (keeps the inferred types out of declarations). */
  readonly schemaType: string;
  print(node: SchemaNode, ref: (name: string, direction: Direction) => string): string;
}

/**
 * Every call marked pure, so a bundler drops the schemas an app does not reach (valibot is built for that:
 * each check is a function of its own).
 */
const PURE = "/*#__PURE__*/ ";

export function literal(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}

/** A JSON Schema pattern as a regex literal (the spec's patterns compile in JavaScript: schema-ir.ts checked). */
export function regexLiteral(pattern: string): string {
  return `/${pattern.replace(/\\?\//g, "\\/").replace(/\n/g, "\\n")}/`;
}

export function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A default as an expression: a value, or for objects and arrays a function, so no two answers share one. */
export function defaultLiteral(value: unknown): string {
  return value !== null && typeof value === "object" ? `() => (${JSON.stringify(value)})` : JSON.stringify(value);
}

export const valibotEmitter: ValidatorEmitter = {
  imports: 'import * as v from "valibot";',
  formatImport: (specifier) => `import { stringFormat } from ${JSON.stringify(specifier)};`,
  schemaType: "v.GenericSchema",
  print(node, ref) {
    const call = (fn: string, ...args: string[]) => `${PURE}v.${fn}(${args.join(", ")})`;
    const pipe = (base: string, actions: string[]) => (actions.length ? call("pipe", base, ...actions) : base);
    const print = (n: SchemaNode): string => {
      switch (n.k) {
        case "unknown":
          return call("unknown");
        case "null":
          return call("null");
        case "boolean":
          return call("boolean");
        case "string": {
          const actions: string[] = [];
          if (n.minLength !== undefined) actions.push(call("minLength", String(n.minLength)));
          if (n.maxLength !== undefined) actions.push(call("maxLength", String(n.maxLength)));
          if (n.pattern !== undefined) actions.push(call("regex", regexLiteral(n.pattern)));
          if (n.format !== undefined) actions.push(`${PURE}stringFormat(${literal(n.format)})`);
          return pipe(call("string"), actions);
        }
        case "number": {
          const actions: string[] = [];
          if (n.integer) actions.push(call("integer"));
          if (n.minimum !== undefined) actions.push(call("minValue", String(n.minimum)));
          if (n.maximum !== undefined) actions.push(call("maxValue", String(n.maximum)));
          if (n.exclusiveMinimum !== undefined) actions.push(call("gtValue", String(n.exclusiveMinimum)));
          if (n.exclusiveMaximum !== undefined) actions.push(call("ltValue", String(n.exclusiveMaximum)));
          return pipe(call("number"), actions);
        }
        case "enum": {
          const nonNull = n.values.filter((x) => x !== null);
          const inner =
            nonNull.length === 1
              ? call("literal", literal(nonNull[0] as string))
              : nonNull.every((x) => typeof x === "string" || typeof x === "number")
                ? call("picklist", `[${nonNull.map(literal).join(", ")}]`)
                : call("union", `[${nonNull.map((x) => call("literal", literal(x))).join(", ")}]`);
          return nonNull.length < n.values.length ? call("nullable", inner) : inner;
        }
        case "array": {
          const actions: string[] = [];
          if (n.minItems !== undefined) actions.push(call("minLength", String(n.minItems)));
          if (n.maxItems !== undefined) actions.push(call("maxLength", String(n.maxItems)));
          return pipe(call("array", print(n.item)), actions);
        }
        case "object": {
          const entries =
            n.props.length === 0
              ? "{}"
              : `{ ${n.props
                  .map((p) => {
                    if (!p.optional) return `${key(p.name)}: ${print(p.node)}`;
                    const fallback = p.default ? [defaultLiteral(p.default.value)] : [];
                    return `${key(p.name)}: ${call("optional", print(p.node), ...fallback)}`;
                  })
                  .join(", ")} }`;
          // Loose, not plain: a property the spec does not list is kept in what the validator hands back.
          if (n.rest === "loose") return call("looseObject", entries);
          if (n.rest === "strict") return call("strictObject", entries);
          return call("objectWithRest", entries, print(n.rest));
        }
        case "record":
          return call("record", call("string"), print(n.value));
        case "nullable":
          return call("nullable", print(n.inner));
        case "union":
          return call("union", `[${n.options.map(print).join(", ")}]`);
        case "intersect":
          return call("intersect", `[${n.options.map(print).join(", ")}]`);
        case "ref":
          return ref(n.name, n.direction);
      }
    };
    return print(node);
  },
};
