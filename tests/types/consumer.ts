// Type-level test of the public API as a consumer sees it (import 'pathwise' → web/dist/*.d.ts),
// compiled with strict by `tsc --noEmit -p tests/types` in npm test. Never executed.
import {
  audit,
  clearAll,
  crossValidate,
  eraseStudent,
  identifierColumns,
  importData,
  masteryColumns,
  modelCard,
  pseudonymise,
  STORAGE_PREFIX,
  toDataset,
  trainMastery,
  type Audit,
  type ClearReport,
  type ExcludedColumn,
  type GroupResult,
  type MetricGap,
  type ModelCard,
  Dataset,
  init,
  liveHandles,
  loadModel,
  parseCsv,
  PathwiseError,
  train,
  TRAIN_DEFAULTS,
  version,
  type ClassificationMetrics,
  type CrossValidation,
  type EpochProgress,
  type ErrorCode,
  type Metrics,
  type ModelInfo,
  type Prediction,
  type TrainOptions,
} from 'pathwise';

export async function consumer(file: Blob): Promise<void> {
  await init({ wasmURL: '/assets/pathwise.wasm' });
  const data: Dataset = await parseCsv(file, { delimiter: ';', strict: false });
  const fromText = await parseCsv('a,b\n1,2\n');
  const fromBytes = await parseCsv(new Uint8Array([97, 10, 49]));
  const rows: number = data.rows + fromText.rows + fromBytes.rows;
  const firstIssue: { code: string; row: number } | undefined = data.errors[0];
  const { train: trainSet, test } = await data.split({ test: 0.2, stratify: true, seed: 1, target: 'G3', positive: 'G3 >= 10' });

  const controller = new AbortController();
  const options: TrainOptions = {
    target: 'G3',
    positive: 'G3 >= 10',
    exclude: ['G1', 'G2'],
    hidden: [128, 64],
    epochs: 50,
    seed: 1,
    classWeight: 'balanced',
    numericImpute: 'median',
    perColumn: { absences: { scaling: 'minmax' } },
    onEpoch: ({ epoch, loss, valLoss }: EpochProgress) => console.log(epoch, loss, valLoss ?? 'n/a'),
    signal: controller.signal,
  };
  const model = await train(trainSet.exclude(['school']).select(trainSet.header.filter((h) => h !== 'school')), options);
  const metrics: Metrics = model.evaluate(test);
  if (metrics.task !== 'regression') {
    const c: ClassificationMetrics = metrics;
    const cells: number = c.confusion[0]?.[1] ?? 0;
    console.log(c.accuracy, c.f1, c.rocAuc, cells);
  } else {
    console.log(metrics.rmse);
  }
  const predictions: Prediction[] = model.predict([{ age: 17, sex: 'F', absences: null }]);
  const p: number = predictions[0]?.probability ?? NaN;
  const label: string | undefined = predictions[0]?.label;
  const info: ModelInfo = model.info;
  const bytes: Uint8Array = model.save();
  const again = await loadModel(bytes);
  {
    using scoped = again;
    console.log(scoped.isDisposed, info.classes, p, label);
  }
  model.dispose();

  const cv: CrossValidation = await crossValidate(data, { target: 'G3', positive: 'G3 >= 10', folds: 10, seed: 1 });
  const meanAccuracy: number | undefined = cv.mean.accuracy;
  console.log(meanAccuracy, cv.folds[0]?.metrics.task, rows, firstIssue, liveHandles(), version, TRAIN_DEFAULTS.epochs);

  try {
    await train(data, { target: 'G3', epochs: 0 });
  } catch (e) {
    if (e instanceof PathwiseError) {
      const code: ErrorCode = e.code;
      console.log(code === 'BAD_OPTION', e.message);
    }
  }
  // @ts-expect-error unknown option keys are type errors
  await train(data, { target: 'G3', epoch: 10 });
  // @ts-expect-error activation is a string-literal union
  await train(data, { target: 'G3', activation: 'gelu' });
  // @ts-expect-error Dataset is immutable
  data.rows = 3;

  // Privacy (issue 7): identifier exclusion, audit, model card, erase, clear-all.
  const excluded: readonly ExcludedColumn[] = (await train(data, { target: 'G3', allowIdentifiers: false })).excluded;
  const reasons: string[] = identifierColumns(data, { target: 'G3' }).map((e) => `${e.column}: ${e.reason}`);
  const cvExcluded: ExcludedColumn[] = cv.excluded;
  const a: Audit = audit(model, test, { groupBy: ['sex'], atRisk: 'not G3 >= 10', minRows: 5 });
  const group: GroupResult | undefined = a.groups[0];
  const recall: number | null = group?.atRiskRecall ?? null;
  const gap: MetricGap | undefined = a.gaps.find((g) => g.metric === 'atRiskRecall');
  const card: ModelCard = modelCard(model, { data, options, crossValidation: cv, audit: a, title: 'x' });
  const markdown: string = card.markdown;
  const featuresUsed: string[] = card.json.data.featuresUsed;
  const imported = await importData('user_id,skill_name,correct\n1,a,1\n', { key: 'k' });
  const log = toDataset(imported.log!);
  const kt = await trainMastery(log, { ...masteryColumns(log), seed: 1 });
  const [pseudonym] = await pseudonymise(['007'], 'k');
  const rest: typeof data = eraseStudent(data, pseudonym ?? '', 'student_id');
  const cleared: ClearReport = await clearAll();
  const names: string[] = cleared.databases;
  console.log(excluded, reasons, cvExcluded, recall, gap?.gap, markdown, featuresUsed, kt.isDisposed, rest.rows, names, STORAGE_PREFIX);
  // @ts-expect-error groupBy is required
  audit(model, test, {});
  // @ts-expect-error allowIdentifiers is a boolean
  await train(data, { target: 'G3', allowIdentifiers: 'yes' });
}
