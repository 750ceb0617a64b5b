import { StaticKeyProvider, type KeySet } from '../../security/key-provider.js';
import { createDataConverter } from '../../security/data-converter.js';

/**
 * Fixed, public test keys: tests (and the recorded replay fixtures) use them so that every client and
 * worker in the suite shares one data converter. They protect nothing but synthetic test data.
 */
export const TEST_KEY_SET: KeySet = {
  current: 'test-2',
  keys: {
    'test-1': Buffer.alloc(32, 1).toString('base64'),
    'test-2': Buffer.alloc(32, 2).toString('base64'),
  },
};
export const testKeyProvider = new StaticKeyProvider(TEST_KEY_SET);
export const testDataConverter = createDataConverter(testKeyProvider);
