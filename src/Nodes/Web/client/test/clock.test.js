// node --test: the pure parts of the page (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClockOffset } from '../src/clock.js';
import { checkDestinationUri } from '../src/destinations.js';

test('the clock offset is taken from the exchange with the shortest round trip', () => {
  const clock = new ClockOffset();
  assert.equal(clock.known, false);
  clock.add(1000, 1100, 6000); // offset 4950 ± 50
  clock.add(2000, 2010, 7005); // offset 5000 ± 5: the best
  clock.add(3000, 3400, 8500); // offset 5300 ± 200
  assert.equal(clock.offsetMs, 5000);
  assert.equal(clock.roundTripMs, 10);
  clock.reset();
  assert.equal(clock.known, false);
  assert.equal(clock.offsetMs, 0);
});

test('the clock keeps only the recent exchanges', () => {
  const clock = new ClockOffset();
  clock.add(0, 1, 100); // the best, but old
  for (let i = 1; i <= 8; i++) clock.add(i * 1000, i * 1000 + 20, i * 1000 + 10 + 7);
  assert.equal(clock.offsetMs, 7);
});

test('destination URIs the seed takes pass; others are refused with a reason', () => {
  for (const ok of ['udp://127.0.0.1:5004', 'udp://239.1.2.3:5004?ttl=4', 'udp://239.255.0.1:5004?ttl=1&localaddr=127.0.0.1',
    'tcp://host.lan:9000', 'tcp-listen://0.0.0.0:9000', 'udp://[::1]:5000']) {
    assert.equal(checkDestinationUri(ok), null, ok);
  }
  assert.match(checkDestinationUri('ftp://127.0.0.1:21'), /scheme/);
  assert.match(checkDestinationUri('udp://h:70000'), /port 70000/);
  assert.match(checkDestinationUri('udp://h:5?ttl=300'), /ttl 300/);
  assert.match(checkDestinationUri('tcp://h:9000?ttl=1'), /not a valid tcp destination/);
  assert.match(checkDestinationUri(''), /enter/);
});
