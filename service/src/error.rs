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
    /// Another failure of ours; logged with its cause, never shown.
    #[error("{what}")]
    Internal {
        /// What we were doing.
        what: String,
        /// The failure underneath, when there is one (an I/O error, a
        /// closed channel's error), so the log line shows the cause.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
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
            Error::Db(e) if crate::storage::is_full(&e) => {
                tracing::warn!(error = %e, "the disk is full: a write was refused");
                crate::storage::refused_for_space();
                Problem::StorageFull
            }
            Error::Db(e) => {
                tracing::error!(error = %e, "database error");
                Problem::Internal
            }
            e @ Error::Internal { .. } => {
                tracing::error!(error = %chain(&e), "internal error");
                Problem::Internal
            }
        }
    }

    /// A failure of ours with nothing underneath.
    pub fn internal(what: impl Into<String>) -> Self {
        Error::Internal { what: what.into(), source: None }
    }

    /// A failure of ours caused by `source`.
    pub fn internal_from(what: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Internal { what: what.into(), source: Some(Box::new(source)) }
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

/// An error and its causes on one line, outermost first.
fn chain(e: &dyn std::error::Error) -> String {
    let mut line = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        line.push_str(": ");
        line.push_str(&c.to_string());
        cause = c.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_keeps_its_cause_for_the_log() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "quyền bị từ chối");
        let e = Error::internal_from("backups/kheo.db", io);
        assert_eq!(chain(&e), "backups/kheo.db: quyền bị từ chối");
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(chain(&Error::internal("no winner")), "no winner");
    }
}
