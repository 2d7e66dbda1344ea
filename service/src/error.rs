//! The service layer's error: a problem for the person, or a failure of ours.

use kheo_domain::i18n::{FieldFault, Problem};
use sea_orm::DbErr;

/// A service error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the person can act on; shown to him.
    #[error("{0:?}")]
    Problem(Problem),
    /// The database failed; logged, never shown.
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// Another failure of ours; logged, never shown.
    #[error("{0}")]
    Internal(String),
}

/// A service result.
pub type Result<T> = std::result::Result<T, Error>;

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Problem(p)
    }
}

impl Error {
    /// What the person is told. Internal failures are logged here, once.
    pub fn into_problem(self) -> Problem {
        match self {
            Error::Problem(p) => p,
            Error::Db(e) => {
                tracing::error!(error = %e, "database error");
                Problem::Internal
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                Problem::Internal
            }
        }
    }

    /// A missing object of the named kind.
    pub fn not_found(what: &str) -> Self {
        Error::Problem(Problem::NotFound { what: what.to_string() })
    }

    /// A bad field.
    pub fn field(field: impl Into<String>, fault: FieldFault) -> Self {
        Error::Problem(Problem::InvalidField { field: field.into(), fault })
    }
}
