import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * What a handler's code can reach, read from the source: every declaration referenced from the handler
 * file, followed transitively (calls, callbacks, classes, destructured dynamic imports), and the AWS calls
 * among them. It over-approximates by declaration (a function referenced is taken as called, every
 * branch as taken), which is the safe side for IAM: a grant it finds unneeded is truly unreachable.
 */
export interface ReachedAccess {
  /** DynamoDB document-client operations (lib/db/client.ts `documents.*`) per table. */
  tables: Partial<Record<'main' | 'idempotency', Set<string>>>;
  /**
   * Item kinds of TransactWriteItems built in reached code (Put, Update, Delete, ConditionCheck); each is
   * also in its table's set as `transactPut` and so on.
   */
  transactItems: Set<string>;
  /** Whether it appends audit entries (lib/audit `keepAuditEntry`). */
  keepsAudit: boolean;
  /** `awsClients.*` reached (lib/aws-clients.ts). */
  clients: Set<string>;
  /** Secrets named to `readConfiguredSecret`. */
  secrets: Set<string>;
  /** AWS SDK commands constructed in reached code (`new CreateApiKeyCommand(…)`), by class name. */
  commands: Set<string>;
}

const documentOps = new Set([
  'get',
  'put',
  'update',
  'delete',
  'query',
  'scan',
  'transactWrite',
  'batchGet',
  'batchWrite',
]);
const transactKinds = new Set(['Put', 'Update', 'Delete', 'ConditionCheck']);

