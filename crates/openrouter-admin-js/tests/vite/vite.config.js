// Relative asset URLs, so e2e.mjs can serve dist/ from any port.
export default { base: "./", logLevel: "warn" };
