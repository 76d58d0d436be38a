// The tokens controller (upstream pkg/controller/serviceaccount/tokens_controller.go): Secrets of
// type kubernetes.io/service-account-token naming a ServiceAccount get a signed legacy token, the
// CA bundle and the namespace in their data; when the ServiceAccount goes (or was never there, or
// has another UID), its token Secrets are deleted.

import type { Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Indexer, ResourceClient, RestClient } from '../../client/index.ts';
import { DeletedFinalStateUnknown, clientFor, isConflict, isNotFound, resources } from '../../client/index.ts';
import { LEGACY_ISSUER, TokenGenerator, legacyClaims, signingKeyFromPem } from '../../auth/serviceaccount/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';

export const SecretTypeServiceAccountToken = 'kubernetes.io/service-account-token';
export const ServiceAccountNameKey = 'kubernetes.io/service-account.name';
export const ServiceAccountUIDKey = 'kubernetes.io/service-account.uid';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined): string => (s === undefined ? '' : Buffer.from(s, 'base64').toString('utf8'));

interface AccountRef { namespace: string; name: string; uid: string }

/** Whether a token Secret belongs to this ServiceAccount (name, and UID when the Secret names one). */
function references(secret: Secret, sa: AccountRef): boolean {
  const ann = secret.metadata?.annotations ?? {};
  if (secret.type !== SecretTypeServiceAccountToken || secret.metadata?.namespace !== sa.namespace) return false;
  if (ann[ServiceAccountNameKey] !== sa.name) return false;
  const uid = ann[ServiceAccountUIDKey];
  return !uid || uid === sa.uid;
}

export class TokensController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly generator: TokenGenerator;
  private readonly rootCA: string | undefined;
  private readonly accounts: Indexer<ServiceAccount>;
  private readonly secrets: Indexer<Secret>;
  private readonly log: (m: string) => void;

  constructor(ctx: ControllerContext, privateKeyPem: string, rootCA: string | undefined = ctx.rest.config.ca) {
    this.rest = ctx.rest;
    this.log = ctx.log;
    this.generator = new TokenGenerator(LEGACY_ISSUER, signingKeyFromPem(privateKeyPem));
    this.rootCA = rootCA;
    this.loop = new ReconcileLoop({ name: 'serviceaccount_tokens', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    const saInformer = ctx.informers.informerFor<ServiceAccount>(resources.serviceaccounts);
    const secretInformer = ctx.informers.informerFor<Secret>(resources.secrets);
    this.accounts = saInformer.indexer;
    this.secrets = secretInformer.indexer;
    // A deleted ServiceAccount: remember which one (name and UID) so its Secrets can go.
    saInformer.addEventHandler({
      onDelete: (obj) => {
        const sa = obj instanceof DeletedFinalStateUnknown ? obj.obj as ServiceAccount : obj;
        const m = sa.metadata;
        if (m?.name && m.namespace) this.loop.add(`sa\0${m.namespace}\0${m.name}\0${m.uid ?? ''}`);
      },
    });
    const secretChanged = (s: Secret): void => {
      if (s.type === SecretTypeServiceAccountToken && s.metadata?.name && s.metadata.namespace) this.loop.add(`secret\0${s.metadata.namespace}\0${s.metadata.name}`);
    };
    secretInformer.addEventHandler({ onAdd: secretChanged, onUpdate: (_o, s) => secretChanged(s) });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(key: string): Promise<void> {
    const [kind, namespace = '', name = '', uid = ''] = key.split('\0');
    if (kind === 'sa') await this.deleteTokens({ namespace, name, uid });
    else await this.syncSecret(namespace, name);
  }

  /** The ServiceAccount was deleted: delete the token Secrets that referenced it. */
  private async deleteTokens(sa: AccountRef): Promise<void> {
    const client = this.secretsIn(sa.namespace);
    for (const s of this.secrets.byIndex('namespace', sa.namespace)) {
      if (!references(s, sa)) continue;
      await this.deleteSecret(client, s);
    }
  }

  private async deleteSecret(client: ResourceClient<Secret>, s: Secret): Promise<void> {
    try {
      await client.delete(s.metadata?.name ?? '', { preconditions: { uid: s.metadata?.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  private secretsIn(ns: string): ResourceClient<Secret> {
    return clientFor(this.rest).resource<Secret>(resources.secrets).namespace(ns);
  }

  private async serviceAccount(namespace: string, name: string, uid: string): Promise<ServiceAccount | undefined> {
    let sa = this.accounts.getByKey(`${namespace}/${name}`);
    if (!sa) {
      // The Secret may be newer than our cache of ServiceAccounts: ask the server before deleting.
      try {
        sa = await clientFor(this.rest).resource<ServiceAccount>(resources.serviceaccounts).namespace(namespace).get(name);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    }
    if (uid && sa.metadata?.uid !== uid) return undefined;
    return sa;
  }

  private async syncSecret(namespace: string, name: string): Promise<void> {
    const cached = this.secrets.getByKey(`${namespace}/${name}`);
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const ann = cached.metadata?.annotations ?? {};
    const saName = ann[ServiceAccountNameKey] ?? '';
    const sa = saName ? await this.serviceAccount(namespace, saName, ann[ServiceAccountUIDKey] ?? '') : undefined;
    const client = this.secretsIn(namespace);
    if (!sa) {
      await this.deleteSecret(client, cached);
      return;
    }
    if (!this.needsUpdate(cached)) return;
    // Work on the live object: the cache may be behind, and tokens must not be minted twice.
    let live: Secret;
    try {
      live = await client.get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (live.metadata?.uid !== cached.metadata?.uid || !this.needsUpdate(live)) return;
    const data: Record<string, string> = { ...live.data };
    if (this.rootCA) data['ca.crt'] = b64(this.rootCA);
    data.namespace = b64(namespace);
    if (!data.token) {
      const claims = legacyClaims({ namespace, name: sa.metadata?.name ?? '', uid: sa.metadata?.uid ?? '' }, name);
      data.token = b64(await this.generator.generateToken(claims));
    }
    const annotations = { ...live.metadata?.annotations, [ServiceAccountNameKey]: sa.metadata?.name ?? '', [ServiceAccountUIDKey]: sa.metadata?.uid ?? '' };
    try {
      await client.update({ ...live, metadata: { ...live.metadata, annotations }, data });
      this.log(`tokens: filled ${namespace}/${name} for service account ${sa.metadata?.name ?? ''}`);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err; // a conflict retries with the new live object
    }
  }

  private needsUpdate(s: Secret): boolean {
    const d = s.data ?? {};
    const caMismatch = this.rootCA !== undefined && unb64(d['ca.crt']) !== this.rootCA;
    const uidMissing = !s.metadata?.annotations?.[ServiceAccountUIDKey];
    return !d.token || caMismatch || unb64(d.namespace) !== s.metadata?.namespace || uidMissing;
  }
}

/** Upstream starts the tokens controller only with --service-account-private-key-file. */
export function newTokensController(ctx: ControllerContext): Controller {
  const pem = ctx.serviceAccountPrivateKeyPem;
  if (pem) return new TokensController(ctx, pem);
  ctx.log('serviceaccount-token: disabled, there is no service account private key');
  return { run: () => {}, stop: async () => {} };
}
