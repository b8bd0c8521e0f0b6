import { describe, expect, it } from 'vitest';
import { ALL_FACETS } from '../../../../rules/core/resources/facets/index.js';
import { ITEM_FACETS } from '../../../../rules/core/resources/facets/item-facets.js';

describe('the facets configuration items record', () => {
  it('are every facet that declares inItems, in ALL_FACETS order', () => {
    expect(ITEM_FACETS).toEqual(ALL_FACETS.filter((f) => f.inItems !== undefined));
  });
});
