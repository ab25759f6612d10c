import assert from 'node:assert/strict';
import { clientAddress, networkOf } from '../../../bot/domain/audit/network';

describe('client networks in the disclosure log', () => {
  it('cuts IPv4 to its /24 and IPv6 to its /48; an IPv4 address written as IPv6 is IPv4', () => {
    for (const [address, network] of [
      ['203.0.113.77', '203.0.113.0/24'],
      ['2001:db8:1:2::5', '2001:db8:1::/48'],
      ['2001:0db8:0001:0002:0003:0004:0005:0006', '2001:db8:1::/48'],
      ['2001:db8::1', '2001:db8::/48'],
      ['::ffff:203.0.113.7', '203.0.113.0/24'],
      ['::ffff:cb00:7107', '203.0.113.0/24'],
      ['fe80::1%eth0', 'fe80::/48'],
      ['::1', '::/48'],
    ])
      assert.equal(networkOf(address), network, address);
    for (const junk of [undefined, '', 'bogus', '999.1.1.1', '1:2:3'])
      assert.equal(networkOf(junk), undefined, String(junk));
  });

  it('takes the last forwarded address (the nearest proxy’s) without its port, else the connection’s', () => {
    assert.equal(clientAddress('198.51.100.1, 203.0.113.7:52314', '10.0.0.1'), '203.0.113.7');
    assert.equal(clientAddress('[2001:db8::1]:443', undefined), '2001:db8::1');
    assert.equal(clientAddress(['1.1.1.1', '2.2.2.2'], undefined), '2.2.2.2');
    assert.equal(clientAddress(undefined, '::ffff:127.0.0.1'), '::ffff:127.0.0.1');
    assert.equal(clientAddress('', undefined), undefined);
  });
});
