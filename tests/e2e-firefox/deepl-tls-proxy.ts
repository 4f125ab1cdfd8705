// DeepL's hosts for Firefox, answered by the local DeepL-compatible server. Firefox is told to use this as its
// proxy for https; it opens a tunnel to api-free.deepl.com or api.deepl.com (anything else is refused), and the
// tunnel ends here, in TLS with a throwaway self-signed certificate for those names (Firefox is launched to
// accept it), in front of the local server. So the add-on, as built, calls "DeepL" at DeepL's address.
//
// Why not as in Chromium: BiDi's request interception sees pages' requests only, not the add-on's background
// page; and the add-on may reach DeepL's https origins only (host permissions, CSP connect-src).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEEPL_FREE_URL, DEEPL_PRO_URL } from '../../lib/deepl/hosts';

const DEEPL_HOSTS = [DEEPL_FREE_URL, DEEPL_PRO_URL].map((url) => new URL(url).host);

export interface DeeplTlsProxy {
  /** Where Firefox's https proxy is (network.proxy.ssl / ssl_port). */
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startDeeplTlsProxy(deeplUrl: string): Promise<DeeplTlsProxy> {
  const { key, cert } = selfSignedCertificate(DEEPL_HOSTS);
  const upstream = new URL(deeplUrl);
  const tls = createTlsServer({ key, cert }, (req, res) => {
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The local server dropped the connection (a fault it was asked for): so does "DeepL".
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (!DEEPL_HOSTS.some((host) => req.url === `${host}:443`)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (proxy.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

/** A key and a self-signed certificate for these host names, made by openssl for this run only. */
function selfSignedCertificate(hosts: string[]): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'rednote-lens-tls-'));
  try {
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hosts[0]}`,
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`, '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