/** `handlers` are the files it will be asked about: the program holds them and what they import, nothing else. */
export function createAccessAnalyser(root: string, handlers: readonly string[]) {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const program = ts.createProgram({
    rootNames: handlers.map((handler) => join(root, handler)),
    options: { ...parsed.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const inProject = (file: ts.SourceFile) =>
    !file.isDeclarationFile && !file.fileName.includes('/node_modules/') && file.fileName.startsWith(root);
  const fileOf = (node: ts.Node) => relative(root, node.getSourceFile().fileName);

  function targetsOf(symbol: ts.Symbol | undefined): ts.Declaration[] {
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const found: ts.Declaration[] = [];
    for (const declaration of symbol.declarations ?? []) {
      // `const { name } = await import('…')` and `.then(({ name }) => …)`: the export it names.
      if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
        const property = (declaration.propertyName ?? declaration.name).getText();
        const type = checker.getTypeAtLocation(declaration.parent);
        for (const inner of type.getProperty(property)?.declarations ?? []) found.push(inner);
        continue;
      }
      found.push(declaration);
    }
    return found.filter((declaration) => inProject(declaration.getSourceFile()));
  }

  /**
   * `skip` names declarations (`<file>:<name>`) not to follow: code the handler references but never runs,
   * such as the request authentication of another kind of route than its own.
   */
  return function analyse(handlerFile: string, skip: readonly string[] = []): ReachedAccess {
    const source = program.getSourceFile(join(root, handlerFile));
    if (!source) throw new Error(`${handlerFile} is not part of the program`);
    const reached: ReachedAccess = {
      tables: {},
      transactItems: new Set(),
      keepsAudit: false,
      clients: new Set(),
      secrets: new Set(),
      commands: new Set(),
    };
    const seen = new Set<ts.Node>();
    const cameFrom = new Map<ts.Node, ts.Node>();
    const chain = (node: ts.Node) => {
      const names: string[] = [];
      for (let at: ts.Node | undefined = node; at; at = cameFrom.get(at))
        names.push(`${fileOf(at)}:${ts.getNameOfDeclaration(at as ts.Declaration)?.getText() ?? ''}`);
      return names;
    };
    const queue: ts.Node[] = [source];
    const recordDocumentOp = (op: string, at: ts.Node) => {
      const table = fileOf(at) === 'lib/events/idempotency-store.ts' ? 'idempotency' : 'main';
      (reached.tables[table] ??= new Set()).add(op);
      if (process.env.ACCESS_TRACE === op) console.error(op, chain(current));
    };
    let current: ts.Node = source;
    while (queue.length > 0) {
      const node = queue.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      current = node;
      const visit = (child: ts.Node): void => {
        if (ts.isInterfaceDeclaration(child) || ts.isTypeAliasDeclaration(child) || ts.isTypeNode(child))
          return;
        if (ts.isImportDeclaration(child)) return;
        if (
          ts.isPropertyAssignment(child) &&
          transactKinds.has(child.name.getText()) &&
          ts.isObjectLiteralExpression(child.initializer)
        ) {
          reached.transactItems.add(child.name.getText());
          const table = /tableNameFromEnv\('idempotency'\)/.test(child.initializer.getText())
            ? 'idempotency'
            : 'main';
          (reached.tables[table] ??= new Set()).add(`transact${child.name.getText()}`);
        }
        if (ts.isPropertyAccessExpression(child) && ts.isIdentifier(child.expression)) {
          const objectTargets = targetsOf(checker.getSymbolAtLocation(child.expression));
          const isDeclaredIn = (file: string, name: string) =>
            objectTargets.some(
              (target) =>
                fileOf(target) === file && ts.isVariableDeclaration(target) && target.name.getText() === name,
            );
          if (isDeclaredIn('lib/db/client.ts', 'documents')) {
            if (documentOps.has(child.name.text)) recordDocumentOp(child.name.text, child);
            return;
          }
          if (isDeclaredIn('lib/aws-clients.ts', 'awsClients')) {
            reached.clients.add(child.name.text);
            return;
          }
        }
        if (
          ts.isCallExpression(child) &&
          ts.isIdentifier(child.expression) &&
          child.expression.text === 'readConfiguredSecret' &&
          child.arguments[0] &&
          ts.isStringLiteral(child.arguments[0])
        )
          reached.secrets.add(child.arguments[0].text);
        if (
          ts.isNewExpression(child) &&
          ts.isIdentifier(child.expression) &&
          child.expression.text.endsWith('Command')
        )
          reached.commands.add(child.expression.text);
        if (ts.isIdentifier(child)) {
          for (const target of targetsOf(checker.getSymbolAtLocation(child))) {
            const named = ts.getNameOfDeclaration(target);
            if (named && skip.includes(`${fileOf(target)}:${named.getText()}`)) continue;
            if (fileOf(target) === 'lib/audit/index.ts' && target.getText().startsWith('keepAuditEntry'))
              reached.keepsAudit = true;
            if (!seen.has(target)) {
              if (!cameFrom.has(target)) cameFrom.set(target, node);
              queue.push(target);
            }
          }
        }
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(node, visit);
    }
    return reached;
  };
}

/**
 * The IAM actions a function needs on each table for what its code reaches. A transaction needs the actions
 * of its items (IAM has no action for TransactWriteItems itself).
 */
export function neededTableActions(
  reached: ReachedAccess,
): Partial<Record<'main' | 'idempotency', string[]>> {
  const byOperation: Record<string, string> = {
    get: 'dynamodb:GetItem',
    batchGet: 'dynamodb:BatchGetItem',
    query: 'dynamodb:Query',
    scan: 'dynamodb:Scan',
    put: 'dynamodb:PutItem',
    transactPut: 'dynamodb:PutItem',
    update: 'dynamodb:UpdateItem',
    transactUpdate: 'dynamodb:UpdateItem',
    delete: 'dynamodb:DeleteItem',
    transactDelete: 'dynamodb:DeleteItem',
    transactConditionCheck: 'dynamodb:ConditionCheckItem',
    batchWrite: 'dynamodb:BatchWriteItem',
  };
  const needed: Partial<Record<'main' | 'idempotency', string[]>> = {};
  for (const [table, operations] of Object.entries(reached.tables) as [
    'main' | 'idempotency',
    Set<string>,
  ][]) {
    const actions = new Set(
      [...operations].filter((op) => op !== 'transactWrite').map((op) => byOperation[op]!),
    );
    needed[table] = [...actions].sort();
  }
  return needed;
}

/** Each kind of route authenticates its requests its own way (lib/http/handler.ts `callerOf`). */
const authentications = {
  pos: 'lib/pos/signature-check.ts:authenticatePosRequest',
  staff: 'lib/auth/staff-access.ts:staffAuthorityOf',
};

/** What `analyse` should not follow for a function: the authentication its route kind never runs. */
export function unusedAuthentication(trigger: {
  kind: string;
  route?: { auth: { kind: string } };
}): string[] {
  if (trigger.kind !== 'http' || !trigger.route) return [];
  const kind = trigger.route.auth.kind;
  return [
    ...(kind === 'pos' ? [] : [authentications.pos]),
    ...(kind === 'staff' || kind === 'anyStaff' ? [] : [authentications.staff]),
  ];
}
