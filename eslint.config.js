// ESLint: a small agreed rule set that finds bugs, not style (formatting is Prettier's job).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tests/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused code is noise or a bug; an underscore marks a deliberate ignore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Promises must be awaited, returned or voided on purpose (`void`): a lost rejection loses data.
      'no-void': 'off',
      eqeqeq: ['error', 'always'],
      // We match control characters and combining marks on purpose: to strip what XML and PDFs cannot hold,
      // and to keep marks, joiners and tags with the letters they belong to (names in every script).
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      'prefer-const': 'error',
    },
  },
  {
    // Test helpers pass untyped payloads through (socket.io events, JSON answers) by design.
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/**/*.tsx', 'client/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
