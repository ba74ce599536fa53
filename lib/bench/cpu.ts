import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time spent over a phase, and how many of the machine's cores that kept busy on average. */
export interface CpuSpent {
  /** This process: the local cloud's functions and emulators, and the load it is measured with. */
  nodeMs: number;
  /** DynamoDB Local's Java process; undefined where /proc cannot be read (not Linux). */
  dynamoMs: number | undefined;
  wallMs: number;
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * User and system time of another process so far, from /proc/<pid>/stat (fields 14 and 15, in clock
 * ticks); undefined when there is no such file.
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond() : undefined;
}

/** Starts counting this process's CPU time and DynamoDB Local's; `stop` answers what a phase spent. */
export function cpuClock(dynamoPid: number | undefined): { stop(): CpuSpent } {
  const nodeAtStart = process.cpuUsage();
  const dynamoAtStart = dynamoPid === undefined ? undefined : processCpuMs(dynamoPid);
  const startedAt = performance.now();
  return {
    stop() {
      const node = process.cpuUsage(nodeAtStart);
      const dynamoNow = dynamoPid === undefined ? undefined : processCpuMs(dynamoPid);
      return {
        nodeMs: (node.user + node.system) / 1000,
        dynamoMs:
          dynamoAtStart === undefined || dynamoNow === undefined ? undefined : dynamoNow - dynamoAtStart,
        wallMs: performance.now() - startedAt,
      };
    },
  };
}

/** CPU milliseconds of each side per unit of work, and the cores both kept busy together. */
export function cpuPerUnit(spent: CpuSpent, units: number) {
  const total = spent.nodeMs + (spent.dynamoMs ?? 0);
  return {
    nodeMs: spent.nodeMs / units,
    dynamoMs: spent.dynamoMs === undefined ? undefined : spent.dynamoMs / units,
    totalMs: total / units,
    coresBusy: total / spent.wallMs,
  };
}

/**
 * The bench's CPU figures: milliseconds per raw transaction and per credited purchase, on each side,
 * and the cores each phase kept busy. `pipeline_cpu_ratio` is the pipeline ratio a machine would show
 * if CPU bound both phases alike; on this one the baseline is not CPU-bound (its cores figure says so).
 */
export function cpuFigures(raw: ReturnType<typeof cpuPerUnit>, pipeline: ReturnType<typeof cpuPerUnit>) {
  const ms = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 100) / 100);
  return {
    raw_cpu_ms_per_tx: ms(raw.totalMs)!,
    raw_cpu_ms_node_dynamodb: `${ms(raw.nodeMs)} / ${ms(raw.dynamoMs) ?? '-'}`,
    raw_cores_busy: ms(raw.coresBusy)!,
    pipeline_cpu_ms_per_purchase: ms(pipeline.totalMs)!,
    pipeline_cpu_ms_node_dynamodb: `${ms(pipeline.nodeMs)} / ${ms(pipeline.dynamoMs) ?? '-'}`,
    pipeline_cores_busy: ms(pipeline.coresBusy)!,
    pipeline_cpu_ratio: Math.round((raw.totalMs / pipeline.totalMs) * 1000) / 1000,
  };
}
