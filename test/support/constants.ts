/** The API key every unit test's credential carries; tests assert it never shows up anywhere. */
export const TEST_API_KEY = 'sk-test-secret-key-1234567890';
