// The zod 4 printer for the same schema reading scripts/lib/validators/ uses, so bench/validation-libraries.ts
// compares valibot and zod on exactly the same rules. Not used by `npm run generate` (valibot was chosen).
import {
  defaultLiteral,
  key,
  literal,
  regexLiteral,
  type ValidatorEmitter,
} from "../../scripts/lib/validators/emitter.js";
import type { SchemaNode } from "../../scripts/lib/validators/schema-ir.js";

/**
 * zod 4 in its functional style (checks passed to `.check()`, `z.optional(x)`), which classic zod and its
 * tree-shakable flavour `zod/mini` both accept: one printer, two imports.
 */
function zodFamily(
  imports: string,
  schemaType: string,
  catchall: (object: string, rest: string) => string,
): ValidatorEmitter {
  return {
    imports,
    schemaType,
    // The very predicates the valibot validators use, so both libraries check the same formats.
    formatImport: (specifier) => `import { STRING_FORMATS } from ${JSON.stringify(specifier)};`,
    print(node, ref) {
      const checked = (base: string, checks: string[]) =>
        checks.length ? `${base}.check(${checks.join(", ")})` : base;
      const print = (n: SchemaNode): string => {
        switch (n.k) {
          case "unknown":
            return "z.unknown()";
          case "null":
            return "z.null()";
          case "boolean":
            return "z.boolean()";
          case "string": {
            const checks: string[] = [];
            if (n.minLength !== undefined) checks.push(`z.minLength(${n.minLength})`);
            if (n.maxLength !== undefined) checks.push(`z.maxLength(${n.maxLength})`);
            if (n.pattern !== undefined) checks.push(`z.regex(${regexLiteral(n.pattern)})`);
            if (n.format !== undefined) checks.push(`z.refine(STRING_FORMATS[${literal(n.format)}])`);
            return checked("z.string()", checks);
          }
          case "number": {
            const checks: string[] = [];
            if (n.minimum !== undefined) checks.push(`z.gte(${n.minimum})`);
            if (n.maximum !== undefined) checks.push(`z.lte(${n.maximum})`);
            if (n.exclusiveMinimum !== undefined) checks.push(`z.gt(${n.exclusiveMinimum})`);
            if (n.exclusiveMaximum !== undefined) checks.push(`z.lt(${n.exclusiveMaximum})`);
            return checked(n.integer ? "z.int()" : "z.number()", checks);
          }
          case "enum": {
            const nonNull = n.values.filter((x) => x !== null);
            const inner = nonNull.every((x) => typeof x === "string")
              ? nonNull.length === 1
                ? `z.literal(${literal(nonNull[0] as string)})`
                : `z.enum([${nonNull.map(literal).join(", ")}])`
              : `z.literal([${nonNull.map(literal).join(", ")}])`;
            return nonNull.length < n.values.length ? `z.nullable(${inner})` : inner;
          }
          case "array": {
            const checks: string[] = [];
            if (n.minItems !== undefined) checks.push(`z.minLength(${n.minItems})`);
            if (n.maxItems !== undefined) checks.push(`z.maxLength(${n.maxItems})`);
            return checked(`z.array(${print(n.item)})`, checks);
          }
          case "object": {
            const prop = (p: (typeof n.props)[number]) =>
              !p.optional
                ? print(p.node)
                : p.default
                  ? `z._default(${print(p.node)}, ${defaultLiteral(p.default.value)})`
                  : `z.optional(${print(p.node)})`;
            const entries = `{ ${n.props.map((p) => `${key(p.name)}: ${prop(p)}`).join(", ")} }`;
            if (n.rest === "loose") return `z.looseObject(${entries})`;
            if (n.rest === "strict") return `z.strictObject(${entries})`;
            return catchall(`z.object(${entries})`, print(n.rest));
          }
          case "record":
            return `z.record(z.string(), ${print(n.value)})`;
          case "nullable":
            return `z.nullable(${print(n.inner)})`;
          case "union":
            return `z.union([${n.options.map(print).join(", ")}])`;
          case "intersect":
            return n.options.map(print).reduce((a, b) => `z.intersection(${a}, ${b})`);
          case "ref":
            return ref(n.name, n.direction);
        }
      };
      return print(node);
    },
  };
}

export const zodEmitter = zodFamily('import { z } from "zod";', "z.ZodType", (o, rest) => `${o}.catchall(${rest})`);
export const zodMiniEmitter = zodFamily(
  'import * as z from "zod/mini";',
  "z.ZodMiniType",
  (o, rest) => `z.catchall(${o}, ${rest})`,
);
