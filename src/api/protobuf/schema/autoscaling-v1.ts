// Wire-format table (field numbers, wire types, JSON names) of k8s.io autoscaling.v1 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const autoscalingV1: MessageTable = {
  'autoscaling.v1.ContainerResourceMetricSource': [
    [1, 'name', 'string', 0], [2, 'targetAverageUtilization', 'int32', 3],
    [3, 'targetAverageValue', 'resource.Quantity', 3], [5, 'container', 'string', 0],
  ],
  'autoscaling.v1.ContainerResourceMetricStatus': [
    [1, 'name', 'string', 0], [2, 'currentAverageUtilization', 'int32', 3],
    [3, 'currentAverageValue', 'resource.Quantity', 0], [4, 'container', 'string', 0],
  ],
  'autoscaling.v1.CrossVersionObjectReference': [
    [1, 'kind', 'string', 0], [2, 'name', 'string', 0], [3, 'apiVersion', 'string', 2],
  ],
  'autoscaling.v1.ExternalMetricSource': [
    [1, 'metricName', 'string', 0], [2, 'metricSelector', 'meta.v1.LabelSelector', 3],
    [3, 'targetValue', 'resource.Quantity', 3], [4, 'targetAverageValue', 'resource.Quantity', 3],
  ],
  'autoscaling.v1.ExternalMetricStatus': [
    [1, 'metricName', 'string', 0], [2, 'metricSelector', 'meta.v1.LabelSelector', 3],
    [3, 'currentValue', 'resource.Quantity', 0], [4, 'currentAverageValue', 'resource.Quantity', 3],
  ],
  'autoscaling.v1.HorizontalPodAutoscaler': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'autoscaling.v1.HorizontalPodAutoscalerSpec', 2],
    [3, 'status', 'autoscaling.v1.HorizontalPodAutoscalerStatus', 2],
  ],
  'autoscaling.v1.HorizontalPodAutoscalerCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2], [6, 'observedGeneration', 'int64', 3],
  ],
  'autoscaling.v1.HorizontalPodAutoscalerList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'autoscaling.v1.HorizontalPodAutoscaler', 16],
  ],
  'autoscaling.v1.HorizontalPodAutoscalerSpec': [
    [1, 'scaleTargetRef', 'autoscaling.v1.CrossVersionObjectReference', 0], [2, 'minReplicas', 'int32', 3],
    [3, 'maxReplicas', 'int32', 0], [4, 'targetCPUUtilizationPercentage', 'int32', 3],
  ],
  'autoscaling.v1.HorizontalPodAutoscalerStatus': [
    [1, 'observedGeneration', 'int64', 3], [2, 'lastScaleTime', 'meta.v1.Time', 3],
    [3, 'currentReplicas', 'int32', 0], [4, 'desiredReplicas', 'int32', 0],
    [5, 'currentCPUUtilizationPercentage', 'int32', 3],
  ],
  'autoscaling.v1.MetricSpec': [
    [1, 'type', 'string', 0], [2, 'object', 'autoscaling.v1.ObjectMetricSource', 3],
    [3, 'pods', 'autoscaling.v1.PodsMetricSource', 3],
    [4, 'resource', 'autoscaling.v1.ResourceMetricSource', 3],
    [7, 'containerResource', 'autoscaling.v1.ContainerResourceMetricSource', 3],
    [5, 'external', 'autoscaling.v1.ExternalMetricSource', 3],
  ],
  'autoscaling.v1.MetricStatus': [
    [1, 'type', 'string', 0], [2, 'object', 'autoscaling.v1.ObjectMetricStatus', 3],
    [3, 'pods', 'autoscaling.v1.PodsMetricStatus', 3],
    [4, 'resource', 'autoscaling.v1.ResourceMetricStatus', 3],
    [7, 'containerResource', 'autoscaling.v1.ContainerResourceMetricStatus', 3],
    [5, 'external', 'autoscaling.v1.ExternalMetricStatus', 3],
  ],
  'autoscaling.v1.ObjectMetricSource': [
    [1, 'target', 'autoscaling.v1.CrossVersionObjectReference', 0], [2, 'metricName', 'string', 0],
    [3, 'targetValue', 'resource.Quantity', 0], [4, 'selector', 'meta.v1.LabelSelector', 3],
    [5, 'averageValue', 'resource.Quantity', 3],
  ],
  'autoscaling.v1.ObjectMetricStatus': [
    [1, 'target', 'autoscaling.v1.CrossVersionObjectReference', 0], [2, 'metricName', 'string', 0],
    [3, 'currentValue', 'resource.Quantity', 0], [4, 'selector', 'meta.v1.LabelSelector', 3],
    [5, 'averageValue', 'resource.Quantity', 3],
  ],
  'autoscaling.v1.PodsMetricSource': [
    [1, 'metricName', 'string', 0], [2, 'targetAverageValue', 'resource.Quantity', 0],
    [3, 'selector', 'meta.v1.LabelSelector', 3],
  ],
  'autoscaling.v1.PodsMetricStatus': [
    [1, 'metricName', 'string', 0], [2, 'currentAverageValue', 'resource.Quantity', 0],
    [3, 'selector', 'meta.v1.LabelSelector', 3],
  ],
  'autoscaling.v1.ResourceMetricSource': [
    [1, 'name', 'string', 0], [2, 'targetAverageUtilization', 'int32', 3],
    [3, 'targetAverageValue', 'resource.Quantity', 3],
  ],
  'autoscaling.v1.ResourceMetricStatus': [
    [1, 'name', 'string', 0], [2, 'currentAverageUtilization', 'int32', 3],
    [3, 'currentAverageValue', 'resource.Quantity', 0],
  ],
  'autoscaling.v1.Scale': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'autoscaling.v1.ScaleSpec', 2],
    [3, 'status', 'autoscaling.v1.ScaleStatus', 2],
  ],
  'autoscaling.v1.ScaleSpec': [
    [1, 'replicas', 'int32', 2],
  ],
  'autoscaling.v1.ScaleStatus': [
    [1, 'replicas', 'int32', 0], [2, 'selector', 'string', 2],
  ],
};
