//! Federation tests
