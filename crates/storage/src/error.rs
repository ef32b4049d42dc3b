use thiserror::Error;

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("database error")]
    Database(#[from] diesel::result::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("no database connection available")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("the database worker stopped")]
    Blocking(#[from] tokio::task::JoinError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

impl StorageError {
    /// A unique constraint refused the write (a duplicate username, a replayed activity…).
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            StorageError::Database(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }

    /// The database could not be reached or is too busy: callers answer 503, not 500.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StorageError::Pool(_) | StorageError::Connect(_))
    }
}
