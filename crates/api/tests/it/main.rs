//! The integration tests of citysync-api, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

mod openapi_drift;
mod time;
