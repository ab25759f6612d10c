// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const infrastructure = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  '@azure/*',
  'azurite',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain and the cards stay free of Teams, HTTP and Azure so the Teams layer can be
    // swapped (e.g. for the Microsoft 365 Agents SDK) without touching them.
    files: ['bot/domain/**/*.ts', 'cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: infrastructure,
              message: 'Domain and cards must not depend on infrastructure.',
            },
          ],
        },
      ],
    },
  },
);
