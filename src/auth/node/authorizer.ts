// The Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go): a kubelet's identity
// (user system:node:<name> in group system:nodes) may read the secrets, config maps, PVCs and PVs
// of the pods bound to it, request tokens for their service accounts, and use its own Lease and
// CSINode; everything else is judged by the static node rules (upstream's NodeRules, which the
// system:node ClusterRole also holds but binds to nobody).

import { nodeIdentity } from '../../admission/noderestriction.ts';
import { nodeRules } from '../rbac/bootstrap/policy.ts';
import { rulesAllow } from '../rbac/rules.ts';
import type { PolicyRule } from '../rbac/types.ts';
import type { AuthorizationAttributes, Authorizer, Decision, NonResourceRule, ResourceRule, UserInfo } from '../types.ts';
import type { NodeGraph } from './graph.ts';
import type { VertexType } from './refs.ts';

const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const noOpinion = (reason: string): Decision => ({ decision: 'NoOpinion', reason });
const ALLOW: Decision = { decision: 'Allow', reason: '' };

export class NodeAuthorizer implements Authorizer {
  private readonly graph: () => NodeGraph;
  private readonly rules: readonly PolicyRule[];

  /** graph is called on each subdivided check (the caches exist only once the server started). */
  constructor(graph: () => NodeGraph, rules: readonly PolicyRule[] = nodeRules()) {
    this.graph = graph;
    this.rules = rules;
  }

  /** Builds the graph now rather than on the first subdivided check. */
  ensureGraph(): void { this.graph(); }

  authorize(a: AuthorizationAttributes): Promise<Decision> {
    return Promise.resolve(this.decide(a));
  }

  decide(a: AuthorizationAttributes): Decision {
    const node = nodeIdentity(a.user);
    if (node === undefined) return noOpinion('');
    if (!node) return noOpinion(`unknown node for user "${a.user.name}"`);
    if (a.isResourceRequest) {
      const gr = `${a.resource}.${a.apiGroup}`;
      switch (gr) {
        case 'secrets.': return this.readNamespacedObject(node, 'secret', a);
        case 'configmaps.': return this.readNamespacedObject(node, 'configmap', a);
        case 'persistentvolumeclaims.':
          return a.subresource === 'status' ? this.statusUpdate(node, 'pvc', a) : this.get(node, 'pvc', a);
        case 'persistentvolumes.': return this.get(node, 'pv', a);
        case 'volumeattachments.storage.k8s.io': return this.get(node, 'volumeattachment', a);
        case 'serviceaccounts.': return this.createToken(node, a);
        case 'leases.coordination.k8s.io': return this.ownObject(node, a, 'node lease', `can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
        case 'csinodes.storage.k8s.io': return this.ownObject(node, a, 'CSINode');
        default: break;
      }
    }
    // Resources not subdivided by the graph: the static node rules.
    return rulesAllow(a, this.rules) ? ALLOW : noOpinion('');
  }

  private related(node: string, type: VertexType | 'volumeattachment', a: AuthorizationAttributes): Decision {
    if (!a.name) return noOpinion('No Object name found');
    if (this.graph().hasPathFrom(node, type, a.namespace, a.name)) return ALLOW;
    return noOpinion(`no relationship found between node '${node}' and this object`);
  }

  private readNamespacedObject(node: string, type: VertexType, a: AuthorizationAttributes): Decision {
    if (a.verb !== 'get' && a.verb !== 'list' && a.verb !== 'watch') return noOpinion('can only read resources of this type');
    if (a.subresource) return noOpinion('cannot read subresource');
    if (!a.namespace) return noOpinion('can only read namespaced object of this type');
    return this.related(node, type, a);
  }

  private get(node: string, type: VertexType | 'volumeattachment', a: AuthorizationAttributes): Decision {
    if (a.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (a.subresource) return noOpinion('cannot get subresource');
    return this.related(node, type, a);
  }

  private statusUpdate(node: string, type: VertexType, a: AuthorizationAttributes): Decision {
    if (a.verb !== 'update' && a.verb !== 'patch') return noOpinion('can only get/update/patch this type');
    if (a.subresource !== 'status') return noOpinion('can only update status subresource');
    return this.related(node, type, a);
  }

  private createToken(node: string, a: AuthorizationAttributes): Decision {
    if (a.verb !== 'create' || !a.name) return noOpinion('can only create tokens for individual service accounts');
    if (a.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.related(node, 'serviceaccount', a);
  }

  /** Leases and CSINodes: a node uses only the one named after itself. */
  private ownObject(node: string, a: AuthorizationAttributes, what: string, namespaceReason?: string): Decision {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return noOpinion(`can only get, create, update, patch, or delete a ${what}`);
    if (namespaceReason !== undefined && a.namespace !== NODE_LEASE_NAMESPACE) return noOpinion(namespaceReason);
    // The name is unknown to the authorizer on create; NodeRestriction checks it there.
    if (a.verb !== 'create' && a.name !== node) return noOpinion(`can only access ${what} with the same name as the requesting node`);
    return ALLOW;
  }

  rulesFor(user: UserInfo): Promise<{ resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean; evaluationError?: string }> {
    // As upstream: a node's rights depend on its pods, so they are not enumerated.
    if (nodeIdentity(user) !== undefined) {
      return Promise.resolve({ resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
    }
    return Promise.resolve({ resourceRules: [], nonResourceRules: [], incomplete: false });
  }
}
