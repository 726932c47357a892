import { readSettings } from '../config/settings';
import { storagePlan, storageRefusal } from './storage-connection';

describe('storagePlan', () => {
  it.each([
    ['connection string', { AzureWebJobsStorage: 'UseDevelopmentStorage=true' }, { kind: 'connection-string' }],
    ['account name, public cloud', { AzureWebJobsStorage__accountName: 'stpd' }, { kind: 'identity', form: '__accountName', tableEndpoint: 'https://stpd.table.core.windows.net', queueEndpoint: 'https://stpd.queue.core.windows.net' }],
    ['account name, China', { AzureWebJobsStorage__accountName: 'stpd', PULL_DOCTOR_AZURE_CLOUD: 'AzureChinaCloud' }, { kind: 'identity', tableEndpoint: 'https://stpd.table.core.chinacloudapi.cn' }],
    ['account name, US Government', { AzureWebJobsStorage__accountName: 'stpd', PULL_DOCTOR_AZURE_CLOUD: 'AzureUSGovernment' }, { kind: 'identity', queueEndpoint: 'https://stpd.queue.core.usgovcloudapi.net' }],
    [
      'service URIs',
      { AzureWebJobsStorage__queueServiceUri: 'https://stpd.queue.core.windows.net', AzureWebJobsStorage__tableServiceUri: 'https://stpd.table.core.windows.net' },
      { kind: 'identity', form: '__serviceUri', tableEndpoint: 'https://stpd.table.core.windows.net', queueEndpoint: 'https://stpd.queue.core.windows.net' },
    ],
    ['queue URI + account name', { AzureWebJobsStorage__queueServiceUri: 'https://q.example', AzureWebJobsStorage__accountName: 'stpd' }, { kind: 'identity', tableEndpoint: 'https://stpd.table.core.windows.net', queueEndpoint: 'https://q.example' }],
    ['queue URI alone', { AzureWebJobsStorage__queueServiceUri: 'https://stpd.queue.core.windows.net' }, { kind: 'memory', problem: expect.stringContaining('AzureWebJobsStorage__tableServiceUri is not set') }],
    ['nothing', {}, { kind: 'memory' }],
  ])('%s', (_what, env, expected) => {
    expect(storagePlan(readSettings(env))).toMatchObject(expected);
  });
});

describe('storageRefusal', () => {
  it('refuses memory stores in Azure, naming the settings, and allows them outside Azure', () => {
    expect(storageRefusal(readSettings({ WEBSITE_SITE_NAME: 'func-pd' }))).toMatch(/WEBSITE_SITE_NAME=func-pd.*AzureWebJobsStorage__accountName.*503/);
    expect(storageRefusal(readSettings({ WEBSITE_SITE_NAME: 'func-pd', AzureWebJobsStorage__queueServiceUri: 'https://x.queue.core.windows.net' }))).toMatch(/AzureWebJobsStorage__tableServiceUri is not set/);
    expect(storageRefusal(readSettings({ WEBSITE_SITE_NAME: 'func-pd', AzureWebJobsStorage__accountName: 'stpd' }))).toBeUndefined();
    expect(storageRefusal(readSettings({}))).toBeUndefined();
  });
});
