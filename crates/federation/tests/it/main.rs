//! The integration tests of citysync-federation, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

mod signature_time;
mod ssrf;
mod wire_time;
