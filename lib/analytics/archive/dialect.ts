/**
 * Report SQL is written once, in Athena's (Trino) SQL, and run unchanged by DuckDB on a laptop. The few
 * differences live here and are listed in lib/analytics/README.md:
 * - DuckDB macros give it the Trino functions the reports use (`DUCKDB_MACROS`);
 * - integer division differs (Trino 7/2 = 3, DuckDB 3.5), so a division is only ever written as
 *   `CAST(<numerator> AS DOUBLE) / <denominator>`: `unsafeDivisions` finds any other, and a test runs it
 *   over every report;
 * - parameters: the reports name theirs (`:from`), compiled to positional `?` for both engines; Athena's
 *   ExecutionParameters are SQL literals, quoted by `athenaLiteral` alone.
 */

/** Trino functions DuckDB lacks, as DuckDB macros of the same name and meaning. */
export const DUCKDB_MACROS: readonly string[] = [
  // An ISO 8601 instant, with Z or an offset, as a timestamp with time zone.
  'CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
  // The instant seen in a zone: CAST(… AS DATE) of it is the zone's calendar day in both engines.
  'CREATE OR REPLACE MACRO at_timezone(t, z) AS timezone(z, t)',
  // Trino's sequence(start, stop) of dates, a day apart, both ends included.
  `CREATE OR REPLACE MACRO "sequence"(a, b) AS list_transform(range(0, date_diff('day', a, b) + 1), i -> CAST(a + to_days(CAST(i AS INTEGER)) AS DATE))`,
  'CREATE OR REPLACE MACRO date_format(t, f) AS strftime(t, f)',
  'CREATE OR REPLACE MACRO date_parse(s, f) AS strptime(s, f)',
  'CREATE OR REPLACE MACRO approx_distinct(x) AS approx_count_distinct(x)',
];

const NAMED_PARAMETER = /(?<![:\w]):([a-z][a-z_]*)\b/g;

/**
 * Named parameters (`:from`) as positional `?`, each bound as a string and cast to VARCHAR so DuckDB
 * never has to guess a parameter's type; the values follow in placeholder order.
 */
export function compileParameters(
  sql: string,
  values: Readonly<Record<string, string>>,
): { sql: string; params: string[] } {
  const params: string[] = [];
  // String literals are kept as they are: only the text between them names parameters.
  const compiled = withoutComments(sql)
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(NAMED_PARAMETER, (_, name: string) => {
            const value = values[name];
            if (value === undefined) throw new Error(`The report's SQL names :${name}, which has no value`);
            params.push(value);
            return 'CAST(? AS VARCHAR)';
          }),
    )
    .join('');
  return { sql: compiled, params };
}

const withoutComments = (sql: string) => sql.replace(/--[^\n]*/g, '');
const withoutStrings = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "''");

/**
 * Divisions written otherwise than `CAST(… AS DOUBLE) / …`, as the 1-based lines they are on: integer
 * division would give different figures on Athena and DuckDB.
 */
export function unsafeDivisions(sql: string): number[] {
  const text = withoutStrings(withoutComments(sql));
  const lines: number[] = [];
  for (let at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) {
    if (!/AS\s+DOUBLE\s*\)\s*$/i.test(text.slice(Math.max(0, at - 40), at)))
      lines.push(text.slice(0, at).split('\n').length);
  }
  return lines;
}

/**
 * A string as a Trino SQL literal for Athena's ExecutionParameters, which are spliced in as literals:
 * the one place a value becomes SQL text. Quotes are doubled; control characters are refused, as no
 * validated report value has them.
 */
export function athenaLiteral(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) throw new Error('A query parameter may not hold control characters');
  return `'${value.replaceAll("'", "''")}'`;
}
