// The root CA certificate publisher (upstream pkg/controller/certificates/rootcacertpublisher): a
// ConfigMap kube-root-ca.crt in every namespace holding the cluster CA bundle under ca.crt, so
// workloads can verify the apiserver; put back when deleted, corrected when edited.

import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.js';
import type { Lister, RestClient, SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, clientFor, isForbidden, isNotFound, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';

export const RootCACertConfigMapName = 'kube-root-ca.crt';
export const DescriptionAnnotation = 'kubernetes.io/description';
export const Description = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. '
  + 'No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly rootCA: string;
  private readonly namespaces: SharedInformer<Namespace>;
  private readonly configMaps: Lister<ConfigMap>;

  /** rootCA: the PEM bundle to publish (upstream's --root-ca-file; here the manager's own CA). */
  constructor(ctx: ControllerContext, rootCA: string | undefined = ctx.rest.config.ca) {
    if (!rootCA) throw new Error('root-ca-cert-publisher: no root CA to publish (the client config has no CA)');
    this.rest = ctx.rest;
    this.rootCA = rootCA;
    this.loop = new ReconcileLoop({ name: 'root_ca_cert_publisher', reconcile: (k) => this.syncNamespace(k), metrics: ctx.metrics });
    this.namespaces = ctx.informers.informerFor<Namespace>(resources.namespaces);
    this.configMaps = ctx.informers.listerFor<ConfigMap>(resources.configmaps);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.loop.add(ns.metadata?.name ?? ''),
      onUpdate: (_o, ns) => this.loop.add(ns.metadata?.name ?? ''),
    });
    const cmChanged = (cm: ConfigMap): void => {
      if (cm.metadata?.name === RootCACertConfigMapName) this.loop.add(cm.metadata.namespace ?? '');
    };
    ctx.informers.informerFor<ConfigMap>(resources.configmaps).addEventHandler({
      onUpdate: (_o, cm) => cmChanged(cm),
      onDelete: (obj) => cmChanged(obj instanceof DeletedFinalStateUnknown ? obj.obj as ConfigMap : obj),
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async syncNamespace(ns: string): Promise<void> {
    const namespace = this.namespaces.indexer.getByKey(ns);
    if (!namespace || namespace.metadata?.deletionTimestamp) return;
    const client = clientFor(this.rest).resource<ConfigMap>(resources.configmaps).namespace(ns);
    const cm = this.configMaps.namespace(ns).get(RootCACertConfigMapName);
    const data = { 'ca.crt': this.rootCA };
    try {
      if (!cm) {
        await client.create({
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: RootCACertConfigMapName, namespace: ns, annotations: { [DescriptionAnnotation]: Description } },
          data,
        });
        return;
      }
      const same = JSON.stringify(cm.data ?? {}) === JSON.stringify(data) && cm.metadata?.annotations?.[DescriptionAnnotation] === Description
        && !cm.binaryData;
      if (same) return;
      // Only data and our annotation change; everything else the user put there stays.
      const { binaryData: _b, ...rest } = cm;
      await client.update({
        ...rest, data,
        metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [DescriptionAnnotation]: Description } },
      });
    } catch (err) {
      // Gone or terminating namespace. (AlreadyExists/Conflict: our cache lags; the retry sees the live one.)
      if (isNotFound(err) || isForbidden(err)) return;
      throw err;
    }
  }
}
