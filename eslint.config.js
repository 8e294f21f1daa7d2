import tseslint from 'typescript-eslint';

// Dependency direction between workspaces (see docs/ARCHITECTURE.md):
//   shared   <- telephony, server, web
//   telephony never imports server; web never imports server; shared imports nothing of ours.
const forbid = (...names) => ({
  patterns: names.flatMap((n) => [
    { group: [`@hotline/${n}`, `@hotline/${n}/*`], message: `this package must not depend on @hotline/${n}` },
    { group: [`**/${n}/src/**`, `../../${n}/**`, `../${n}/**`], message: `no relative imports into ${n}/` },
  ]),
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', forbid('telephony', 'server', 'web')] } },
  { files: ['telephony/**/*.ts'], rules: { 'no-restricted-imports': ['error', forbid('server', 'web')] } },
  { files: ['web/**/*.ts', 'web/**/*.tsx'], rules: { 'no-restricted-imports': ['error', forbid('server', 'telephony')] } },
  { files: ['server/**/*.ts'], rules: { 'no-restricted-imports': ['error', forbid('web')] } },
);
