// The kube-apiserver: HTTPS (HTTP/2 and HTTP/1.1) over the MVCC store, with the handler chain
// authenticate → authorize → limit → route, discovery, OpenAPI, health and every resource.

import { mkdirSync } from 'node:fs';
import http2 from 'node:http2';
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import os from 'node:os';
import path from 'node:path';
import { AdmissionChain } from '../admission/interface.ts';
import { NamespaceLifecycle } from '../admission/namespacelifecycle.ts';
import type { AdmissionPlugin } from '../admission/interface.ts';
import { StatusError, badRequest } from '../api/errors.ts';
import { builtinRegistry } from '../api/kinds/index.ts';
import { getSchemaModel } from '../api/openapi/index.ts';
import type { Registry } from '../api/registry.ts';
import { ensureClusterPKI, startCertificateRenewal } from '../auth/pki/index.ts';
import type { ClusterPKI } from '../auth/pki/index.ts';
import { kubeconfigFor, writeKubeconfig } from '../auth/kubeconfig.ts';
import { openStore, startCompactor } from '../storage/index.ts';
import type { Compactor, Store } from '../storage/index.ts';
import { bootstrapCluster, firstServiceIP } from './bootstrap.ts';
import { componentStatusHandler } from './componentstatus.ts';
import { Discovery } from './discovery/index.ts';
import { compose } from './filters/chain.ts';
import type { Handler } from './filters/chain.ts';
import { withAuthentication, x509Authenticator } from './filters/authn.ts';
import { authenticatedAllowed, withAuthorization } from './filters/authz.ts';
import { withImpersonation } from './filters/impersonation.ts';
import { loadEncryptionConfig } from '../auth/encryption/config.ts';
import { withAudit } from '../auth/audit/filter.ts';
import { loadPolicy } from '../auth/audit/policy.ts';
import { fileAuditWriter } from '../auth/audit/writer.ts';
import type { Authenticator, Authorizer } from '../auth/types.ts';
import { withRecovery } from './filters/recovery.ts';
import { DUMP_PRIORITY_LEVELS_PATH, startPriorityAndFairness } from './flowcontrol/index.ts';
import type { PriorityAndFairness } from './flowcontrol/index.ts';
import { serveHealth } from './health.ts';
import type { HealthCheck } from './health.ts';
import { Exchange } from './http/exchange.ts';
import type { RawRequest, RawResponse } from './http/exchange.ts';
import { Http2StreamRequest, Http2StreamResponse } from './http/h2stream.ts';
import { OpenAPIService } from './openapi/index.ts';
import { ApiContext } from './rest/context.ts';
import { handleResource } from './rest/resource.ts';
import type { SubresourceHandler } from './rest/resource.ts';
import { versionInfo } from './version.ts';

export interface ApiServerOptions {
  dataDir: string;
  bindAddress: string;
  securePort: number;
  /** Default sqlite://DATA_DIR/state.db. */
  datastoreEndpoint?: string;
  serviceCIDR?: string;
  clusterDomain?: string;
  nodePortRange?: [number, number];
  /** Where the scheduler and controller manager answer /healthz (for `kubectl get cs`). */
  componentHealthURLs?: Record<string, string>;
  /** Progress lines for the CLI ("starting storage…"). */
  progress?: (msg: string) => void;
  log?: (msg: string, err?: unknown) => void;
  maxRequestsInFlight?: number;
  maxMutatingRequestsInFlight?: number;
  watchCacheCapacity?: number;
  compactionIntervalMs?: number;
  /** An EncryptionConfiguration file (upstream's --encryption-provider-config). */
  encryptionProviderConfig?: string;
  /** Audit policy and log file (upstream's --audit-policy-file, --audit-log-path). */
  auditPolicyFile?: string;
  auditLogPath?: string;
  auditLogMaxSizeMB?: number;
  auditLogMaxBackups?: number;
}

