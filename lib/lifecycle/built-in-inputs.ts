import type { CreateInputRequest } from '../model';
import { LIFECYCLE_INPUTS } from './catalog';

/**
 * CreateInput bodies declaring every built-in lifecycle input and its attributes, so
 * `validateModel(model, { inputs: [...builtInInputs(), ...userInputs] })` accepts models that read
 * `$input.AwsIotPresence.eventType` and friends. Objects and lists (`attributes`,
 * `jobProcessDetails`) are declared whole: a declared path covers everything below it. A fresh
 * array on every call, so callers may modify it.
 */
export function builtInInputs(): CreateInputRequest[] {
  return LIFECYCLE_INPUTS.map((input) => ({
    inputName: input.inputName,
    inputDescription: input.description,
    inputDefinition: { attributes: input.attributes.map((attribute) => ({ jsonPath: attribute.name })) },
  }));
}
