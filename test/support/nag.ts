import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag's AwsSolutions findings left unacknowledged in a scope, each as "<rule> at <construct paths>". */
export const unacknowledgedFindings = (scope: IConstruct) =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.map(
      (violation) =>
        `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
