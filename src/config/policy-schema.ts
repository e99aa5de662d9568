/** The `policies` section of the config file: SLA policies, matched in order, first match wins. */
import { z } from "zod";
import { duration } from "./values.js";

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "expected a name of letters, digits, '-', '_' or '.'");

const share = z.number().gt(0, "expected a share between 0 and 1").lt(1, "expected a share between 0 and 1");

/** A target as `2h`, or `{ target: 2h, warning: 0.5 }` (the warning share defaults to `warning_share`). */
const target = (field: string) =>
  z.preprocess(
    (value) =>
      value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))
        ? value
        : { target: value },
    z
      .object(
        { target: duration(field), warning: share.optional() },
        { error: (issue) => (issue.input === undefined ? "required: a target such as 2h" : undefined) },
      )
      .strict()
      .transform((t) => ({ targetMs: t.target, warningShare: t.warning ?? null })),
  );

const values = z.array(z.string().min(1)).min(1, "expected at least one value");

export const policySchema = z
  .object({
    name,
    match: z
      .object({
        accounts: values.optional(),
        sources: values.optional(),
        tags: values.optional(),
        priorities: values.optional(),
      })
      .strict()
      .optional(),
    calendar: z.string().min(1).optional(),
    targets: z
      .object({
        first_response: target("first_response"),
        next_response: target("next_response").optional(),
        resolution: target("resolution").optional(),
      })
      .strict(),
    responses: z
      .object({ automated: z.boolean().optional(), private_replies: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type PolicySettings = z.infer<typeof policySchema>;

export const policiesSchema = z.array(policySchema).superRefine((policies, ctx) => {
  const seen = new Map<string, number>();
  let catchAll: number | null = null;
  policies.forEach((policy, i) => {
    const before = seen.get(policy.name);
    if (before !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [i, "name"],
        message: `policies[${i}].name: "${policy.name}" is already policies[${before}]`,
      });
    }
    seen.set(policy.name, i);
    if (catchAll !== null) {
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: `policies[${i}]: never reached, policies[${catchAll}] before it matches every conversation`,
      });
    }
    const criteria = policy.match ? Object.keys(policy.match).length : 0;
    if (criteria === 0) catchAll ??= i;
    if (policy.name === "default" && criteria > 0) {
      ctx.addIssue({
        code: "custom",
        path: [i, "match"],
        message: `policies[${i}].match: the default policy matches every conversation and takes no match`,
      });
    }
  });
});
