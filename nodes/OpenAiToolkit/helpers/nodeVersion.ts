import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * The node's versions. Version 1 keeps the parameters, defaults and behaviour saved workflows were built with;
 * version 2 (what a new node gets) has per-resource model fields, Simplify Output, Return All on by default and
 * the resources added since. See actions/version2/ for what version 2 changes.
 */
export type NodeVersion = 1 | 2;

export const NODE_VERSIONS: readonly NodeVersion[] = [1, 2];
export const LATEST_VERSION: NodeVersion = 2;

export function versionOf(context: Pick<IExecuteFunctions | ILoadOptionsFunctions, 'getNode'>): NodeVersion {
	return context.getNode().typeVersion >= 2 ? 2 : 1;
}
