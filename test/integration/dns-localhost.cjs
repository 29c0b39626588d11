// fauxqs queue URLs name `sqs.<region>.localhost`, which does not resolve on every machine: resolve
// every *.localhost name to 127.0.0.1 in the test workers (SNS delivers to queues by these URLs too).
const dns = require('node:dns');
const original = dns.lookup;
dns.lookup = function lookup(host, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof host === 'string' && host.endsWith('.localhost')) {
    const settings = typeof options === 'number' ? { family: options } : options || {};
    return settings.all ? process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]) : process.nextTick(callback, null, '127.0.0.1', 4);
  }
  return original.call(dns, host, options, callback);
};
