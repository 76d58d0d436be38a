// Small manifest builders for the e2e tests; kubectl reads them on stdin (`-f -`).

import YAML from 'yaml';

type Labels = Record<string, string>;

export function configMap(name: string, data: Record<string, string> = { key: 'value' }, labels: Labels = {}): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function pod(name: string, labels: Labels = {}, image = 'nginx:1.25'): object {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
    spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 80 }] }] },
  };
}

export function deployment(name: string, replicas = 2, image = 'nginx:1.25'): object {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 80 }] }, { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] },
      },
    },
  };
}

export function service(name: string, selector: Labels, port = 80): object {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name },
    spec: { selector, ports: [{ name: 'http', port, targetPort: 8080, protocol: 'TCP' }] },
  };
}

export function node(name: string, labels: Labels = {}): object {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}

export function priorityClass(name: string, value: number): object {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description: 'e2e' };
}

/**
 * A multi-document YAML stream of the given objects, written as YAML 1.1 (kubectl's dialect) so
 * that strings like `y` or `on` are quoted rather than read back as booleans.
 */
export function yaml(...objects: object[]): string {
  return objects.map((o) => YAML.stringify(o, { version: '1.1' })).join('---\n');
}

export function namespace(name: string): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
