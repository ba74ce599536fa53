import { api, type CreateRewardImageUploadApiResponse, type Reward } from '@sbm/web-shared/api';

export const {
  useListAllRewardsQuery,
  useGetRewardQuery,
  useCreateRewardMutation,
  useUpdateRewardMutation,
  useRetireRewardMutation,
  useImportVoucherCodesMutation,
  useCreateRewardImageUploadMutation,
  useListRedemptionsQuery,
  useLazyLookUpPickupQuery,
  useCollectPickupMutation,
  useCancelRedemptionMutation,
} = api;

export type {
  ImportVoucherCodesApiResponse,
  ListAllRewardsApiArg,
  ListAllRewardsApiResponse,
  ListRedemptionsApiArg,
  ListRedemptionsApiResponse,
  LookUpPickupApiResponse,
} from '@sbm/web-shared/api';

export type { Reward };
export type RewardType = Reward['type'];
export type RewardCategory = NonNullable<Reward['category']>;

export const REWARD_TYPES: readonly RewardType[] = ['coupon', 'voucher', 'physical'];
export const REWARD_CATEGORIES: readonly RewardCategory[] = [
  'dining',
  'shopping',
  'parking',
  'leisure',
  'beauty',
  'kids',
  'gift',
  'other',
];
export const REDEMPTION_STATUSES = ['issued', 'collected', 'cancelled'] as const;

/** What the API takes for a picture: its type and size, checked here first so staff hear at once. */
export const PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];
export const MAX_PICTURE_BYTES = 2 * 1024 * 1024;

export const pictureProblem = (file: File): 'pictureWrongType' | 'pictureTooBig' | undefined =>
  !(PICTURE_TYPES as readonly string[]).includes(file.type)
    ? 'pictureWrongType'
    : file.size > MAX_PICTURE_BYTES
      ? 'pictureTooBig'
      : undefined;

/**
 * Posts a picture with the presigned form the API gave: the form's fields, then the file. The storage
 * (S3, or the local cloud's) checks the type, size and signature; the form is not our API, so this is
 * the one request the generated client does not make.
 */
export async function postPicture(form: CreateRewardImageUploadApiResponse, file: File): Promise<void> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.upload.fields)) data.append(name, value);
  data.append('file', file);
  const answer = await fetch(form.upload.url, { method: 'POST', body: data });
  if (!answer.ok) throw new Error(`upload refused: ${answer.status}`);
}

/** The most rows one import takes (the API's limit). */
export const MAX_IMPORT_ROWS = 1000;
const HEADERS = new Set(['code', 'codes', 'voucher code', 'voucher_code', '券码', '券号', '兑换码']);

/** The first cell of a CSV line, unquoted ("a ""b""" → a "b"). */
function firstCell(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0] ?? '';
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (line[i] === '"') return cell;
    else cell += line[i];
  }
  return cell;
}

/**
 * The codes of a CSV file, read in the browser: the first column of every row, blank rows kept (the API
 * reports them, with their row numbers), a header row skipped, a final newline ignored. `firstRow` is the
 * file's row number of the first code, so the API's errors name the rows staff see in their editor.
 */
export function readVoucherCsv(text: string): { codes: string[]; firstRow: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = lines.length > 0 && HEADERS.has(firstCell(lines[0]!).trim().toLowerCase());
  return { codes: (header ? lines.slice(1) : lines).map(firstCell), firstRow: header ? 2 : 1 };
}
