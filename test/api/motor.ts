import { controlRoutes } from '../../lib/api/control/routes';
import { dataRoutes } from '../../lib/api/data/routes';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import { example } from '../helpers/engine';
import { caller } from './call';
import { memoryBackend } from './fakes';

/** The ARN prefix of the local scope. */
export const ARN = 'arn:aws:iotevents:us-east-1:000000000000';

/** The AWS walkthrough's model and input. */
export const motor = example<CreateDetectorModelRequest>('motorDetectorModel.json');
export const [pressureInput] = example<CreateInputRequest[]>('motorDetectorModel.inputs.json');

/** A BatchPutMessage entry for the motor input, its payload base64-encoded as the SDK sends it. */
export const message = (messageId: string, motorid: string, pressure: number) => ({
  messageId,
  inputName: 'PressureInput',
  payload: Buffer.from(`{"motorid": "${motorid}", "sensorData": {"pressure": ${pressure}, "temperature": 39} }`).toString('base64'),
});

/** The AWS CLI example's BatchUpdateDetector entry for the motor model. */
export const backToNormal = (extra: object = {}) => ({
  messageId: '00001',
  detectorModelName: 'motorDetectorModel',
  keyValue: 'Fulton-A32',
  state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] },
  ...extra,
});

/** An empty in-memory back end, with callers for both APIs. */
export function apis() {
  const backend = memoryBackend();
  return { backend, call: caller(controlRoutes(backend.control)), data: caller(dataRoutes(backend.data), undefined) };
}

/** An in-memory back end with the motor input and model, and detector Fulton-A32 in Dangerous (80 psi). */
export async function motorBackend() {
  const backend = memoryBackend();
  const control = caller(controlRoutes(backend.control));
  await control('POST', '/inputs', pressureInput);
  await control('POST', '/detector-models', motor);
  const call = caller(dataRoutes(backend.data), undefined);
  await call('POST', '/inputs/messages', { messages: [message('00001', 'Fulton-A32', 80)] });
  return { backend, call };
}
