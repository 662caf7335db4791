import Testing

/// The whole-app integration suites, one test at a time: each drives real
/// servers (two API servers, PostgreSQL, MariaDB) through CLI processes, and
/// running them side by side only loads a small machine that other suites'
/// timing checks share.
@Suite(.serialized) enum ApplicationsIntegration {}
