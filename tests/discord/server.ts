/**
 * A small Discord look-alike for end-to-end tests: the REST API under `/api/v10` and a JSON
 * gateway, on 127.0.0.1 and a random port, in the test process. A real discord.js Client
 * connects to it with `rest: { api: server.apiUrl }`; it discovers the gateway through
 * `GET /gateway/bot`. Every REST request is recorded for assertions; the test drives the
 * gateway side with the `dispatch…` helpers.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, any>;

/** One REST request as the bot sent it. `path` is relative to `/api/v10`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (for multipart: the `payload_json` part); null when there was none. */
  body: any;
  /** Files of a multipart request. */
  files: { field: string; filename: string; size: number }[];
  /** Status the server answered with. */
  status: number;
  /** True when no route matched (answered 404). */
  unhandled: boolean;
}

/** A user the tests can act as. */
export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

/** What a test can change per interaction or message. */
export interface Actor {
  user?: FakeUser;
  /** Computed member permissions (bit field); defaults to a plain member's. */
  permissions?: bigint;
  roles?: string[];
  channelId?: string;
}

/** Identifies a dispatched interaction; pass it to the wait helpers. */
export interface InteractionHandle {
  id: string;
  token: string;
  payload: Json;
}

export interface ServerOptions {
  /** Token the bot must present (`Authorization: Bot …`); anything else gets 401. */
  token?: string;
  /** Close the gateway right after IDENTIFY with this code (e.g. 4004, 4014). */
  closeOnIdentify?: number;
  /** Sent in HELLO, in ms. */
  heartbeatInterval?: number;
}

/** A custom answer for a request; return undefined to let the normal route handle it. */
export type Override = (request: RecordedRequest) => { status: number; body?: unknown } | undefined;

const DISCORD_EPOCH = 1_420_070_400_000n;
/** A plain member: view channels, send messages, read history, use application commands. */
export const MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n);
export const MANAGE_GUILD = 1n << 5n;

/** Fixed ids, so tests can name channels, roles and users. */
/** How long a wait for the bot lasts by default, in ms: longer than any answer on a loaded machine, shorter than a test's timeout. */
export const WAIT_MS = 20_000;

export const ids = {
  application: '1100000000000000001',
  bot: '1100000000000000001',
  guild: '1100000000000000100',
  general: '1100000000000000200',
  askChannel: '1100000000000000201',
  thread: '1100000000000000202',
  moderatorRole: '1100000000000000300',
  memberRole: '1100000000000000301',
} as const;

/** The users tests act as. */
export const users = {
  alice: { id: '1100000000000000400', username: 'alice' },
  manager: { id: '1100000000000000401', username: 'manager' },
  moderator: { id: '1100000000000000402', username: 'moderator' },
  otherBot: { id: '1100000000000000403', username: 'otherbot', bot: true },
} satisfies Record<string, FakeUser>;

export class DiscordTestServer {
  /** Every REST request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads (`d`) received on the gateway. */
  readonly identifies: Json[] = [];
  /** Query strings the gateway was opened with (`v=10&encoding=json`). */
  readonly gatewayQueries: string[] = [];
  /** Registered commands per scope: `global` or a guild id. */
  readonly commands = new Map<string, Json[]>();
  /** Every message the bot created or edited, by id (latest version). */
  readonly messages = new Map<string, Json>();

  readonly botUser: Json = { id: ids.bot, username: 'Newsdesk', discriminator: '0', global_name: null, avatar: null, bot: true };

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #options: ServerOptions;
  readonly #sockets = new Set<WebSocket>();
  readonly #sequence = new WeakMap<WebSocket, number>();
  readonly #waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  readonly #overrides: Override[] = [];
  /** interaction token → what the interaction was about. */
  readonly #interactions = new Map<string, { id: string; channelId: string; messageId?: string; originalId?: string }>();
  #port = 0;
  #counter = 0n;

