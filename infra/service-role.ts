/** @module Infrastructure (permissions): a role an AWS service assumes to act for Clarion, allowed exactly the given statements. */

/**
 * Creates `<name>Role`, trusted by `service` only, and `<name>Policy` with `statements`. With
 * `sourceAccount`, the service may assume the role only on behalf of that account (the
 * confused-deputy guard AWS recommends where the service supports it).
 */
export function serviceRole(name: string, args: { service: string; description: string; statements: unknown[]; sourceAccount?: $Input<string> }) {
  const trust = { Effect: 'Allow', Principal: { Service: args.service }, Action: 'sts:AssumeRole' };
  const role = new aws.iam.Role(`${name}Role`, {
    description: args.description,
    assumeRolePolicy: $jsonStringify({
      Version: '2012-10-17',
      Statement: [args.sourceAccount ? { ...trust, Condition: { StringEquals: { 'aws:SourceAccount': args.sourceAccount } } } : trust],
    }),
  });
  new aws.iam.RolePolicy(`${name}Policy`, {
    role: role.id,
    policy: $jsonStringify({ Version: '2012-10-17', Statement: args.statements }),
  });
  return role;
}
