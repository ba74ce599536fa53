/**
 * The one definition of every DynamoDB table. CDK builds the cloud tables from it and the local
 * cloud creates DynamoDB Local tables from it, so both always agree.
 *
 * Main table access patterns (single-table design, generic keys):
 * | entity            | pk                    | sk                  | notes                                  |
 * |-------------------|-----------------------|---------------------|----------------------------------------|
 * | customer profile  | CUSTOMER#<id>         | PROFILE             | gsi1: OPENID#<openid>                  |
 * | openid claim      | OPENID#<openid>       | OPENID              | uniqueness guard for one openid        |
 * |                   |                       |                     | (the mini program's)                   |
 * | unionid claim     | UNIONID#<unionid>     | UNIONID             | uniqueness guard: one member per       |
 * |                   |                       |                     | WeChat person across our apps          |
 * | OA openid claim   | OAOPENID#<openid>     | OAOPENID            | uniqueness guard: the Official         |
 * |                   |                       |                     | Account's openid (web sign-in)         |
 * | phone lookup      | PHONE#<sha256 of      | CUSTOMER#<id>       | members who bound the number (several  |
 * |                   | "+<cc> <phone>">      |                     | may share one): staff search, SMS      |
 * | phone sign-in     | SIGNINPHONE#<sha256   | SIGNINPHONE         | guard: who registered by SMS with the  |
 * | claim             | of E.164>             |                     | number (taken over once stale)         |
 * | SMS sign-in code  | SMSCODE#<sha256 of    | SMSCODE             | TTL; the hash of the number's one live |
 * |                   | E.164>                |                     | code, its tries (lib/auth/sms-codes)   |
 * | SMS send counters | SMSSEND#phone:<sha>,  | MINUTE, HOUR        | TTL; codes sent per number and per     |
 * |                   | SMSSEND#ip:<source>   |                     | source, refused at the limit           |
 * | name index        | NAMEINDEX#<id>        | PREFIX#<sha256>     | gsi1: NAMEPREFIX#<sha256 of a prefix   |
 * |                   |                       |                     | of the name> / CUSTOMER#<id>: staff    |
 * |                   |                       |                     | find members by name (customers README)|
 * | points account    | CUSTOMER#<id>         | LOYALTY#ACCOUNT     | balance projection of the ledger       |
 * | more stores       | CUSTOMER#<id>         | LOYALTY#MORE_STORES | stores visited beyond the account's    |
 * | ledger entry      | CUSTOMER#<id>         | LEDGER#<at>#<ref>   | redemptions, expiries, adjustments, …  |
 * | purchase record   | POSTX#<store>#<tx>    | PURCHASE            | guard of the credit; gsi3: its earn    |
 * |                   |                       |                     | entry on the member's ledger           |
 * | inbox message     | CUSTOMER#<id>         | INBOX#<ulid>        | newest first                           |
 * | refresh token     | REFRESH#<sha256>      | REFRESH             | TTL; rotates within a session family   |
 * | session family    | SESSION#<id>          | SESSION             | TTL; revoked on refresh-token reuse    |
 * | subject's session | SESSIONS#<kind>#<id>  | SESSION#<id>        | TTL; lists them to revoke all at once  |
 * | closed subject    | SESSIONS#<kind>#<id>  | CLOSED              | no new session (an erased member)      |
 * | staff member      | STAFF#<id>            | PROFILE             | gsi1: STAFFLIST / <createdAt>#<id>,    |
 * |                   |                       |                     | the staff list, newest first           |
 * | staff email claim | STAFFEMAIL#<email>    | STAFFEMAIL          | uniqueness guard; sign-in by email     |
 * | staff two-factor  | STAFF#<id>            | TWOFACTOR           | sealed TOTP secret, last step taken,   |
 * |                   |                       |                     | recovery code hashes (a string set)    |
 * | sign-in challenge | SIGNINCHALLENGE#<sha> | CHALLENGE           | TTL; the password step's, for its code |
 * | two-factor policy | SETTINGS#STAFF        | TWOFACTOR           | whether admins must use it             |
 * | WeChat token      | WECHAT#ACCESS_TOKEN   | WECHAT              | shared across function instances       |
 * | WeChat push nonce | WECHATPUSH#<nonce>    | NONCE               | TTL; a push is taken once (5 min)      |
 * | store             | STORE#<id>            | STORE               | gsi1: STORES / <id>, the store list    |
 * | POS key           | POSKEY#<id>           | POSKEY              | gsi1: STORE#<store> / POSKEY#<id>, a   |
 * |                   |                       |                     | store's keys (listed, rotated, stopped)|
 * | seed marker       | SEED#<name>           | SEED                | local demo data only                   |
 * | audit entry       | AUDIT#<UTC day>       | <at>#<ulid>         | gsi1: AUDIT#TARGET#<target> / <at>     |
 * | audit copies      | AUDIT#ACTOR#<actor>,  | <at>#<ulid>         | the entry again, for searches by actor |
 * |                   | AUDIT#ACTION#<action> |                     | and by action (lib/audit/index.ts)     |
 * | members per tier  | ANALYTICS#TIERS       | TIER#<code>#<shard> | counters: registrations, tier changes  |
 * | campaign          | CAMPAIGN#<id>         | META                | gsi1: CAMPAIGNS / <createdAt>#<id>,    |
 * |                   |                       |                     | the list, filtered by status, trigger  |
 * | campaign counters | CAMPAIGN#<id>#COUNTERS| COUNTERS            | a shard of 16: counts, awards@/points@ |
 * |                   | #<shard>              |                     | <day>, escrow left, status mirror      |
 * | counter pool      | CAMPAIGN#<id>         | COUNTERS            | budget and places not on a shard; the  |
 * |                   |                       |                     | one counters item of older campaigns   |
 * |                   |                       |                     | (and their COUNTERS#<shard> items)     |
 * | campaign history  | CAMPAIGN#<id>         | VERSION#<n>,        | versions, participants and awards,     |
 * |                   |                       | PARTICIPANT#<cust>, | each paged by its prefix               |
 * |                   |                       | AWARD#<cust>#<trg>  |                                        |
 * | reward            | REWARD#<id>           | REWARD              | gsi1: REWARDS / <status>#<id>          |
 * | voucher / pickup  | VOUCHER#<code>        | VOUCHER             | gsi1 while unused: VOUCHEREXPIRY#<mon> |
 * |                   |                       |                     | / <expiresAt>#<code>                   |
 * | redemption        | CUSTOMER#<id>         | REDEMPTION#<ulid>   | gsi1: REDEMPTION#<ulid> / <customerId> |
 * | redemption lists  | REDEMPTION#<ulid>     | LISTING#ALL,        | gsi1: REDEMPTIONS, and                 |
 * |                   |                       | LISTING#REWARD      | REDEMPTIONS#REWARD#<rewardId>, both    |
 * |                   |                       |                     | / <createdAt>#<ulid>: staff list them  |
 * |                   |                       |                     | by reward and period, newest first     |
 * | venue             | VENUE#<id>            | VENUE               | gsi1: VENUES / <kind>#<id>             |
 * | slot occupancy    | VENUEDAY#<venue>#<day>| SLOT#<start>[#RES#  | covers taken, or the booking holding a |
 * |                   |                       | <resource>]         | resource; one query reads a venue-day  |
 * | slot guards       | VENUEDAY#<venue>#<day>| MEMBER#<id>#<start>,| one live booking per member and slot;  |
 * |                   |                       | WAITLIST#<start>#…  | the slot's waitlist in arrival order   |
 * | booking           | BOOKING#<id>          | BOOKING             | gsi1: CUSTOMER#<id>#BOOKINGS / <start> |
 * |                   |                       |                     | #<id>; gsi2: VENUEDAY#<venue>#<day> /  |
 * |                   |                       |                     | <start>#<id> (lib/bookings/model.ts)   |
 * |                   |                       | OUTBOX#<change>     | a change's events until published;     |
 * |                   |                       |                     | gsi1: BOOKINGOUTBOX / <createdAt>#<id> |
 * |                   |                       |                     | #<change>, the sweep of what a crash   |
 * |                   |                       |                     | left unpublished                       |
 * | booking strikes   | CUSTOMER#<id>         | BOOKINGSTRIKES#<ven>| no-shows, late cancellations, suspended|
 * | waitlist offer    | OFFERS                | <expiresAt>#<bkg>   | open offers by expiry, for the lapse   |
 * |                   |                       |                     | schedule; holds their unsent events    |
 */