  private constructor(options: ServerOptions) {
    this.#options = options;
    this.#http = createServer((req, res) => void this.#onRequest(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, req));
    });
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static async start(options: ServerOptions = {}): Promise<DiscordTestServer> {
    const server = new DiscordTestServer(options);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#http.address() as AddressInfo).port;
    return server;
  }

  /** For `DISCORD_API_URL` / `rest.api`: discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** A new snowflake, later than every earlier one. */
  snowflake(): string {
    this.#counter += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (this.#counter & 0xfffn)).toString();
  }

  /** Answers matching requests differently (e.g. simulate 10062 Unknown interaction). First match wins. */
  override(override: Override): void {
    this.#overrides.push(override);
  }

  /** REST requests matching `predicate`, from index `since` on. */
  find(predicate: (r: RecordedRequest) => boolean, since = 0): RecordedRequest[] {
    return this.requests.slice(since).filter(predicate);
  }

  /**
   * The first request (from index `since`) matching `predicate`, waiting for it if needed. The
   * default wait is long: it only bounds a test that fails, and a busy machine can take seconds.
   */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    const found = this.requests.slice(options.since ?? 0).find(predicate);
    if (found) return Promise.resolve(found);
    const timeoutMs = options.timeoutMs ?? WAIT_MS;
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (request: RecordedRequest) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n  ');
        reject(new Error(`No matching request within ${timeoutMs} ms. Last requests:\n  ${recent}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** The interaction's callback (`POST /interactions/:id/:token/callback`). */
  waitForCallback(handle: InteractionHandle, options?: { since?: number; timeoutMs?: number }): Promise<RecordedRequest> {
    const path = `/interactions/${handle.id}/${handle.token}/callback`;
    return this.waitForRequest((r) => r.method === 'POST' && r.path === path, options);
  }

  /** The `n`-th (from 0) edit of the interaction's original response. */
  async waitForEdit(handle: InteractionHandle, n = 0, timeoutMs?: number): Promise<RecordedRequest> {
    const path = `/webhooks/${ids.application}/${handle.token}/messages/@original`;
    const isEdit = (r: RecordedRequest) => r.method === 'PATCH' && r.path === path;
    for (;;) {
      const edits = this.find(isEdit);
      if (edits[n]) return edits[n];
      const last = this.requests.length;
      await this.waitForRequest(isEdit, { since: last, ...(timeoutMs !== undefined && { timeoutMs }) });
    }
  }

  /** The latest version of the interaction's original response, as the server stores it. */
  originalMessage(handle: InteractionHandle): Json | undefined {
    const originalId = this.#interactions.get(handle.token)?.originalId;
    return originalId ? this.messages.get(originalId) : undefined;
  }

  /** Resolves when a gateway session has identified and received READY and GUILD_CREATE. */
  async waitForIdentify(timeoutMs = WAIT_MS): Promise<Json> {
    const started = Date.now();
    while (this.identifies.length === 0) {
      if (Date.now() - started > timeoutMs) throw new Error('No IDENTIFY received');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.identifies[0] as Json;
  }

  /**
   * Sends MESSAGE_CREATE as if `author` posted `content`; `<@id>` mentions are filled in. A reply
   * (`replyTo`) carries the replied message as `referenced_message` unless `referencedMessage`
   * is false: Discord leaves it out when it has not fetched that message, and a reply that does
   * not ping its author has no mention of them either.
   */
  dispatchMessage(message: { content: string; author?: FakeUser; channelId?: string; roles?: string[]; replyTo?: Json; referencedMessage?: boolean }): Json {
    const author = message.author ?? users.alice;
    const channelId = message.channelId ?? ids.general;
    const mentioned = [...message.content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1] as string);
    const payload: Json = {
      id: this.snowflake(),
      channel_id: channelId,
      guild_id: ids.guild,
      author: this.#user(author),
      member: { roles: message.roles ?? [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      content: message.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@(everyone|here)/.test(message.content),
      mentions: [...new Set(mentioned)].map((id) => (id === ids.bot ? this.botUser : { id, username: `user${id.slice(-3)}`, discriminator: '0', global_name: null, avatar: null })),
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
      // A reply (type 19) carries the message it answers, whose author the reply pings.
      ...(message.replyTo && {
        type: 19,
        message_reference: { type: 0, message_id: message.replyTo.id, channel_id: message.replyTo.channel_id, guild_id: ids.guild },
        ...(message.referencedMessage !== false && { referenced_message: message.replyTo }),
      }),
    };
    // Kept like any message, so a client can fetch it; the replied message stays a reference.
    const { referenced_message: _replied, ...stored } = payload;
    this.#saveMessage(stored);
    this.dispatch('MESSAGE_CREATE', payload);
    return payload;
  }

  /** Sends a chat-input command. `options` values: string (3), integer (4), boolean (5), other number (10). */
  dispatchCommand(name: string, options: Record<string, string | number | boolean> = {}, actor: Actor = {}): InteractionHandle {
    return this.#dispatchInteraction(2, { ...this.#commandData(name), options: toOptions(options) }, actor);
  }

  /**
   * Sends a chat-input command with attachment options (type 11): each value is the attachment
   * as Discord resolves it (file name, size, and the URL the bot downloads it from).
   */
  dispatchCommandWithAttachments(
    name: string,
    attachments: Record<string, { filename: string; url: string; size: number; contentType?: string }>,
    options: Record<string, string | number | boolean> = {},
    actor: Actor = {},
  ): InteractionHandle {
    const resolved: Record<string, Json> = {};
    const attachmentOptions = Object.entries(attachments).map(([option, file]) => {
      const id = this.snowflake();
      resolved[id] = { id, filename: file.filename, size: file.size, url: file.url, proxy_url: file.url, content_type: file.contentType ?? 'text/plain; charset=utf-8', ephemeral: true };
      return { name: option, type: 11, value: id };
    });
    return this.#dispatchInteraction(2, { ...this.#commandData(name), options: [...attachmentOptions, ...toOptions(options)], resolved: { attachments: resolved } }, actor);
  }

  /** Sends an autocomplete interaction with `focused` being typed. */
  dispatchAutocomplete(name: string, focused: string, typed: string, others: Record<string, string | number | boolean> = {}, actor: Actor = {}): InteractionHandle {
    const options = [...toOptions(others), { name: focused, type: 3, value: typed, focused: true }];
    return this.#dispatchInteraction(4, { ...this.#commandData(name), options }, actor);
  }

  /** Clicks button `customId` on `message` (as stored in `messages`). */
  dispatchButton(customId: string, message: Json, actor: Actor = {}): InteractionHandle {
    return this.#dispatchInteraction(3, { custom_id: customId, component_type: 2 }, { channelId: message.channel_id, ...actor }, message);
  }

  /** Submits modal `customId` with text inputs `fields` (custom id → value), as a member who filled it in. */
  dispatchModalSubmit(customId: string, fields: Record<string, string>, actor: Actor = {}): InteractionHandle {
    const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return this.#dispatchInteraction(5, { custom_id: customId, components }, actor);
  }

  /** Sends a raw gateway dispatch to every connected session. */
  dispatch(event: string, data: unknown): void {
    for (const socket of this.#sockets) this.#send(socket, event, data);
  }

  /** Closes every gateway session with `code` (4004, authentication failed, is not resumed). */
  closeGatewaySessions(code: number, reason = 'closed by the test server'): void {
    for (const socket of this.#sockets) socket.close(code, reason);
  }

  /** Stops the server, dropping every connection. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  // --- gateway ---------------------------------------------------------------------------

  #onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.gatewayQueries.push(new URL(req.url ?? '/', 'http://x').search.slice(1));
    this.#sequence.set(ws, 0);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#options.heartbeatInterval ?? 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw)) as Json;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (payload.op === 2) this.#onIdentify(ws, payload.d as Json);
    });
    ws.on('close', () => this.#sockets.delete(ws));
  }

  #onIdentify(ws: WebSocket, identify: Json): void {
    this.identifies.push(identify);
    if (this.#options.closeOnIdentify) {
      ws.close(this.#options.closeOnIdentify, 'closed by the test server');
      return;
    }
    if (this.#options.token !== undefined && identify.token !== this.#options.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    this.#sockets.add(ws);
    this.#send(ws, 'READY', {
      v: 10,
      user: this.botUser,
      guilds: [{ id: ids.guild, unavailable: true }],
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: ids.application, flags: 0 },
    });
    this.#send(ws, 'GUILD_CREATE', this.#guild());
  }

  #send(ws: WebSocket, event: string, data: unknown): void {
    const s = (this.#sequence.get(ws) ?? 0) + 1;
    this.#sequence.set(ws, s);
    ws.send(JSON.stringify({ op: 0, t: event, s, d: data }));
  }

  #guild(): Json {
    const channel = (id: string, name: string, position: number) => ({
      id,
      type: 0,
      guild_id: ids.guild,
      name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
    });
    const role = (id: string, name: string, permissions: bigint, position: number) => ({
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    });
    const member = (user: FakeUser | Json, roles: string[]) => ({
      user: 'discriminator' in user ? user : this.#user(user as FakeUser),
      roles,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    });
    return {
      id: ids.guild,
      name: 'Newsroom',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: users.manager.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      emojis: [],
      stickers: [],
      roles: [
        role(ids.guild, '@everyone', MEMBER_PERMISSIONS, 0),
        role(ids.moderatorRole, 'Moderators', MEMBER_PERMISSIONS, 2),
        role(ids.memberRole, 'Readers', MEMBER_PERMISSIONS, 1),
      ],
      joined_at: '2024-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: 5,
      voice_states: [],
      members: [
        member(this.botUser, []),
        member(users.alice, [ids.memberRole]),
        member(users.manager, []),
        member(users.moderator, [ids.moderatorRole]),
      ],
      channels: [channel(ids.general, 'general', 0), channel(ids.askChannel, 'ask-newsdesk', 1)],
      threads: [
        {
          id: ids.thread,
          type: 11,
          guild_id: ids.guild,
          parent_id: ids.general,
          owner_id: users.alice.id,
          name: 'Election coverage',
          last_message_id: null,
          rate_limit_per_user: 0,
          message_count: 0,
          member_count: 1,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2024-01-01T00:00:00.000Z', locked: false },
          flags: 0,
          total_message_sent: 0,
        },
      ],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // --- interactions ----------------------------------------------------------------------

  #commandData(name: string): Json {
    const registered = [...this.commands.values()].flat().find((c) => c.name === name);
    return { id: registered?.id ?? this.snowflake(), name, type: 1, ...(registered?.guild_id && { guild_id: registered.guild_id }) };
  }

  #dispatchInteraction(type: number, data: Json, actor: Actor, message?: Json): InteractionHandle {
    const user = actor.user ?? users.alice;
    const channelId = actor.channelId ?? ids.general;
    const id = this.snowflake();
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    const channel = channelId === ids.thread
      ? { id: channelId, type: 11, guild_id: ids.guild, parent_id: ids.general, name: 'Election coverage' }
      : { id: channelId, type: 0, guild_id: ids.guild, name: channelId === ids.askChannel ? 'ask-newsdesk' : 'general' };
    const payload: Json = {
      id,
      application_id: ids.application,
      type,
      data,
      guild_id: ids.guild,
      channel,
      channel_id: channelId,
      member: {
        user: this.#user(user),
        roles: actor.roles ?? [],
        permissions: (actor.permissions ?? MEMBER_PERMISSIONS).toString(),
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        pending: false,
      },
      token,
      version: 1,
      app_permissions: (MEMBER_PERMISSIONS | (1n << 14n)).toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': ids.guild },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...(message && { message }),
    };
    this.#interactions.set(token, { id, channelId, ...(message && { messageId: message.id as string }) });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  // --- REST ------------------------------------------------------------------------------

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      // discord.js percent-encodes `@original` as `%40original`; record what Discord would route.
      path: safeDecode(url.pathname).replace(/^\/api\/v\d+/, ''),
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: null,
      files: [],
      status: 0,
      unhandled: false,
    };
    try {
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') {
            if (field === 'payload_json') record.body = JSON.parse(value);
          } else {
            record.files.push({ field, filename: value.name, size: value.size });
          }
        }
      } else if (raw.length > 0) {
        record.body = JSON.parse(raw.toString('utf8'));
      }
    } catch {
      record.body = raw.toString('utf8');
    }

    let reply: { status: number; body?: unknown };
    const override = this.#overrides.map((o) => o(record)).find((r) => r !== undefined);
    if (override) {
      reply = override;
    } else if (!url.pathname.startsWith('/api/v10/')) {
      reply = notFound(record);
    } else if (this.#needsAuth(record) && !this.#authorised(req)) {
      reply = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    } else {
      reply = this.#route(record);
    }
    record.status = reply.status;
    this.requests.push(record);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(record)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    }
  }

  #needsAuth(r: RecordedRequest): boolean {
    return !r.path.startsWith('/interactions/') && !r.path.startsWith('/webhooks/');
  }

  #authorised(req: IncomingMessage): boolean {
    if (this.#options.token === undefined) return true;
    return req.headers.authorization === `Bot ${this.#options.token}`;
  }

  #route(r: RecordedRequest): { status: number; body?: unknown } {
    const { method, path } = r;
    const parts = path.split('/').filter(Boolean);
    const ok = (body?: unknown) => ({ status: body === undefined ? 204 : 200, body });

    if (method === 'GET' && path === '/gateway/bot') {
      return ok({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/gateway') return ok({ url: this.gatewayUrl });
    if (method === 'GET' && path === '/users/@me') return ok(this.botUser);
    if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
      return ok({ id: ids.application, name: 'Newsdesk', icon: null, description: '', bot_public: false, bot_require_code_grant: false, verify_key: '0', flags: 0, bot: this.botUser });
    }

    // /applications/:app/commands and /applications/:app/guilds/:guild/commands
    if (parts[0] === 'applications' && parts[parts.length - 1] === 'commands') {
      const scope = parts[2] === 'guilds' ? (parts[3] as string) : 'global';
      if (method === 'GET') return ok(this.commands.get(scope) ?? []);
      if (method === 'PUT' && Array.isArray(r.body)) {
        const stored = (r.body as Json[]).map((c) => this.#storeCommand(c, scope));
        this.commands.set(scope, stored);
        return ok(stored);
      }
    }

    if (method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') {
      return this.#callback(parts[2] as string, r);
    }

    if (parts[0] === 'webhooks' && parts.length >= 3) {
      const token = parts[2] as string;
      const context = this.#interactions.get(token);
      if (!context) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      if (parts[3] === 'messages' && parts[4] === '@original') {
        const original = context.originalId ? this.messages.get(context.originalId) : undefined;
        if (method === 'GET') return original ? ok(original) : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
        if (method === 'DELETE') {
          if (context.originalId) this.messages.delete(context.originalId);
          return ok();
        }
        if (method === 'PATCH') {
          const message = this.#saveMessage({ ...(original ?? this.#newMessage(context.channelId, { webhook: true })), ...editable(r.body), edited_timestamp: new Date().toISOString() });
          context.originalId = message.id as string;
          return ok(message);
        }
      }
      if (method === 'POST' && parts.length === 3) {
        const body = r.body as Json;
        const message = this.#saveMessage({ ...this.#newMessage(context.channelId, { webhook: true }), ...editable(body), flags: body.flags ?? 0 });
        return ok(message);
      }
      if (method === 'PATCH' && parts[3] === 'messages' && parts[4]) {
        const existing = this.messages.get(parts[4]);
        if (!existing) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
        return ok(this.#saveMessage({ ...existing, ...editable(r.body), edited_timestamp: new Date().toISOString() }));
      }
    }

    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((r.body as Json | null)?.recipient_id ?? '');
      return ok({ id: `9${recipient.slice(1)}`, type: 1, last_message_id: null, recipients: [{ id: recipient, username: 'member', discriminator: '0', global_name: null, avatar: null }] });
    }

    if (parts[0] === 'channels' && parts[1]) {
      const channelId = parts[1];
      if (method === 'GET' && parts.length === 2) {
        return ok({ id: channelId, type: channelId === ids.thread ? 11 : 0, guild_id: ids.guild, name: 'channel', position: 0, permission_overwrites: [] });
      }
      if (method === 'POST' && parts[2] === 'typing' && parts.length === 3) return ok();
      if (method === 'GET' && parts[2] === 'messages' && parts.length === 4) {
        const message = this.messages.get(parts[3] as string);
        return message && message.channel_id === channelId ? ok(message) : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      }
      if (method === 'POST' && parts[2] === 'messages' && parts.length === 3) {
        const body = r.body as Json;
        const message = this.#saveMessage({
          ...this.#newMessage(channelId, { webhook: false }),
          ...editable(body),
          type: body.message_reference ? 19 : 0,
          ...(body.message_reference && { message_reference: { channel_id: channelId, guild_id: ids.guild, ...body.message_reference } }),
        });
        return ok(message);
      }
      // A thread started from a message: Discord answers with the new thread channel.
      if (method === 'POST' && parts[2] === 'messages' && parts[4] === 'threads' && parts.length === 5) {
        const body = r.body as Json;
        return ok({ id: this.snowflake(), type: 11, guild_id: ids.guild, parent_id: channelId, name: body.name, owner_id: ids.bot, message_count: 0, member_count: 1, thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 1440, archive_timestamp: new Date().toISOString(), locked: false } });
      }
    }
    return notFound(r);
  }

  #callback(token: string, r: RecordedRequest): { status: number; body?: unknown } {
    const context = this.#interactions.get(token);
    if (!context) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    const body = (r.body ?? {}) as Json;
    const data = (body.data ?? {}) as Json;
    let message: Json | undefined;
    switch (body.type) {
      case 4: // reply
      case 5: {
        // deferred reply: Discord shows "thinking…" as the original message
        if (context.originalId) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
        message = this.#saveMessage({ ...this.#newMessage(context.channelId, { webhook: true }), ...editable(data), flags: data.flags ?? 0, ...(body.type === 5 && { content: '', flags: (data.flags ?? 0) | 128 }) });
        context.originalId = message.id as string;
        break;
      }
      case 6: // deferred update
      case 7: {
        // update the message the component is on
        const target = context.messageId ? this.messages.get(context.messageId) : undefined;
        if (context.originalId) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
        if (target) {
          message = body.type === 7 ? this.#saveMessage({ ...target, ...editable(data) }) : target;
          context.originalId = target.id as string;
        } else {
          context.originalId = 'acknowledged';
        }
        break;
      }
      default:
        context.originalId ??= 'acknowledged';
    }
    if (r.query.with_response === 'true') {
      return { status: 200, body: { interaction: { id: context.id, type: 2, activity_instance_id: null, response_message_id: message?.id ?? null, response_message_loading: body.type === 5, response_message_ephemeral: false }, resource: { type: body.type, ...(message && { message }) } } };
    }
    return { status: 204 };
  }

  #storeCommand(command: Json, scope: string): Json {
    const previous = this.commands.get(scope)?.find((c) => c.name === command.name);
    // Shaped like Discord's answer: ids and versions added, defaults filled, `required: false` left out.
    const stripOptions = (options: Json[] | undefined): Json[] | undefined =>
      options?.map(({ required, options: nested, ...rest }) => ({ ...rest, ...(required && { required }), ...(nested && { options: stripOptions(nested) }) }));
    return {
      id: previous?.id ?? this.snowflake(),
      application_id: ids.application,
      version: this.snowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
      type: command.type ?? 1,
      name: command.name,
      description: command.description,
      ...(scope === 'global' ? { dm_permission: true } : { guild_id: scope }),
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? [0],
      nsfw: command.nsfw ?? false,
      ...(command.options && { options: stripOptions(command.options) }),
    };
  }

  #newMessage(channelId: string, options: { webhook: boolean }): Json {
    return {
      id: this.snowflake(),
      channel_id: channelId,
      guild_id: ids.guild,
      author: this.botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: options.webhook ? 20 : 0,
      flags: 0,
      components: [],
      ...(options.webhook && { webhook_id: ids.application, application_id: ids.application }),
    };
  }

  #saveMessage(message: Json): Json {
    this.messages.set(message.id as string, message);
    return message;
  }

  #user(user: FakeUser): Json {
    return { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null, ...(user.bot && { bot: true }) };
  }
}

/** Starts a test server; see DiscordTestServer. */
export function startDiscordServer(options?: ServerOptions): Promise<DiscordTestServer> {
  return DiscordTestServer.start(options);
}

function toOptions(options: Record<string, string | number | boolean>): Json[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    value,
    type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
  }));
}

/** The message fields a create or edit body may set. */
function editable(body: unknown): Json {
  if (typeof body !== 'object' || body === null) return {};
  const out: Json = {};
  for (const key of ['content', 'embeds', 'components', 'flags', 'attachments'] as const) {
    const value = (body as Json)[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function notFound(r: RecordedRequest): { status: number; body: unknown } {
  r.unhandled = true;
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
