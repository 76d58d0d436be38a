// Wire-format table (field numbers, wire types, JSON names) of k8s.io autoscaling.v2 generated.proto and Go struct tags.
// Row: [field number, JSON name ('' = inline), type, FLAG bits, map key type, map value type].

import type { MessageTable } from './types.ts';

export const autoscalingV2: MessageTable = {
  'autoscaling.v2.ContainerResourceMetricSource': [
    [1, 'name', 'string', 0], [2, 'target', 'autoscaling.v2.MetricTarget', 0], [3, 'container', 'string', 0],
  ],
  'autoscaling.v2.ContainerResourceMetricStatus': [
    [1, 'name', 'string', 0], [2, 'current', 'autoscaling.v2.MetricValueStatus', 0],
    [3, 'container', 'string', 0],
  ],
  'autoscaling.v2.CrossVersionObjectReference': [
    [1, 'kind', 'string', 0], [2, 'name', 'string', 0], [3, 'apiVersion', 'string', 2],
  ],
  'autoscaling.v2.ExternalMetricSource': [
    [1, 'metric', 'autoscaling.v2.MetricIdentifier', 0], [2, 'target', 'autoscaling.v2.MetricTarget', 0],
  ],
  'autoscaling.v2.ExternalMetricStatus': [
    [1, 'metric', 'autoscaling.v2.MetricIdentifier', 0],
    [2, 'current', 'autoscaling.v2.MetricValueStatus', 0],
  ],
  'autoscaling.v2.HorizontalPodAutoscaler': [
    [1, 'metadata', 'meta.v1.ObjectMeta', 2], [2, 'spec', 'autoscaling.v2.HorizontalPodAutoscalerSpec', 2],
    [3, 'status', 'autoscaling.v2.HorizontalPodAutoscalerStatus', 2],
  ],
  'autoscaling.v2.HorizontalPodAutoscalerBehavior': [
    [1, 'scaleUp', 'autoscaling.v2.HPAScalingRules', 3],
    [2, 'scaleDown', 'autoscaling.v2.HPAScalingRules', 3],
  ],
  'autoscaling.v2.HorizontalPodAutoscalerCondition': [
    [1, 'type', 'string', 0], [2, 'status', 'string', 0], [3, 'lastTransitionTime', 'meta.v1.Time', 2],
    [4, 'reason', 'string', 2], [5, 'message', 'string', 2], [6, 'observedGeneration', 'int64', 3],
  ],
  'autoscaling.v2.HorizontalPodAutoscalerList': [
    [1, 'metadata', 'meta.v1.ListMeta', 2], [2, 'items', 'autoscaling.v2.HorizontalPodAutoscaler', 16],
  ],
  'autoscaling.v2.HorizontalPodAutoscalerSpec': [
    [1, 'scaleTargetRef', 'autoscaling.v2.CrossVersionObjectReference', 0], [2, 'minReplicas', 'int32', 3],
    [3, 'maxReplicas', 'int32', 0], [4, 'metrics', 'autoscaling.v2.MetricSpec', 18],
    [5, 'behavior', 'autoscaling.v2.HorizontalPodAutoscalerBehavior', 3],
  ],
  'autoscaling.v2.HorizontalPodAutoscalerStatus': [
    [1, 'observedGeneration', 'int64', 3], [2, 'lastScaleTime', 'meta.v1.Time', 3],
    [3, 'currentReplicas', 'int32', 2], [4, 'desiredReplicas', 'int32', 0],
    [5, 'currentMetrics', 'autoscaling.v2.MetricStatus', 16],
    [6, 'conditions', 'autoscaling.v2.HorizontalPodAutoscalerCondition', 18],
  ],
  'autoscaling.v2.HPAScalingPolicy': [
    [1, 'type', 'string', 0], [2, 'value', 'int32', 0], [3, 'periodSeconds', 'int32', 0],
  ],
  'autoscaling.v2.HPAScalingRules': [
    [3, 'stabilizationWindowSeconds', 'int32', 3], [1, 'selectPolicy', 'string', 3],
    [2, 'policies', 'autoscaling.v2.HPAScalingPolicy', 18], [4, 'tolerance', 'resource.Quantity', 3],
  ],
  'autoscaling.v2.MetricIdentifier': [
    [1, 'name', 'string', 0], [2, 'selector', 'meta.v1.LabelSelector', 3],
  ],
  'autoscaling.v2.MetricSpec': [
    [1, 'type', 'string', 0], [2, 'object', 'autoscaling.v2.ObjectMetricSource', 3],
    [3, 'pods', 'autoscaling.v2.PodsMetricSource', 3],
    [4, 'resource', 'autoscaling.v2.ResourceMetricSource', 3],
    [7, 'containerResource', 'autoscaling.v2.ContainerResourceMetricSource', 3],
    [5, 'external', 'autoscaling.v2.ExternalMetricSource', 3],
  ],
  'autoscaling.v2.MetricStatus': [
    [1, 'type', 'string', 0], [2, 'object', 'autoscaling.v2.ObjectMetricStatus', 3],
    [3, 'pods', 'autoscaling.v2.PodsMetricStatus', 3],
    [4, 'resource', 'autoscaling.v2.ResourceMetricStatus', 3],
    [7, 'containerResource', 'autoscaling.v2.ContainerResourceMetricStatus', 3],
    [5, 'external', 'autoscaling.v2.ExternalMetricStatus', 3],
  ],
  'autoscaling.v2.MetricTarget': [
    [1, 'type', 'string', 0], [2, 'value', 'resource.Quantity', 3],
    [3, 'averageValue', 'resource.Quantity', 3], [4, 'averageUtilization', 'int32', 3],
  ],
  'autoscaling.v2.MetricValueStatus': [
    [1, 'value', 'resource.Quantity', 3], [2, 'averageValue', 'resource.Quantity', 3],
    [3, 'averageUtilization', 'int32', 3],
  ],
  'autoscaling.v2.ObjectMetricSource': [
    [1, 'describedObject', 'autoscaling.v2.CrossVersionObjectReference', 0],
    [2, 'target', 'autoscaling.v2.MetricTarget', 0], [3, 'metric', 'autoscaling.v2.MetricIdentifier', 0],
  ],
  'autoscaling.v2.ObjectMetricStatus': [
    [1, 'metric', 'autoscaling.v2.MetricIdentifier', 0],
    [2, 'current', 'autoscaling.v2.MetricValueStatus', 0],
    [3, 'describedObject', 'autoscaling.v2.CrossVersionObjectReference', 0],
  ],
  'autoscaling.v2.PodsMetricSource': [
    [1, 'metric', 'autoscaling.v2.MetricIdentifier', 0], [2, 'target', 'autoscaling.v2.MetricTarget', 0],
  ],
  'autoscaling.v2.PodsMetricStatus': [
    [1, 'metric', 'autoscaling.v2.MetricIdentifier', 0],
    [2, 'current', 'autoscaling.v2.MetricValueStatus', 0],
  ],
  'autoscaling.v2.ResourceMetricSource': [
    [1, 'name', 'string', 0], [2, 'target', 'autoscaling.v2.MetricTarget', 0],
  ],
  'autoscaling.v2.ResourceMetricStatus': [
    [1, 'name', 'string', 0], [2, 'current', 'autoscaling.v2.MetricValueStatus', 0],
  ],
};
