//! Errors of the persistence layer.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `DATABASE_URL` names no backend we know.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    /// The database could not be reached or opened; carries the driver's own message.
    #[error("cannot connect to the database")]
    Connect(#[from] diesel::ConnectionError),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// The pool gave no connection in time.
    #[error("no database connection available")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// A query failed.
    #[error("database query failed")]
    Query(#[from] DieselError),
    /// A stored value could not be read back (a bug or a hand-edited row).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// The SQLite file's folder could not be created.
    #[error("cannot create the database folder {path}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// True when the error is a unique-constraint violation (on either backend).
pub fn is_unique_violation(error: &DieselError) -> bool {
    matches!(
        error,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}
