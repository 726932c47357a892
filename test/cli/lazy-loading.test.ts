import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { captureIO } from '../helpers/cli-io';

/**
 * Issue 16: `classify` and `parse-image` load no Azure or chat SDK, and `diagnose` loads only what
 * its mode uses. Each SDK is replaced by a factory that records that it was loaded (jest runs a
 * factory only when something requires the module), so a static import anywhere on a command's
 * path turns this red. Timing is in BENCHMARKS.md (`npm run bench -- cli`), not here.
 */
const mockLoaded: string[] = [];
const AZURE = ['@azure/identity', '@azure/arm-network', '@azure/arm-containerregistry', '@azure/arm-containerservice', '@azure/arm-authorization', '@azure/monitor-query-logs', '@microsoft/microsoft-graph-client'];
const CHAT = ['botbuilder', '@microsoft/teams-ai', '@slack/web-api', '@slack/webhook'];
const STORAGE = ['@azure/data-tables', '@azure/storage-queue'];

jest.mock('@azure/identity', () => (mockLoaded.push('@azure/identity'), jest.requireActual('@azure/identity')));
jest.mock('@azure/arm-network', () => (mockLoaded.push('@azure/arm-network'), jest.requireActual('@azure/arm-network')));
jest.mock('@azure/arm-containerregistry', () => (mockLoaded.push('@azure/arm-containerregistry'), jest.requireActual('@azure/arm-containerregistry')));
jest.mock('@azure/arm-containerservice', () => (mockLoaded.push('@azure/arm-containerservice'), jest.requireActual('@azure/arm-containerservice')));
jest.mock('@azure/arm-authorization', () => (mockLoaded.push('@azure/arm-authorization'), jest.requireActual('@azure/arm-authorization')));
jest.mock('@azure/monitor-query-logs', () => (mockLoaded.push('@azure/monitor-query-logs'), jest.requireActual('@azure/monitor-query-logs')));
jest.mock('@microsoft/microsoft-graph-client', () => (mockLoaded.push('@microsoft/microsoft-graph-client'), jest.requireActual('@microsoft/microsoft-graph-client')));
jest.mock('botbuilder', () => (mockLoaded.push('botbuilder'), jest.requireActual('botbuilder')));
jest.mock('@microsoft/teams-ai', () => (mockLoaded.push('@microsoft/teams-ai'), jest.requireActual('@microsoft/teams-ai')));
jest.mock('@slack/web-api', () => (mockLoaded.push('@slack/web-api'), jest.requireActual('@slack/web-api')));
jest.mock('@slack/webhook', () => (mockLoaded.push('@slack/webhook'), jest.requireActual('@slack/webhook')));
jest.mock('@azure/data-tables', () => (mockLoaded.push('@azure/data-tables'), jest.requireActual('@azure/data-tables')));
jest.mock('@azure/storage-queue', () => (mockLoaded.push('@azure/storage-queue'), jest.requireActual('@azure/storage-queue')));

beforeEach(() => {
  mockLoaded.length = 0;
  jest.resetModules();
});

describe('the CLI loads only what a command uses', () => {
  it.each([
    [['classify', '--json', 'manifest unknown'], EXIT.causeFound],
    [['parse-image', 'myacr.azurecr.io/app:v1'], EXIT.ok],
    [['help'], EXIT.ok],
    [['--version'], EXIT.ok],
  ])('%j loads no Azure, chat or storage SDK', async (argv, code) => {
    const { runCli: fresh } = jest.requireActual<typeof import('../../lib/cli/main')>('../../lib/cli/main');
    const c = captureIO();
    expect(await fresh(argv, c.io)).toBe(code);
    expect(mockLoaded).toEqual([]);
  });

  it('diagnose --world loads the Azure SDK clients it drives, and no chat or storage SDK', async () => {
    const c = captureIO();
    expect(await runCli(['diagnose', '--world', 'healthy', '--json'], c.io)).toBe(EXIT.ok);
    expect(mockLoaded).toEqual(expect.arrayContaining(['@azure/arm-containerregistry']));
    expect(mockLoaded.filter((m) => [...CHAT, ...STORAGE].includes(m))).toEqual([]);
    // Graph is read only for an in-cluster pull secret of a service principal.
    expect(mockLoaded).not.toContain('@microsoft/microsoft-graph-client');
  }, 30_000);

  it('the watch list names real packages (a typo would make the test above vacuous)', () => {
    for (const name of [...AZURE, ...CHAT, ...STORAGE]) expect(() => require.resolve(name)).not.toThrow();
  });
});
