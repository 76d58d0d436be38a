// HTTP/2 sessions for the fuzz's identities; a session the server closed is opened again.

import http2 from 'node:http2';

export interface Sent { method: string; path: string; headers: Record<string, string>; body?: Buffer }
export interface Answer { status: number; text: string; error?: string; streamed?: boolean }

export interface Identity { name: string; cert?: string; key?: string }

export class FuzzClient {
  private session: http2.ClientHttp2Session | undefined;
  /** Every session opened, including those the server sent GOAWAY on: close() ends them all. */
  private readonly all = new Set<http2.ClientHttp2Session>();
  private readonly url: string;
  private readonly ca: string;
  private readonly id: Identity;

  constructor(url: string, ca: string, id: Identity) {
    this.url = url;
    this.ca = ca;
    this.id = id;
  }

  private open(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const s = http2.connect(this.url, { ca: this.ca, cert: this.id.cert, key: this.id.key });
    this.all.add(s);
    s.once('close', () => this.all.delete(s));
    s.on('error', () => {});
    s.on('goaway', () => { if (this.session === s) this.session = undefined; });
    s.on('close', () => { if (this.session === s) this.session = undefined; });
    this.session = s;
    return s;
  }

  /**
   * Sends one request. Streams (watch, follow) answering 2xx are closed after their headers;
   * anything else must end within timeoutMs.
   */
  send(r: Sent, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.open().request({ ':method': r.method, ':path': r.path, ...r.headers }, { endStream: r.body === undefined });
      } catch (err) {
        resolve({ status: 0, text: '', error: `client refused: ${(err as Error).message}` });
        return;
      }
      let status = 0;
      let done = false;
      const chunks: Buffer[] = [];
      // cancel: only streams left open (watches, timeouts); cancelling every finished stream
      // would look like a rapid-reset attack to the server.
      const finish = (a: Answer, cancel = false): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (cancel && !stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
        resolve(a);
      };
      const timer = setTimeout(() => finish({ status, text: Buffer.concat(chunks).toString('utf8').slice(0, 300), error: `no complete answer in ${timeoutMs} ms` }, true), timeoutMs);
      stream.on('response', (h) => {
        status = Number(h[':status']);
        const streaming = /[?&]watch=(1|true)/.test(r.path) || r.path.includes('/watch/') || /[?&]follow=(1|true)/.test(r.path);
        if (streaming && status >= 200 && status < 300) finish({ status, text: '', streamed: true }, true);
      });
      stream.on('data', (c: Buffer) => { if (chunks.length < 64) chunks.push(c); });
      stream.on('end', () => finish({ status, text: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
      stream.on('error', (err: Error) => finish({ status, text: '', error: err.message }));
      stream.on('close', () => finish({ status, text: Buffer.concat(chunks).toString('utf8').slice(0, 300), error: status ? undefined : `stream closed (code ${stream.rstCode})` }));
      if (r.body !== undefined) stream.end(r.body);
    });
  }

  close(): void { for (const s of this.all) s.destroy(); this.all.clear(); this.session = undefined; }
}
