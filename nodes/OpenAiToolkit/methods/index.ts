import { fileSearch } from './files';
import { listSearch as modelSearch } from './listSearch';

/** Every list search of the node (the "From List" mode of its pickers), one spread per topic. */
export const listSearch = {
	...modelSearch,
	...fileSearch,
};
