//! The integration tests of citysync-i18n, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

mod i18n;
mod moments;
