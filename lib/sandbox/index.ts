/** The sandbox: local HTTPS Azure Resource Manager and registry servers serving a world file. */
export { startSandbox, sandboxCredential, type Sandbox, type SandboxOptions } from './start-sandbox';
export { startArmServer, type ArmServer, type ArmServerOptions } from './arm-server';
export { applyFaults, FaultSet, FaultError, type FaultInput } from './faults';
export { RequestLog, type RequestLogEntry, type SandboxServerKind } from './request-log';
export { generateSandboxTls, type SandboxTls } from './tls';
export { BUILTIN_ROLES, ROLE_IDS } from './builtin-roles';
export { loadWorld, WorldError } from './load-world';
export { WorldSchema, type World, type Fault } from './world-schema';
