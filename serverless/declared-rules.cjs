// Serverless variable source: `${file(./serverless/declared-rules.cjs):resources}` under `resources`
// turns the rules declared in `custom.vigil.rules` into AWS::IoT::TopicRule resources
// (lib/declared-rules). A variable source rather than a plugin: `serverless print`, which the local
// stack reads its rules from, resolves variables but runs no plugin hooks, so deploy and
// `npm start` (and its hot reload) see the very same generated rules.
'use strict';
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports.resources = async ({ resolveConfigurationProperty, resolveVariable }) => {
  const { declaredRuleResources } = tsxRequire('../lib/declared-rules/index.ts', __filename);
  const [declared, service, stage] = await Promise.all([
    resolveConfigurationProperty(['custom', 'vigil', 'rules']),
    resolveConfigurationProperty(['service']),
    resolveVariable('sls:stage'),
  ]);
  try {
    return { Resources: declaredRuleResources(declared, { service: typeof service === 'string' ? service : service.name, stage }) };
  } catch (error) {
    // Serverless prints the error's stack: the problems, one per line, are what the user needs.
    if (error.name === 'DeclaredRulesError') error.stack = error.message;
    throw error;
  }
};
