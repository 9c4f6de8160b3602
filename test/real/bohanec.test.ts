/**
 * Bohanec B2B sales opportunities (B2B_dataset.csv), analysed with mappings/b2b-bohanec.yaml.
 * Expected figures were computed independently of leadsift with Python's csv module
 * (csv.DictReader, collections.Counter over a column and over `Status == 'Won'`):
 *   448 rows, Status Won 227, Lost 221;
 *   Source: Joint past 339 (208 won), Referral 53 (13), Direct mail 16 (0), Media 23 (1);
 *   Client: Current 286 (199), New 158 (27); Up_sale: Yes 241 (179), No 207 (48).
 * There is no id column (leads are named by row number, so the 83 exact duplicate rows are
 * kept) and no dates, so every row is an eligible lead.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertClose } from '../core/stats/assert-close.js';
import { analyzeDataset, datasetDir, featureAttributes, rateOf, skipUnless } from './datasets.js';

const DIR = datasetDir('b2b-sales-bohanec');
const skip = skipUnless(DIR);

describe('Bohanec B2B sales (real data)', { skip }, () => {
  const get = analyzeDataset(DIR, 'b2b-bohanec');

  test('448 rows, 227 won, 221 lost, all eligible, nothing rejected', () => {
    const { inputs, totals, rejects, timeRules, baseRate } = get().analysis;
    assert.deepEqual(inputs.map((i) => [i.role, i.rows]), [['leads', 448]]);
    assert.equal(totals.leads, 448);
    assert.equal(totals.eligible, 448);
    assert.deepEqual(totals.byStatus, { won: 227, lost: 221, open: 0 });
    assert.deepEqual(rejects, []);
    assert.equal(timeRules.asOf, null);
    assertClose(baseRate.rate, 227 / 448, 1e-12, 'base rate');
  });

  test('Source (an activity column) counts match the file', () => {
    const a = get().analysis;
    const pairs = (label: string) => {
      const r = rateOf(a, label);
      return [r.kind, r.leads, r.wins];
    };
    assert.deepEqual(pairs('Source = Joint past'), ['interaction', 339, 208]);
    assert.deepEqual(pairs('Source = Referral'), ['interaction', 53, 13]);
    assert.deepEqual(pairs('Source = Direct mail'), ['interaction', 16, 0]);
    assert.deepEqual(pairs('Source = Media'), ['interaction', 23, 1]);
    assert.equal(rateOf(a, 'Source = Direct mail').verdict, 'not_enough_data');
  });

  test('fit and activity columns land where the mapping puts them', () => {
    const a = get().analysis;
    const client = rateOf(a, 'Client = Current');
    assert.deepEqual([client.kind, client.leads, client.wins], ['fit', 286, 199]);
    const newClient = rateOf(a, 'Client = New');
    assert.deepEqual([newClient.leads, newClient.wins], [158, 27]);
    const upSale = rateOf(a, 'Up_sale = Yes');
    assert.deepEqual([upSale.kind, upSale.leads, upSale.wins], ['interaction', 241, 179]);
    assert.deepEqual([rateOf(a, 'Up_sale = No').leads, rateOf(a, 'Up_sale = No').wins], [207, 48]);
  });

  test('the outcome column Status is not a feature; all 22 mapped columns are', () => {
    const attributes = featureAttributes(get().analysis);
    assert.ok(!attributes.has('Status'));
    assert.equal(attributes.size, 22);
  });
});
