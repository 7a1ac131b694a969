// Type-aware lint for TypeScript (no floating promises, exhaustive switches, eqeqeq); plain rules
// for the JavaScript tools. `npm run check` runs it with --max-warnings 0.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// House rules (STYLE: "every status moves through a named transition", "only repositories touch SQL").
const TYPEORM_TYPES = new Set(['EntityManager', 'DataSource', 'QueryRunner', 'Repository', 'SelectQueryBuilder', 'QueryBuilder']);
const SQL_METHODS = new Set(['query', 'getRepository', 'createQueryBuilder', 'createQueryRunner']);
/** What a service may do with a DataSource or EntityManager it holds: open a transaction (and start or stop the pool). */
const UNIT_OF_WORK = new Set(['transaction', 'initialize', 'destroy']);
const house = {
  rules: {
    'status-through-transitions': {
      meta: {
        type: 'problem',
        schema: [],
        messages: { move: 'Change a status through a named transition of its `*-state.ts` module, never by assignment.' },
      },
      create(context) {
        const report = (node) => context.report({ node, messageId: 'move' });
        return {
          "AssignmentExpression[left.type='MemberExpression'][left.property.name='status']": report,
          // Building a new row with its first status (`Object.assign(new X(), { status })`) is not a move.
          "CallExpression[callee.object.name='Object'][callee.property.name='assign']:not([arguments.0.type='NewExpression']) > ObjectExpression > Property[key.name='status']":
            report,
        };
      },
    },
    'sql-in-repositories': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          sql: 'SQL and TypeORM managers belong in a `*.repository.ts` (or a libs/persistence helper); a service opens transactions and passes the manager on.',
        },
      },
      create(context) {
        const services = context.sourceCode.parserServices;
        const checker = services.program.getTypeChecker();
        const typeName = (node) => {
          const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
          return (type.aliasSymbol ?? type.getSymbol())?.getName();
        };
        const report = (node) => context.report({ node, messageId: 'sql' });
        return {
          'CallExpression > MemberExpression.callee'(m) {
            const name = m.property.type === 'Identifier' ? m.property.name : undefined;
            if (name && SQL_METHODS.has(name)) return report(m);
            if (name && !UNIT_OF_WORK.has(name) && TYPEORM_TYPES.has(typeName(m.object))) report(m);
          },
          "MemberExpression[property.name='manager']"(m) {
            if (TYPEORM_TYPES.has(typeName(m.object))) report(m);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked, prettier],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-inferrable-types': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    // Tests build rows in any state they need.
    ignores: ['**/*.spec.ts', '**/*-state.ts'],
    plugins: { house },
    rules: { 'house/status-through-transitions': 'error' },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    // Where SQL may live: repositories, migrations, libs/persistence, and the outbox, inbox and
    // relay inside libs/messaging.
    ignores: ['**/*.spec.ts', '**/*.repository.ts', '**/migrations/**', 'libs/persistence/**', 'libs/messaging/**'],
    plugins: { house },
    rules: { 'house/sql-in-repositories': 'error' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended, prettier],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { eqeqeq: ['error', 'always'], 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
