import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartUpRefusal } from './start-up-refusal';

/**
 * The format of a local data folder this version writes. Raise it with every change an earlier version
 * could not read back (an upgrade step in upgrade-data.ts, a new index): an earlier version then refuses
 * the folder instead of damaging it. A folder without the file is from before formats were recorded: 0.
 */
export const LOCAL_DATA_FORMAT = 1;
export const DATA_FORMAT_FILE = 'format-version';

export const newerDataFormat = (dir: string, recorded: string) => {
  const numbered = /^\d+$/.test(recorded);
  const format = numbered ? `data format ${recorded}` : `a data format "${recorded}"`;
  const movedAway = `${dir}-${numbered ? `format-${recorded}` : 'newer'}`;
  return new StartUpRefusal(
    `The data folder ${dir} was written by a newer version of SBM CRM (${format} in its ${DATA_FORMAT_FILE} file; this version reads formats up to ${LOCAL_DATA_FORMAT}), and starting on it could damage its data. Update this checkout to that version (\`git pull && npm ci\`), or move the folder away to start over with fresh demo data (\`mv "${dir}" "${movedAway}"\`), or keep it and start on another folder with CRM_DATA_DIR, or in memory with CRM_DATA=memory.`,
  );
};

/** Refuses a data folder a newer version wrote; an older one is upgraded by upgrade-data.ts. */
export function refuseNewerDataFormat(dir: string) {
  const file = join(dir, DATA_FORMAT_FILE);
  if (!existsSync(file)) return;
  const recorded = readFileSync(file, 'utf8').trim();
  if (!/^\d+$/.test(recorded) || Number(recorded) > LOCAL_DATA_FORMAT) throw newerDataFormat(dir, recorded);
}

/** Records that the folder now holds this version's format (once its upgrade is done). */
export function recordDataFormat(dir: string) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DATA_FORMAT_FILE);
  // Written aside and renamed, so an interrupted start never leaves a half-written format behind.
  writeFileSync(`${file}.tmp`, `${LOCAL_DATA_FORMAT}\n`);
  renameSync(`${file}.tmp`, file);
}
