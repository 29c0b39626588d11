// Serverless variable source: `${file(./scripts/model-files.cjs):modelFiles}` gives the seeding
// custom resource every file of models/ (inputs, detector models, alarm models) as JSON strings (CloudFormation would turn nested numbers
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
  const alarmModels = [];
  const sources = { models: {}, inputs: {}, alarmModels: {} };
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json')).sort()) {
    const content = JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
    for (const body of Array.isArray(content) ? content : [content]) {
      if ('inputName' in body) {
        inputs.push(JSON.stringify(body));
        sources.inputs[body.inputName] = `models/${name}`;
      }
      // An alarm model is a body with `alarmRule` (as lib/model/alarm isAlarmModelBody says).
      else if ('alarmRule' in body) {
        alarmModels.push(JSON.stringify(body));
        sources.alarmModels[body.alarmModelName] = `models/${name}`;
      }
      else if ('detectorModelName' in body) {
        models.push(JSON.stringify(body));
        sources.models[body.detectorModelName] = `models/${name}`;
      }
      else throw new Error(`models/${name} holds neither a CreateInput, a CreateDetectorModel nor a CreateAlarmModel body`);
    }
  }
  // Alarm models join the hash only when there are some, so a stack without any keeps its hash.
  const hash = createHash('sha256').update(JSON.stringify(alarmModels.length ? { inputs, models, alarmModels } : { inputs, models })).digest('hex').slice(0, 16);
  return { Inputs: inputs, Models: models, AlarmModels: alarmModels, Sources: sources, Hash: hash };
};
