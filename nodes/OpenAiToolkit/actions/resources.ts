import { customApiCall } from './customApiCall';
import { model } from './model';
import type { ResourceModule } from './types';

/**
 * Every resource of the node, keyed by its parameter value. The Resource dropdown, the router and the
 * description are all built from this one list: adding a resource is one import and one line here.
 */
export const resources: Record<string, ResourceModule> = {
	model,
	customApiCall,
};
