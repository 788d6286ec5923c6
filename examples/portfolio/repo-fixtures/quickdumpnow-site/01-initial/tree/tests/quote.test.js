const test = require('node:test');
const assert = require('node:assert');
test('quote is yards times rate', () => assert.equal(3 * 45, 135));
