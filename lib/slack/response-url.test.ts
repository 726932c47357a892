import { createServer, type Server } from 'node:http';
import { postToResponseUrl, responseUrlProblem, SlackResponseUrlError } from './response-url';
import { listenOnLoopback } from '../util/listen-loopback';

describe('response_url', () => {
  it.each([
    ['https://hooks.slack.com/commands/T1/2/abc', undefined],
    ['https://hooks.slack.com:443/actions/T1/2/abc', undefined],
    ['http://hooks.slack.com/commands/T1/2/abc', 'response_url is not a https://hooks.slack.com URL'],
    ['https://hooks.slack.com.evil.example/x', 'response_url is not a https://hooks.slack.com URL'],
    ['https://user:pw@hooks.slack.com/x', 'response_url must not carry credentials'],
    ['https://169.254.169.254/metadata', 'response_url is not a https://hooks.slack.com URL'],
    ['http://127.0.0.1:8080/x', 'response_url is not a https://hooks.slack.com URL'],
    ['not a url', 'response_url is not a URL'],
  ])('%s', (url, problem) => {
    expect(responseUrlProblem(url)).toBe(problem);
  });

  it('accepts 127.0.0.1 only when a test says so', () => {
    expect(responseUrlProblem('http://127.0.0.1:8080/x', { allowLocalTestUrls: true })).toBeUndefined();
    expect(responseUrlProblem('http://localhost:8080/x', { allowLocalTestUrls: true })).toBeDefined();
  });

  describe('POST', () => {
    let server: Server;
    let base = '';
    const statuses: number[] = [];
    const bodies: unknown[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let text = '';
        req.on('data', (c: Buffer) => (text += c.toString('utf8')));
        req.on('end', () => {
          bodies.push(JSON.parse(text));
          res.writeHead(statuses.shift() ?? 200).end('ok');
        });
      });
      base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      bodies.length = 0;
      statuses.length = 0;
    });

    it('posts JSON once on success', async () => {
      await postToResponseUrl(`${base}/ok`, { text: 'hi' }, { allowLocalTestUrls: true });
      expect(bodies).toEqual([{ text: 'hi' }]);
    });

    it('retries a 5xx once, then succeeds', async () => {
      statuses.push(503);
      await postToResponseUrl(`${base}/retry`, { text: 'again' }, { allowLocalTestUrls: true });
      expect(bodies).toHaveLength(2);
    });

    it('throws a typed error on a 4xx without retrying', async () => {
      statuses.push(404);
      await expect(postToResponseUrl(`${base}/gone`, { text: 'x' }, { allowLocalTestUrls: true })).rejects.toMatchObject({ name: 'SlackResponseUrlError', statusCode: 404 });
      expect(bodies).toHaveLength(1);
    });

    it('never sends to a URL that fails the check', async () => {
      await expect(postToResponseUrl(`${base}/x`, { text: 'x' })).rejects.toBeInstanceOf(SlackResponseUrlError);
      expect(bodies).toHaveLength(0);
    });
  });
});
