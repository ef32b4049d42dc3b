//! The integration tests of citysync-mail, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

mod mail;