export interface TableDefinition {
  /** Construct id in CDK and the suffix of the local table name. */
  id: string;
  /** Environment variable through which functions learn the table name. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  ttlAttribute: string;
  globalIndexes: {
    name: string;
    partitionKey: string;
    sortKey: string;
    /**
     * ALL copies every attribute (queries need no second read); KEYS_ONLY copies only the keys, so an
     * update that leaves the index keys alone writes nothing to the index; INCLUDE copies the keys and
     * `nonKeyAttributes`, so only a write of those writes to the index.
     */
    projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
    nonKeyAttributes?: readonly string[];
  }[];
}

export const tables = {
  main: {
    id: 'Main',
    envVar: 'MAIN_TABLE_NAME',
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    globalIndexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
      // Schedules over items that change on every purchase: lots by expiry (LOTEXPIRY#<month>#<shard>)
      // and accounts by tier review day (TIERREVIEW#<day>#<shard>). Keys only, so a credit writes
      // nothing here; 16 shards by member (lib/db/shards.ts), so no busy day makes one key hot.
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'KEYS_ONLY' },
      // Ledger lines kept on another item (CUSTOMER#<id> / LEDGER#<at>#<ref>): a purchase's earn entry
      // lives on its purchase record, so a credit writes three items, not four (lib/loyalty/ledger.ts).
      // Only the entry is copied: a refund or a release updating the record writes nothing here.
      {
        name: 'gsi3',
        partitionKey: 'gsi3pk',
        sortKey: 'gsi3sk',
        projection: 'INCLUDE',
        nonKeyAttributes: ['ledgerEntry'],
      },
    ],
  },
  /** Powertools Idempotency records: HTTP idempotency keys and consumed event ids. */
  idempotency: {
    id: 'Idempotency',
    envVar: 'IDEMPOTENCY_TABLE_NAME',
    partitionKey: 'id',
    ttlAttribute: 'expiration',
    globalIndexes: [],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tables;

export function tableNameFromEnv(table: TableName): string {
  const name = process.env[tables[table].envVar];
  if (!name) throw new Error(`Environment variable ${tables[table].envVar} is not set`);
  return name;
}
