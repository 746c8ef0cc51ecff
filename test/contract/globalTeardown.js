'use strict';

module.exports = async () => {
	globalThis.__PRISM__?.kill();
};
