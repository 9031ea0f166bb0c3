// Trains the rubric's evidence weights on every labelled set in test/eval/ and writes core/email/rubric-weights.ts;
// prints the leave-one-set-out figures first, so a change is judged on sets it was not trained on.
// Measure a new labelled set once (JSON lines like test/eval/emails-*.jsonl) without training on it:
//   node --import tsx scripts/train-email-rubric.ts --measure /path/to/emails.jsonl
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  calibrate,
  describeCalibration,
  EMAIL_SETS,
  leaveOneSetOut,
  loadEmails,
  renderWeightsModule,
  roundedModel,
  trainShipped,
} from '../test/eval/calibration.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const measure = process.argv.indexOf('--measure');
if (measure >= 0) {
  const file = process.argv[measure + 1];
  if (!file) throw new Error('--measure needs the path of a labelled set');
  // The shipped weights, as they are in the repo: the set is scored, never trained on.
  console.log(describeCalibration(path.basename(file), calibrate(loadEmails(path.resolve(file)))));
} else {
  for (const { set, calibration } of leaveOneSetOut()) console.log(describeCalibration(`leave-one-set-out ${set}`, calibration));
  const all = EMAIL_SETS.flatMap((f) => loadEmails(f));
  const model = trainShipped();
  console.log(`score mapping from the leave-one-set-out predictions: 100 × σ(${model.mapping!.scale} × logOdds + ${model.mapping!.shift})`);
  console.log(describeCalibration(`all ${EMAIL_SETS.length} sets, scored by the weights trained on them`, calibrate(all, roundedModel(model))));
  fs.writeFileSync(path.join(root, 'core/email/rubric-weights.ts'), renderWeightsModule(model));
  console.log('wrote core/email/rubric-weights.ts');
}
