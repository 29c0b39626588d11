// Serverless variable source: `${file(./scripts/model-files.cjs):modelFiles}` gives the seeding
// custom resource every file of models/ as JSON strings (CloudFormation would turn nested numbers
// into strings), the file each model and input came from (for the seeder's messages), plus a hash
// so that any change to the files updates the resource.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

module.exports.modelFiles = () => {
  const folder = path.join(__dirname, '..', 'models');
  const inputs = [];
  const models = [];
  const sources = { models: {}, inputs: {} };
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json')).sort()) {
    const content = JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
    for (const body of Array.isArray(content) ? content : [content]) {
      if ('inputName' in body) {
        inputs.push(JSON.stringify(body));
        sources.inputs[body.inputName] = `models/${name}`;
      }
      else if ('detectorModelName' in body) {
        models.push(JSON.stringify(body));
        sources.models[body.detectorModelName] = `models/${name}`;
      }
      else throw new Error(`models/${name} holds neither a CreateInput nor a CreateDetectorModel body`);
    }
  }
  const hash = createHash('sha256').update(JSON.stringify({ inputs, models })).digest('hex').slice(0, 16);
  return { Inputs: inputs, Models: models, Sources: sources, Hash: hash };
};