export class ApiServer {
  readonly options: ApiServerOptions;
  registry!: Registry;
  ctx!: ApiContext;
  store!: Store;
  pki!: ClusterPKI;
  port = 0;
  /** https://host:port clients should use. */
  url = '';
  kubeconfigPath = '';
  private server: http2.Http2SecureServer | undefined;
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly sockets = new Set<TLSSocket>();
  private compactor: Compactor | undefined;
  private apf: PriorityAndFairness | undefined;
  private renewal: { stop(): void } | undefined;
  private ready = false;
  private readonly extra = new Map<string, SubresourceHandler>();
  /** Authenticators in order; components add token authenticators before start(). */
  readonly authenticators: Authenticator[] = [x509Authenticator];
  authorizer: Authorizer = authenticatedAllowed;
  /** Admission plugins after NamespaceLifecycle, in upstream's order (mutating, then validating). */
  readonly admissionPlugins: ((ctx: ApiContext) => AdmissionPlugin)[] = [];
  /** Where `kubectl get cs` probes the scheduler and controller manager (updated as they start). */
  readonly componentHealthURLs: Record<string, string> = {
    scheduler: 'https://127.0.0.1:10259/healthz',
    'controller-manager': 'https://127.0.0.1:10257/healthz',
  };
  /** Run after storage, caches and the system objects are ready, before /readyz says so. */
  readonly postStartHooks: { name: string; run(server: ApiServer): Promise<void> }[] = [];
  /** Non-resource routes (e.g. /.well-known/openid-configuration), matched by path prefix. */
  private readonly routes = new Map<string, (ex: Exchange) => Promise<void>>();
  private readonly log: (msg: string, err?: unknown) => void;

  constructor(options: ApiServerOptions) {
    this.options = options;
    this.log = options.log ?? ((msg, err) => { process.stderr.write(`${msg}${err ? `: ${err instanceof Error ? err.stack ?? err.message : String(err)}` : ''}\n`); });
  }

  /** Serves a non-resource path (and everything below it). */
  addRoute(path: string, h: (ex: Exchange) => Promise<void>): void { this.routes.set(path, h); }

  /** Registers a handler for a subresource served elsewhere, e.g. ('', 'pods', 'log'). */
  addSubresource(group: string, resource: string, sub: string, h: SubresourceHandler): void {
    this.extra.set(`${group}/${resource}/${sub}`, h);
  }

  async start(): Promise<void> {
    const o = this.options;
    const progress = o.progress ?? (() => {});
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    const serviceCIDR = o.serviceCIDR ?? '10.43.0.0/16';
    const pkiOpts = {
      hosts: [os.hostname()],
      ips: hostAddresses(o.bindAddress),
      serviceIP: firstServiceIP(serviceCIDR),
      clusterDomain: o.clusterDomain,
    };
    progress('preparing certificates');
    this.pki = await ensureClusterPKI(path.join(o.dataDir, 'tls'), pkiOpts);

    const endpoint = o.datastoreEndpoint ?? `sqlite://${path.join(o.dataDir, 'state.db')}`;
    progress(`opening storage ${endpoint.replace(/\/\/[^@/]*@/, '//***@')}`);
    this.store = await openStore(endpoint);

    progress('loading API kinds and schemas');
    this.registry = builtinRegistry();
    const model = getSchemaModel();
    this.ctx = new ApiContext(this.registry, this.store, model, {
      serviceCIDR,
      nodePortRange: o.nodePortRange ?? [30000, 32767],
      maxRequestBytes: 3 * 1024 * 1024,
      watchCacheCapacity: o.watchCacheCapacity ?? 100 * 1024,
      log: this.log,
      transformerFor: o.encryptionProviderConfig ? loadEncryptionConfig(o.encryptionProviderConfig) : undefined,
    });
    const namespaces = this.ctx.storageByResource('', 'namespaces');
    this.ctx.admission = new AdmissionChain([
      new NamespaceLifecycle((name) => namespaces?.getCached('', name) ?? namespaces?.get('', name).catch(() => undefined)),
      ...this.admissionPlugins.map((f) => f(this.ctx)),
    ]);
    progress('filling watch caches');
    await this.ctx.start();
    this.compactor = startCompactor(this.store, {
      intervalMs: o.compactionIntervalMs,
      onError: (err) => this.log('storage compaction failed', err),
    });

    if (o.componentHealthURLs) Object.assign(this.componentHealthURLs, o.componentHealthURLs);
    this.extra.set('componentstatuses', componentStatusHandler(this.store, this.componentHealthURLs));

    progress(`serving HTTPS on ${o.bindAddress}:${o.securePort}`);
    await this.listen();

    progress('creating system namespaces and the kubernetes service');
    await bootstrapCluster(this.ctx, { advertiseAddress: this.advertiseAddress(), port: this.port });
    for (const hook of this.postStartHooks) {
      progress(`running ${hook.name}`);
      await hook.run(this);
    }
    this.ready = true;

    this.kubeconfigPath = path.join(o.dataDir, 'admin.kubeconfig');
    await this.writeAdminKubeconfig();
    this.renewal = startCertificateRenewal(path.join(o.dataDir, 'tls'), pkiOpts, (pki) => {
      this.pki = pki;
      this.server?.setSecureContext({ key: pki.servingKeyPem, cert: pki.servingCertPem, ca: pki.caCertPem });
      this.writeAdminKubeconfig().then(() => this.log('certificates renewed'), (err: unknown) => this.log('writing the admin kubeconfig failed', err));
    });
  }

