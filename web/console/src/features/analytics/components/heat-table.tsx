import type { CSSProperties } from 'react';

export interface HeatTableProps {
  caption: string;
  /** What the rows are, above their headers. */
  corner: string;
  rowLabels: string[];
  columnLabels: string[];
  /** values[row][column]; null where there is no figure. */
  values: (number | null)[][];
  format: (value: number) => string;
}

const cellStyle = (value: number | null, max: number): CSSProperties => {
  if (value === null || max <= 0) return {};
  const strength = Math.max(0, Math.min(1, value / max));
  return {
    background: `rgba(20, 86, 201, ${(0.08 + strength * 0.82).toFixed(2)})`,
    // Dark cells get white figures, so every figure keeps its contrast.
    color: strength > 0.5 ? '#fff' : undefined,
  };
};

/** A matrix whose cells are shaded by their value: a cohort's retention, tier-to-tier migration. */
export function HeatTable({ caption, corner, rowLabels, columnLabels, values, format }: HeatTableProps) {
  const max = Math.max(0, ...values.flat().filter((value): value is number => value !== null));
  return (
    <div className="heat-table-scroll" style={{ overflowX: 'auto' }}>
      <table
        className="heat-table"
        style={{ borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}
      >
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0 0 8px' }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left', padding: '4px 8px' }}>
              {corner}
            </th>
            {columnLabels.map((label) => (
              <th key={label} scope="col" style={{ padding: '4px 8px', whiteSpace: 'nowrap' }}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowLabels.map((label, row) => (
            <tr key={label}>
              <th scope="row" style={{ textAlign: 'left', padding: '4px 8px', whiteSpace: 'nowrap' }}>
                {label}
              </th>
              {columnLabels.map((column, i) => {
                const value = values[row]?.[i] ?? null;
                return (
                  <td
                    key={column}
                    style={{ padding: '4px 8px', textAlign: 'right', minWidth: 56, ...cellStyle(value, max) }}
                  >
                    {value === null ? '' : format(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
