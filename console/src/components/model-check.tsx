import { validateModel } from '../api/vigil';
import { useLoad } from '../hooks';
import { placeProblems, ProblemList, SourceView } from './model-source';
import { ErrorNotice, Loading } from './ui';

/**
 * A model's text checked by the console server's validator: the problems (ERROR: it would be
 * refused) and the analysis (WARNING, INFO), each at its line, and the text with them marked.
 */
export function ModelCheck({ text, label }: { text: string; label: string }) {
  const check = useLoad(() => validateModel(text), text);
  if (check.error) return <ErrorNotice error={check.error} what="Could not validate the model" />;
  if (!check.data) return <Loading what="the validation" />;
  const problems = placeProblems(text, check.data.problems, 'ERROR');
  const analysis = placeProblems(text, check.data.analysis ?? [], 'WARNING');
  const all = [...problems, ...analysis];
  return (
    <div class="model-check">
      <h3>Validation</h3>
      <ProblemList problems={problems} label="Validation problems" offset={0} />
      <h3>Analysis</h3>
      <ProblemList problems={analysis} label="Analysis findings" offset={problems.length} />
      <SourceView text={text} problems={all} label={label} />
    </div>
  );
}
