import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'test-artifacts/', '.tmp/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // IRC formatting codes are control characters: stripping them is deliberate.
      'no-control-regex': 'off',
    },
  },
  { files: ['public/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  // Data flows one way: machines know nothing of io or http; io knows nothing of http.
  {
    files: ['src/machines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/io/**', '**/http/**', '../io/*', '../http/*', 'node:*'] },
      ],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/http/**', '../http/*'] }] },
  },
);
