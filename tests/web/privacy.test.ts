// Privacy by design (issue 7): a model trained on data with unique names, e-mails, student ids and
// codes holds none of those strings — not in the saved bytes (read as UTF-8 and as Latin-1), the
// predictions, the explanations, permutation importance, what-if changes or the model card. A
// control run with allowIdentifiers shows that the search does find identifiers when they are used.
import { describe, expect, it } from 'vitest';
import { audit, crossValidate, loadModel, modelCard, train, type Dataset, type Model } from '../../web/src/index.js';
import { withIdentifiers } from './fixtures.js';

const options = { target: 'G3', positive: 'G3 >= 10', hidden: [8], epochs: 20, seed: 1 };

/** The identifier strings that occur in `text`. */
function leaked(text: string, strings: readonly string[]): string[] {
  return strings.filter((s) => text.includes(s));
}

/** Every text a caller can get out of a model about the data. */
function outputs(model: Model, d: Dataset) {
  return {
    predictions: JSON.stringify(model.predict(d)),
    explanations: JSON.stringify([0, 1, 2, d.rows - 1].map((row) => model.explain({ data: d, row }))),
    importance: JSON.stringify(model.importance(d, { repeats: 1, seed: 1 })),
    whatIf: JSON.stringify(model.whatIf({ data: d, row: 0 })),
  };
}

describe('no raw identifier leaves the model', () => {
  it('not in the model bytes, predictions, explanations, importance, what-if or the model card', async () => {
    const { data, strings } = await withIdentifiers();
    const model = await train(data, options);
    const bytes = model.save();
    expect(leaked(new TextDecoder('utf-8').decode(bytes), strings)).toEqual([]);
    expect(leaked(new TextDecoder('latin1').decode(bytes), strings)).toEqual([]);
    // UTF-16 too (a string table written as JS strings would be UTF-16).
    expect(leaked(new TextDecoder('utf-16le').decode(bytes), strings)).toEqual([]);
    for (const [what, text] of Object.entries(outputs(model, data))) expect(leaked(text, strings), what).toEqual([]);

    const cv = await crossValidate(data, { ...options, epochs: 3, folds: 3 });
    const card = modelCard(model, { data, options, crossValidation: cv, audit: audit(model, data, { groupBy: ['sex', 'school'] }) });
    expect(leaked(card.markdown, strings)).toEqual([]);
    expect(leaked(JSON.stringify(card.json), strings)).toEqual([]);
    // The card says what was left out, by column name.
    expect(card.json.data.leftOut.map((l) => l.column)).toEqual(['student_id', 'name', 'email', 'code']);

    const reloaded = await loadModel(bytes);
    expect(leaked(JSON.stringify(reloaded.predict(data)), strings)).toEqual([]);
    reloaded.dispose();
    model.dispose();
  });

  it('control: with allowIdentifiers the same searches do find them (the test can fail)', async () => {
    const { data, strings } = await withIdentifiers();
    const model = await train(data, { ...options, epochs: 1, allowIdentifiers: true });
    const inBytes = leaked(new TextDecoder('utf-8').decode(model.save()), strings);
    expect(inBytes.length).toBeGreaterThanOrEqual(data.rows); // the one-hot vocabularies of name, email, ...
    const explanations = outputs(model, data).explanations;
    expect(leaked(explanations, strings).length).toBeGreaterThan(0);
    model.dispose();
  });
});
