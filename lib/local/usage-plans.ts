import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { UsagePlanGate } from './api-gateway';

interface ApiKey {
  id: string;
  name: string;
  value: string;
  enabled: boolean;
  usagePlanIds: string[];
}

interface UsagePlan {
  id: string;
  name: string;
  throttle: { rateLimit: number; burstLimit: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

const id = () => randomBytes(5).toString('hex');

/**
 * API Gateway's API keys and usage plans on a laptop: the management calls the platform makes
 * (GetUsagePlans, CreateApiKey, CreateUsagePlanKey, UpdateApiKey over REST JSON, reached through
 * AWS_ENDPOINT_URL_API_GATEWAY), and admission of a request by its usage key with the plan's throttle per
 * key. Keys are kept with the data folder, as API Gateway keeps them across deployments.
 */
export class LocalUsagePlans implements UsagePlanGate {
  private readonly keys: ApiKey[];
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly plans: UsagePlan[],
    private readonly file?: string,
  ) {
    this.keys = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApiKey[]) : [];
  }

  private save() {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.keys, null, 2));
  }

  admit(usageIdentifierKey: string | undefined): 'admitted' | 'invalid-key' | 'throttled' {
    const key = this.keys.find((candidate) => candidate.value === usageIdentifierKey && candidate.enabled);
    const plan = this.plans.find((candidate) => key?.usagePlanIds.includes(candidate.id));
    if (!key || !plan) return 'invalid-key';
    const now = Date.now();
    const bucket = this.buckets.get(key.id) ?? { tokens: plan.throttle.burstLimit, at: now };
    bucket.tokens = Math.min(
      plan.throttle.burstLimit,
      bucket.tokens + ((now - bucket.at) / 1000) * plan.throttle.rateLimit,
    );
    bucket.at = now;
    this.buckets.set(key.id, bucket);
    if (bucket.tokens < 1) return 'throttled';
    bucket.tokens -= 1;
    return 'admitted';
  }

  /** Whether a request is a management call of API Gateway (its REST JSON paths). */
  static isManagementPath(path: string): boolean {
    return path === '/apikeys' || path.startsWith('/apikeys/') || path.startsWith('/usageplans');
  }

  handle(method: string, path: string, body: string): { status: number; body: unknown } {
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const notFound = (what: string) => ({
      status: 404,
      body: { message: `Invalid ${what} identifier specified` },
    });
    // API Gateway names list members "item" on the wire (the SDK calls them items).
    if (method === 'GET' && path === '/usageplans')
      return {
        status: 200,
        body: { item: this.plans.map(({ id, name, throttle }) => ({ id, name, throttle })) },
      };
    if (method === 'POST' && path === '/apikeys') {
      const value = String(input.value ?? randomBytes(20).toString('hex'));
      if (this.keys.some((key) => key.value === value))
        return { status: 409, body: { message: 'API Key already exists' } };
      const key: ApiKey = {
        id: id(),
        name: String(input.name ?? ''),
        value,
        enabled: input.enabled === true,
        usagePlanIds: [],
      };
      this.keys.push(key);
      this.save();
      return { status: 201, body: { id: key.id, name: key.name, value: key.value, enabled: key.enabled } };
    }
    const planKeys = /^\/usageplans\/([^/]+)\/keys$/.exec(path);
    if (method === 'POST' && planKeys) {
      const plan = this.plans.find((candidate) => candidate.id === planKeys[1]);
      const key = this.keys.find((candidate) => candidate.id === input.keyId);
      if (!plan) return notFound('usage plan');
      if (!key) return notFound('API Key');
      if (!key.usagePlanIds.includes(plan.id)) key.usagePlanIds.push(plan.id);
      this.save();
      return { status: 201, body: { id: key.id, type: 'API_KEY', name: key.name, value: key.value } };
    }
    const oneKey = /^\/apikeys\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && oneKey) {
      const key = this.keys.find((candidate) => candidate.id === oneKey[1]);
      if (!key) return notFound('API Key');
      for (const operation of (input.patchOperations ?? []) as { op: string; path: string; value: string }[])
        if (operation.op === 'replace' && operation.path === '/enabled')
          key.enabled = operation.value === 'true';
      this.save();
      return { status: 200, body: { id: key.id, name: key.name, enabled: key.enabled } };
    }
    return { status: 404, body: { message: `No local emulation of ${method} ${path}` } };
  }
}
