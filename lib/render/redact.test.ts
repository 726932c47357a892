import { REDACTED, redact, redactDeep } from './redact';

describe('redact', () => {
  const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJl';
  const cases: Array<[string, string, string]> = [
    ['bearer header', 'Authorization: Bearer abc.def-ghi_123', `Authorization: Bearer ${REDACTED}`],
    ['basic header', 'authorization: basic dXNlcjpwYXNz', `authorization: basic ${REDACTED}`],
    ['bare JWT', `token ${jwt} expired`, `token ${REDACTED} expired`],
    ['password=', 'helm set password=hunter2 ok', `helm set password=${REDACTED} ok`],
    ['password: quoted', '"password": "hunter2"', `"password": "${REDACTED}"`],
    ['client_secret', 'client_secret=abc~DEF.123&grant_type=x', `client_secret=${REDACTED}&grant_type=x`],
    ['--client-secret flag', 'az login --service-principal -u x --client-secret s3cr3t --tenant t', `az login --service-principal -u x --client-secret ${REDACTED} --tenant t`],
    ['--password flag', 'docker login myacr.azurecr.io --username u --password p4ss', `docker login myacr.azurecr.io --username u --password ${REDACTED}`],
    ['-p after login', 'docker login myacr.azurecr.io -u u -p p4ss', `docker login myacr.azurecr.io -u u -p ${REDACTED}`],
    ['SAS sig', 'https://st.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=abc%2Bdef%3D&se=x', `https://st.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=${REDACTED}&se=x`],
    ['connection string', 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc+def==;EndpointSuffix=core.windows.net', `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`],
    ['slack bot token', 'token xoxb-0000-1111-FAKEfake here', `token ${REDACTED} here`],
    ['slack app token', 'xapp-1-A000-000-FAKE', REDACTED],
    ['url credentials', 'https://user:pa55@registry.example.com/v2/', `https://user:${REDACTED}@registry.example.com/v2/`],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary diagnosis text alone', () => {
    const text =
      'az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr; kubelet identity 5c1e9a7d-2b44-4f1e-9d0a-7f3c2e8b1a60 lacks AcrPull at /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg';
    expect(redact(text)).toBe(text);
    expect(redact('https://portal.azure.com/#@/resource/subscriptions/x')).toBe('https://portal.azure.com/#@/resource/subscriptions/x');
  });

  it('is idempotent', () => {
    const once = redact(`password=x Bearer ${jwt} sig=abc xoxb-1234567-abc`);
    expect(redact(once)).toBe(once);
  });

  it('redacts every string in a nested value', () => {
    expect(redactDeep({ a: ['Bearer abc'], b: { c: 'password=x', n: 3 } })).toEqual({ a: [`Bearer ${REDACTED}`], b: { c: `password=${REDACTED}`, n: 3 } });
  });
});
