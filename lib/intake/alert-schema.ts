import { z } from 'zod';

/**
 * The Azure Monitor common alert schema, as far as pull-doctor reads it.
 * Source: MS Learn "Common alert schema" (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema)
 * and "Sample alert payloads" (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-payload-samples).
 * Unknown fields pass through; only what we use is required.
 */
export const COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';

const Dimension = z.object({ name: z.string(), value: z.union([z.string(), z.number()]).transform(String) });

/** One criterion of a log search alert (v2) or a metric alert. */
const Criterion = z
  .object({
    searchQuery: z.string().optional(),
    metricName: z.string().optional(),
    metricNamespace: z.string().optional(),
    dimensions: z.array(Dimension).default([]),
    metricValue: z.number().nullish(),
    windowStartTime: z.string().optional(),
    windowEndTime: z.string().optional(),
    linkToSearchResultsAPI: z.string().optional(),
    linkToFilteredSearchResultsAPI: z.string().optional(),
  })
  .passthrough();
export type AlertCriterion = z.infer<typeof Criterion>;

export const AlertContextSchema = z
  .object({
    conditionType: z.string().optional(),
    condition: z
      .object({
        windowSize: z.string().optional(),
        windowStartTime: z.string().optional(),
        windowEndTime: z.string().optional(),
        allOf: z.array(Criterion).default([]),
      })
      .passthrough()
      .optional(),
    /** Prometheus rule alerts: the series labels (namespace, pod, container, reason, cluster, …). */
    labels: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();

export const EssentialsSchema = z
  .object({
    alertId: z.string().min(1),
    alertRule: z.string().min(1),
    severity: z.string().optional(),
    signalType: z.string().optional(),
    monitorCondition: z.enum(['Fired', 'Resolved']),
    monitoringService: z.string().optional(),
    alertTargetIDs: z.array(z.string()).default([]),
    configurationItems: z.array(z.string()).default([]),
    firedDateTime: z.string().min(1),
    resolvedDateTime: z.string().nullish(),
  })
  .passthrough();

export const CommonAlertSchema = z.object({
  schemaId: z.literal(COMMON_ALERT_SCHEMA_ID),
  data: z.object({
    essentials: EssentialsSchema,
    alertContext: AlertContextSchema.nullish(),
  }),
});
export type CommonAlert = z.infer<typeof CommonAlertSchema>;
