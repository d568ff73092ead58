import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { checkConfigPaths } from './config-paths.ts';
import type { ModelSettings } from './embed/open-embedder.ts';
import { DEFAULT_MODEL } from './embed/presets.ts';
import { NewsdeskError } from './errors.ts';
import { VECTOR_STORES, type VectorStoreKind } from './store/dense-store.ts';

/** Every setting of Newsdesk, validated. Only this module reads `process.env`. */
export interface Config {
  discord: {
    /** Bot token; null runs the local terminal chat instead of connecting. */
    token: string | null;
    /** Application id; learned from the gateway when null. */
    clientId: string | null;
    /** Register commands in this guild only (instant); global when null. */
    guildId: string | null;
    /** Channels where every message is taken as a question. */
    askChannelIds: string[];
    /** Roles that may run `/refresh`, besides members with Manage Server. */
    moderatorRoleIds: string[];
    /** REST base URL of a Discord-compatible server, e.g. `http://127.0.0.1:8080/api`; null for Discord. */
    apiUrl: string | null;
  };
  corpusDir: string;
  indexDir: string;
  /** Where the index keeps its vectors: vectra (a newsroom's corpus) or flat (an archive). */
  vectorStore: VectorStoreKind;
  /** Files larger than this are skipped by ingest, in bytes. */
  maxFileBytes: number;
  model: ModelSettings;
  /** Seconds a user waits between two questions. */
  askCooldownSeconds: number;
  /** Questions answered at the same time; more wait in line. */
  maxConcurrentAnswers: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Refresh by itself once changes in the corpus folder settle; null when off. */
  autoRefresh: { quietSeconds: number } | null;
  /** Serve `GET /healthz` here; null when off. */
  health: { host: string; port: number } | null;
  /** Where feedback on answers is appended, as JSON lines. */
  feedbackFile: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;

function text(env: Env, key: string): string | null {
  const value = env[key]?.trim();
  return value ? value : null;
}

function snowflake(env: Env, key: string): string | null {
  const value = text(env, key);
  if (value !== null && !SNOWFLAKE.test(value)) {
    throw invalid(key, `"${value}" is not a Discord id (17 to 20 digits)`);
  }
  return value;
}

function snowflakes(env: Env, key: string): string[] {
  const value = text(env, key);
  if (value === null) return [];
  const ids = value.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !SNOWFLAKE.test(id));
  if (bad !== undefined) throw invalid(key, `"${bad}" is not a Discord id (17 to 20 digits)`);
  return ids;
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const value = text(env, key);
  if (value === null) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalid(key, `"${value}" must be a whole number from ${min} to ${max}`);
  }
  return number;
}

function boolean(env: Env, key: string, fallback: boolean): boolean {
  const value = text(env, key)?.toLowerCase();
  if (value === undefined || value === null) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw invalid(key, `"${value}" must be true or false`);
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const value = text(env, key);
  if (value === null) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(key, `"${value}" must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function url(env: Env, key: string): string | null {
  const value = text(env, key);
  if (value === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch (cause) {
    throw invalid(key, `"${value}" is not a URL`, cause);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(key, `"${value}" must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** HEALTH_PORT (off when empty) on HEALTH_HOST (loopback unless said otherwise). */
function healthEndpoint(env: Env): { host: string; port: number } | null {
  if (text(env, 'HEALTH_PORT') === null) return null;
  const host = text(env, 'HEALTH_HOST') ?? '127.0.0.1';
  if (!/^[\p{L}\p{N}.:-]+$/u.test(host)) throw invalid('HEALTH_HOST', `"${host}" is not a host name or address`);
  return { host, port: integer(env, 'HEALTH_PORT', 0, 1, 65535) };
}

function invalid(key: string, problem: string, cause?: unknown): NewsdeskError {
  return new NewsdeskError('CONFIG_INVALID', `${key}: ${problem}.`, { cause });
}

/**
 * Reads and validates the configuration from `env` (normally `process.env` after dotenv).
 * Relative folders resolve against `cwd`. Throws NewsdeskError `CONFIG_INVALID` naming the key.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const folder = (key: string, fallback: string) => path.resolve(cwd, text(env, key) ?? fallback);
  const localDir = text(env, 'MODEL_LOCAL_DIR');
  return {
    discord: {
      token: text(env, 'DISCORD_TOKEN'),
      clientId: snowflake(env, 'DISCORD_CLIENT_ID'),
      guildId: snowflake(env, 'DISCORD_GUILD_ID'),
      askChannelIds: snowflakes(env, 'ASK_CHANNEL_IDS'),
      moderatorRoleIds: snowflakes(env, 'MODERATOR_ROLE_IDS'),
      apiUrl: url(env, 'DISCORD_API_URL'),
    },
    corpusDir: folder('CORPUS_DIR', 'corpus'),
    indexDir: folder('INDEX_DIR', 'index'),
    vectorStore: oneOf(env, 'VECTOR_STORE', VECTOR_STORES, 'vectra'),
    maxFileBytes: integer(env, 'MAX_FILE_BYTES', 5 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    model: {
      name: text(env, 'EMBEDDING_MODEL') ?? DEFAULT_MODEL,
      localDir: localDir === null ? null : path.resolve(cwd, localDir),
      cacheDir: folder('MODEL_CACHE_DIR', 'models'),
      allowRemote: boolean(env, 'MODEL_ALLOW_REMOTE', true),
      embedder: oneOf(env, 'EMBEDDER', ['auto', 'offline'] as const, 'auto'),
    },
    askCooldownSeconds: integer(env, 'ASK_COOLDOWN_SECONDS', 10, 0, 3600),
    maxConcurrentAnswers: integer(env, 'MAX_CONCURRENT_ANSWERS', 2, 1, 64),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    autoRefresh: boolean(env, 'AUTO_REFRESH', false) ? { quietSeconds: integer(env, 'AUTO_REFRESH_QUIET_SECONDS', 5, 1, 3600) } : null,
    health: healthEndpoint(env),
    feedbackFile: path.resolve(cwd, text(env, 'FEEDBACK_FILE') ?? path.join('feedback', 'feedback.jsonl')),
  };
}

/**
 * True when LOG_LEVEL asks for debug records, read on its own: an entry point that failed
 * before its configuration loaded still knows whether to print a stack.
 */
export function debugLogging(env: Env = process.env): boolean {
  return text(env, 'LOG_LEVEL')?.toLowerCase() === 'debug';
}

/**
 * Loads `.env` from the working folder into the environment (without overriding it), then the
 * configuration, and checks that its paths are folders (see checkConfigPaths).
 */
export function loadConfigFromEnvFile(): Config {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  checkConfigPaths(config);
  return config;
}
