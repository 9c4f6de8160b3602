import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FeatureTable } from '../../../src/core/model/feature-table.js';
import {
  fromModelJson,
  ModelFormatError,
  toModelJson,
  type ModelJson,
} from '../../../src/core/model/model-json.js';
import { explain, predictLogit } from '../../../src/core/model/predict.js';
import { trainAdditiveModel } from '../../../src/core/model/train.js';
import { additiveData, xorData } from './synthetic.js';

/** Segment, size and noise of the additive data plus the XOR's x and y: mains and a pair. */
function mixedData(): { table: FeatureTable; labels: Uint8Array } {
  const additive = additiveData(6000, 31);
  const xor = xorData(6000, 32);
  const labels = additive.labels.map((y, i) => (y || xor.labels[i] ? 1 : 0));
  return {
    table: {
      rows: 6000,
      columns: [...additive.table.columns, ...xor.table.columns.slice(0, 2)],
    },
    labels,
  };
}

const data = mixedData();
const model = trainAdditiveModel(data.table, data.labels, { seed: 2, bags: 3 });
const json = toModelJson(model);

describe('model JSON', () => {
  test('a round trip through JSON text predicts identically', () => {
    assert.ok(model.terms.some((t) => t.kind === 'pair'), 'the model has a pair to round-trip');
    const back = fromModelJson(JSON.stringify(json, null, 2));
    assert.deepEqual(predictLogit(back, data.table), predictLogit(model, data.table));
    assert.deepEqual(explain(back, data.table, 7), explain(model, data.table, 7));
    assert.deepEqual(toModelJson(back), json);
  });

  test('is versioned and readable: labels, bounds, categories and scores per bin', () => {
    assert.equal(json.format, 'leadsift-model');
    assert.equal(json.version, 1);
    const size = json.terms.find((t) => t.features[0] === 'size' && t.kind === 'main');
    assert.ok(size && size.kind === 'main');
    const missing = size.bins[0]!;
    assert.deepEqual(missing, { label: 'missing', missing: true, score: missing.score });
    assert.equal(size.bins[1]!.lower, undefined);
    assert.equal(size.bins[1]!.upper, size.bins[2]!.lower);
    assert.equal(size.bins.at(-1)!.upper, undefined);
    const segment = json.terms.find((t) => t.features[0] === 'segment');
    assert.ok(segment && segment.kind === 'main');
    assert.deepEqual(segment.bins[1]!.other, true);
    assert.ok(segment.bins.some((b) => b.categories?.[0] === "O'Brien & Co"));
    assert.equal(json.training.rows, 6000);
    assert.equal(json.training.seed, 2);
    assert.equal(json.training.options['bags'], 3);
  });

  test('rejects what is not a model, with the reason and where', () => {
    const broken = (change: (copy: ModelJson) => void): unknown => {
      const copy = structuredClone(json) as ModelJson;
      change(copy);
      return copy;
    };
    const cases: [unknown, RegExp][] = [
      ['{ not json', /not JSON/],
      [{ format: 'other' }, /not a leadsift model/],
      [{ ...json, version: 2 }, /unsupported model version 2: this leadsift reads version 1/],
      [broken((c) => (c.intercept = 'x' as unknown as number)), /intercept/],
      [
        broken((c) => {
          const term = c.terms.find((t) => t.kind === 'main' && t.type === 'numeric')!;
          if (term.kind === 'main') term.bins[2]!.lower = 1e9;
        }),
        /terms\[\d+\]\.bins\[2\]: lower 1000000000 does not continue/,
      ],
      [
        broken((c) => {
          const term = c.terms.find((t) => t.kind === 'main')!;
          if (term.kind === 'main') term.bins.shift();
        }),
        /the first bin must be the missing bin/,
      ],
      [
        broken((c) => c.terms.push(structuredClone(c.terms[0]!))),
        /a second main term for "segment"/,
      ],
      [
        broken((c) => {
          const pair = c.terms.find((t) => t.kind === 'pair')!;
          if (pair.kind === 'pair') pair.scores.pop();
        }),
        /scores: must be \d+ rows of \d+ scores/,
      ],
      [
        broken((c) => {
          const pair = c.terms.find((t) => t.kind === 'pair')!;
          if (pair.kind === 'pair') pair.features[1] = 'nowhere';
        }),
        /pair feature "nowhere" has no main term/,
      ],
      [
        broken((c) => {
          const pair = c.terms.find((t) => t.kind === 'pair' && t.axes[0].type === 'numeric')!;
          if (pair.kind !== 'pair') return;
          // Move the first inner cut point of the pair's axis off the main cut points.
          const [first, second] = [pair.axes[0].bins[1]!, pair.axes[0].bins[2]!];
          const moved = first.upper! + (second.upper! - first.upper!) / 3;
          first.upper = second.lower = moved;
        }),
        /axes\[0\]: pair axis "\w+": cut point [-\d.e]+ is not a main cut point/,
      ],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => fromModelJson(input), (error: unknown) => {
        assert.ok(error instanceof ModelFormatError, String(error));
        assert.match(error.message, message);
        return true;
      });
    }
  });
});
