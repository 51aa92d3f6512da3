// Records the OTLP/HTTP protobuf trace requests that the OpenTelemetry Node SDK sends for a small
// shop, for NodeSdkReplayTest to replay. The recording is checked in: installing npm packages in
// the test suite would be slow and fragile.
//
// How it was made (Node 20):
//   mkdir rec && cd rec && npm init -y
//   npm install @opentelemetry/sdk-node@0.223.0 @opentelemetry/api@1.9.1 \
//     @opentelemetry/exporter-trace-otlp-proto@0.223.1 @opentelemetry/instrumentation-http@0.223.0
//   NODE_PATH=$PWD/node_modules node /path/to/record.js /path/to/src/test/resources/otlp/node-sdk
//
// The shop answers GET /orders and tags each request's span with the caller's tenant
// (tenant.id, from the X-Tenant-Id header). For 8 s four tenants order in turn; then a release
// (its time written to release.txt) makes tenant acme's orders fail with 500 for 8 s more. The
// SDK exports to a capturing receiver in this process, which writes each request body as
// traces-NNN.bin.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');

const out = process.argv[2] || '.';
fs.mkdirSync(out, { recursive: true });

// a free port for the receiver, found before the SDK starts: the HTTP instrumentation patches
// the http module when it is first required, so it must be required after sdk.start()
const probe = net.createServer();
probe.listen(0, '127.0.0.1', () => {
  const receiverPort = probe.address().port;
  probe.close(() => main(receiverPort));
});

function main(receiverPort) {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources');
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': 'node-shop', 'service.version': '2.0.1' }),
    traceExporter: new OTLPTraceExporter({ url: 'http://127.0.0.1:' + receiverPort + '/v1/traces' }),
    instrumentations: [new HttpInstrumentation({
      ignoreOutgoingRequestHook: () => true, // the driver's and the exporter's calls are not the shop's
      ignoreIncomingRequestHook: (req) => req.url === '/v1/traces',
    })],
  });
  sdk.start();
  const http = require('http');
  const api = require('@opentelemetry/api');

  let seq = 0;
  const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/traces') {
      seq += 1;
      fs.writeFileSync(path.join(out, 'traces-' + String(seq).padStart(3, '0') + '.bin'), Buffer.concat(chunks));
    }
    res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
    res.end();
  });
});

  receiver.listen(receiverPort, '127.0.0.1', () => drive(sdk, http, api, () => seq, receiver));
}

async function drive(sdk, http, api, recorded, receiver) {
  let released = false;
  const shop = http.createServer((req, res) => {
    const tenant = req.headers['x-tenant-id'] || 'none';
    api.trace.getActiveSpan()?.setAttribute('tenant.id', tenant);
    const failed = released && tenant === 'acme';
    res.writeHead(failed ? 500 : 200, { 'Content-Type': 'text/plain' });
    res.end(failed ? 'pricing failed' : 'order');
  });
  await new Promise((r) => shop.listen(0, '127.0.0.1', r));
  const port = shop.address().port;
  const tenants = ['acme', 'globex', 'initech', 'umbrella'];
  let n = 0;
  const order = () => new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/orders', headers: { 'X-Tenant-Id': tenants[n++ % 4] } }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', resolve);
  });
  const run = async (ms) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await order();
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await run(8000);
  released = true;
  fs.writeFileSync(path.join(out, 'release.txt'), new Date().toISOString() + '\n');
  await run(8000);
  await sdk.shutdown();
  shop.close();
  receiver.close();
  console.log('recorded ' + recorded() + ' requests, ' + n + ' orders, in ' + out);
}
