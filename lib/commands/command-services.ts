import { accessPolicyFrom } from '../authz/chat-access';
import type { ChatPort } from '../chat/chat-port';
import type { Settings } from '../config/settings';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { IncidentStore } from '../incidents/incident-store';
import type { Logger } from '../intake/logger';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { JobQueue } from '../queue/job-queue';
import type { CommandServices } from './command-context';
import type { WarningServices } from '../app/warning-services';

/** The parts of lib/app's Services chat commands use (diagnoser, chat and insights are built on first use there). */
export interface AppServicesForCommands {
  readonly settings: Settings;
  readonly log: Logger;
  readonly store: IncidentStore;
  readonly queue: JobQueue;
  readonly diagnoser: Diagnoser;
  readonly chat: ChatPort;
  readonly insights?: ContainerInsightsPort;
  readonly warnings?: WarningServices;
}

/** Adapts the composition root's services; lazy parts stay lazy (a `status` never builds the engine). */
export function commandServicesFrom(app: AppServicesForCommands): CommandServices {
  const settings = app.settings;
  return {
    incidents: app.store,
    queue: app.queue,
    log: app.log,
    get diagnoser() {
      return app.diagnoser;
    },
    get chat() {
      // A chat adapter that cannot be configured only means the incident message is not updated.
      try {
        return app.chat;
      } catch (error) {
        app.log.warn(`chat: no chat adapter for incident updates: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
    get containerInsights() {
      return settings.PULL_DOCTOR_WORKSPACE_IDS.length ? app.insights : undefined;
    },
    ...(app.warnings ? { warnings: app.warnings.actions, ...(settings.PULL_DOCTOR_WORKSPACE_IDS.length ? { audit: app.warnings.audit } : {}) } : {}),
    settings: {
      allowedClusters: settings.PULL_DOCTOR_ALLOWED_CLUSTERS,
      workspaceIds: settings.PULL_DOCTOR_WORKSPACE_IDS,
      access: accessPolicyFrom(settings),
      allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES,
    },
  };
}
