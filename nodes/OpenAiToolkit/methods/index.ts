import { fileSearch } from './files';
import { listSearch as modelSearch } from './listSearch';
import { vectorStoreSearch } from './vectorStores';
import { videoSearch } from './videos';

/** Every list search of the node (the "From List" mode of its pickers), one spread per topic. */
export const listSearch = {
	...modelSearch,
	...fileSearch,
	...videoSearch,
	...vectorStoreSearch,
};
