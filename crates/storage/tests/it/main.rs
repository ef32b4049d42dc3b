//! The integration tests of citysync-storage, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

mod storage;
