/** @module Infrastructure (permissions): a role an AWS service assumes to act for Clarion, allowed exactly the given statements. */

/** Creates `<name>Role`, trusted by `service` only, and `<name>Policy` with `statements`. */
export function serviceRole(name: string, args: { service: string; description: string; statements: unknown[] }) {
  const role = new aws.iam.Role(`${name}Role`, {
    description: args.description,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: args.service }, Action: 'sts:AssumeRole' }],
    }),
  });
  new aws.iam.RolePolicy(`${name}Policy`, {
    role: role.id,
    policy: $jsonStringify({ Version: '2012-10-17', Statement: args.statements }),
  });
  return role;
}
