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

/** The features under bot/: each is reached from outside only through its index.ts. */
const FEATURES = [
  'questionnaire',
  'coordinator',
  'workshop',
  'delivery',
  'rounds',
  'setup',
  'record',
];
const featureDeepImport = {
  regex: `^(\\./|(\\.\\./)+)(${FEATURES.join('|')})/`,
  message: 'Import another feature through its index.ts.',
};

/** Cards are reached through cards/index.ts; only the Card type itself is taken from its file. */
const cardsDeepImport = {
  regex: '(^|/)cards/(?!card$)',
  message: 'Import cards through cards/index.ts.',
};

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
    // Everything but the Teams layer, the HTTP server, Microsoft Graph and the wiring stays free
    // of Teams, HTTP and Azure, so the Teams layer can be swapped (e.g. for the Microsoft 365 Agents SDK)
    // without touching it; and a feature is reached only through its index.ts.
    files: [
      'bot/domain/**/*.ts',
      'bot/lib/**/*.ts',
      ...FEATURES.map((f) => `bot/${f}/**/*.ts`),
      'bot/report/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: infrastructure,
              message: 'Features, the domain and cards must not depend on infrastructure.',
            },
            {
              regex: '(^|/)(teams|http|graph)(/|$)',
              message:
                'Only the wiring (bot/app.ts) knows the Teams layer, the HTTP server and Microsoft Graph.',
            },
            featureDeepImport,
            cardsDeepImport,
          ],
        },
      ],
    },
  },
  {
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: infrastructure, message: 'Cards must not depend on infrastructure.' },
            {
              regex: '(^|/)bot/(?!domain/|lib/)',
              message: 'Cards take view models: only bot/domain and bot/lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'bot/*.ts',
      'bot/teams/**/*.ts',
      'bot/http/**/*.ts',
      'bot/graph/**/*.ts',
      'bot/telemetry/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [featureDeepImport, cardsDeepImport] }],
    },
  },
);
