import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableName } from '../../lib/db/tables';

const attribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** Physical table names are fixed per stage, so other stacks can name them without a cross-stack import. */
export const tablePhysicalName = (stage: string, definition: TableDefinition) =>
  `sbm-crm-${stage}-${definition.id.toLowerCase()}`;

/**
 * The platform's DynamoDB tables, built from the shared table definitions: on-demand, encrypted with a
 * customer-managed KMS key, point-in-time recovery, TTL, and deletion protection where data is kept.
 */
export class DataConstruct extends Construct {
  readonly key: kms.Key;
  readonly tables: Record<TableName, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: { stage: string; retainData: boolean }) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new kms.Key(this, 'DataKey', {
      alias: `alias/sbm-crm-${props.stage}-data`,
      description: 'Encrypts SBM CRM tables',
      enableKeyRotation: true,
      removalPolicy,
    });
    const build = (definition: TableDefinition) => {
      const table = new dynamodb.Table(this, definition.id, {
        tableName: tablePhysicalName(props.stage, definition),
        partitionKey: attribute(definition.partitionKey),
        sortKey: definition.sortKey ? attribute(definition.sortKey) : undefined,
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: definition.ttlAttribute,
        deletionProtection: props.retainData,
        removalPolicy,
      });
      for (const index of definition.globalIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: attribute(index.sortKey),
          projectionType: dynamodb.ProjectionType[index.projection],
          ...(index.nonKeyAttributes && { nonKeyAttributes: [...index.nonKeyAttributes] }),
        });
      }
      return table;
    };
    this.tables = {
      main: build(tables.main),
      idempotency: build(tables.idempotency),
    };
  }
}