  private advertiseAddress(): string {
    const b = this.options.bindAddress;
    return b === '0.0.0.0' || b === '::' || b === '' ? '127.0.0.1' : b;
  }

  private async writeAdminKubeconfig(): Promise<void> {
    await writeKubeconfig(this.kubeconfigPath, kubeconfigFor({
      server: this.url, clusterName: 'coxswain', caPem: this.pki.caCertPem,
      user: 'admin', certPem: this.pki.adminCertPem, keyPem: this.pki.adminKeyPem, contextName: 'coxswain',
    }));
  }

  private listen(): Promise<void> {
    const handler = this.buildHandler();
    const server = http2.createSecureServer({
      key: this.pki.servingKeyPem, cert: this.pki.servingCertPem, ca: this.pki.caCertPem,
      requestCert: true, rejectUnauthorized: false, allowHTTP1: true,
      // Slow or silent clients: a TLS handshake must finish in 10 s.
      handshakeTimeout: 10_000,
      settings: { maxConcurrentStreams: 1000 },
      // Node refuses new streams (ENHANCE_YOUR_CALM) once a session holds more than this in
      // buffers; its 10 MB default is hit by one client with many watches or a big LIST. Writes
      // are paced by the peer's flow control, and slow watchers are cut off at 32 MB.
      maxSessionMemory: 256,
    });
    const serve = (req: RawRequest, res: RawResponse): void => {
      let ex: Exchange;
      try {
        ex = new Exchange(req, res);
      } catch (err) {
        this.log(`${req.method ?? ''} request could not be read`, err);
        try { res.destroy(); } catch { /* already gone */ }
        return;
      }
      handler(ex).catch((err: unknown) => {
        // Even the error response failed: log it and drop this one stream, never the process.
        this.log(`${req.method ?? ''} ${req.url ?? ''}: response failed`, err);
        try { res.destroy(); } catch { /* already gone */ }
      });
    };
    // HTTP/1.1 requests. Listening for them also makes Node wrap every HTTP/2 stream in its
    // compatibility objects (a 'stream' listener it adds); that one is replaced by our own,
    // which serves streams directly (h2stream.ts).
    server.on('request', serve);
    server.removeAllListeners('stream');
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, _flags: number, rawHeaders: string[]) => {
      serve(new Http2StreamRequest(stream, headers, rawHeaders), new Http2StreamResponse(stream));
    });
    server.on('sessionError', () => {});
    // Sessions are tracked so stop() can end them (server.close() alone waits for every client).
    server.on('session', (session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
    });
    server.on('secureConnection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('tlsClientError', () => {});
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.securePort, this.options.bindAddress, () => {
        server.off('error', reject);
        this.port = (server.address() as AddressInfo).port;
        const host = this.advertiseAddress();
        this.url = `https://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
        resolve();
      });
    });
  }

  private healthChecks(kind: 'healthz' | 'livez' | 'readyz'): HealthCheck[] {
    const checks: HealthCheck[] = [
      { name: 'ping', check: async () => {} },
      { name: 'log', check: async () => {} },
      { name: 'etcd', check: () => this.store.health() },
    ];
    if (kind !== 'livez') {
      checks.push({ name: 'poststarthook/bootstrap-controller', check: async () => { if (!this.ready) throw new Error('not finished'); } });
    }
    if (kind === 'readyz') {
      checks.push({ name: 'informer-sync', check: async () => { if (!this.ready) throw new Error('not synced'); } });
    }
    return checks;
  }

  private buildHandler(): Handler {
    const discovery = new Discovery(this.registry);
    const openapi = this.ctx.model ? new OpenAPIService(this.registry, this.ctx.model) : undefined;
    const route: Handler = async (ex) => {
      if (ex.malformed) throw badRequest(ex.malformed);
      const p = ex.path;
      if (p === '/version' || p === '/version/') { ex.sendJSON(200, versionInfo()); return; }
      for (const kind of ['healthz', 'livez', 'readyz'] as const) {
        if (p === `/${kind}` || p.startsWith(`/${kind}/`)) {
          await serveHealth(ex, kind, this.healthChecks(kind), p.slice(kind.length + 2));
          return;
        }
      }
      for (const [prefix, h] of this.routes) {
        if (p === prefix || p.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) { await h(ex); return; }
      }
      if (p.startsWith('/openapi/') && openapi) {
        const res = openapi.handle({ path: p, query: ex.query, accept: ex.header('accept'), ifNoneMatch: ex.header('if-none-match') || undefined });
        if (res) { sendRaw(ex, res); return; }
      }
      const info = ex.requestInfo;
      if (!info.isResourceRequest && (p === '/api' || p === '/apis' || p.startsWith('/api/') || p.startsWith('/apis/'))) {
        const res = discovery.handle({ path: p, accept: ex.header('accept'), ifNoneMatch: ex.header('if-none-match') || undefined, host: ex.header('host') || ex.header(':authority') });
        if (res) { sendRaw(ex, res); return; }
      }
      if (info.isResourceRequest) { await handleResource(this.ctx, ex, info, this.extra); return; }
      if (p === '/') {
        ex.sendJSON(200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'] });
        return;
      }
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
    };
    const longRunning = (method: string, p: string, watch: boolean): boolean =>
      watch || /\/(log|exec|attach|portforward|proxy)$/.test(p) || p.includes('/proxy/');
    // API Priority and Fairness replaces --max-requests-inflight: their sum is its concurrency limit.
    const apf = startPriorityAndFairness(this.ctx, {
      serverConcurrencyLimit: (this.options.maxRequestsInFlight ?? 400) + (this.options.maxMutatingRequestsInFlight ?? 200),
      isLongRunning: longRunning, log: this.log,
    });
    this.apf = apf;
    this.addRoute(DUMP_PRIORITY_LEVELS_PATH, apf.dumpHandler);
    const audit = this.options.auditPolicyFile && this.options.auditLogPath
      ? [withAudit(loadPolicy(this.options.auditPolicyFile), fileAuditWriter(this.options.auditLogPath, {
        maxSizeBytes: (this.options.auditLogMaxSizeMB ?? 100) * 1024 * 1024, maxBackups: this.options.auditLogMaxBackups ?? 5,
      }), (err: unknown) => this.log('audit log write failed', err))]
      : [];
    return compose([
      withRecovery(this.log),
      withAuthentication(this.authenticators),
      ...audit,
      withImpersonation(this.authorizer),
      // As upstream: flow control holds requests before they are authorized, so authorizing is limited too.
      apf.filter,
      withAuthorization(this.authorizer),
    ], route);
  }

  async stop(): Promise<void> {
    this.ready = false;
    this.renewal?.stop();
    this.apf?.stop();
    await this.compactor?.stop();
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open sessions (watches, idle keep-alive connections) would keep close() waiting.
        for (const s of this.sessions) s.destroy();
        for (const s of this.sockets) s.destroy();
        setTimeout(resolve, 2000).unref();
      });
    }
    this.ctx?.stop();
    await this.store?.close();
  }
}

/** The serving certificate's IP SANs: the bind address, or every address of the host's interfaces. */
function hostAddresses(bind: string): string[] {
  if (bind && bind !== '0.0.0.0' && bind !== '::') return [bind];
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.address.startsWith('fe80:')) out.add(a.address.split('%')[0] ?? a.address);
  }
  return [...out];
}

function sendRaw(ex: Exchange, res: { status: number; headers: Record<string, string>; body: Buffer }): void {
  const ct = res.headers['Content-Type'] ?? res.headers['content-type'] ?? 'application/json';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (k.toLowerCase() !== 'content-type') headers[k] = v;
  ex.send(res.status, ct, res.body, headers);
}
